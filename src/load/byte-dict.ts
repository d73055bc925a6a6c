/**
 * Dictionary encoding keyed on raw bytes: a field's bytes are hashed and compared
 * in place, and each distinct value is decoded into a JS string once, when the
 * values are first asked for. Loaders use it so that repeated values (ids, dates,
 * countries) never become one string per row.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Windows-1252 bytes 0x80-0x9F (Node's TextDecoder('windows-1252') reads them as
// Latin-1 control characters instead); undefined bytes stay as they are.
const CP1252_HIGH = '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

/** Decode bytes as Windows-1252. */
function decodeCp1252(bytes: Uint8Array, start: number, end: number): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]);
}

/**
 * Decode bytes as UTF-8; bytes that are not valid UTF-8 are read as Windows-1252,
 * the usual encoding of CSV files saved by Excel, rather than turned into U+FFFD.
 */
export function decodeText(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let ascii = true;
  for (let i = start; i < end; ++i) {
    if (bytes[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    // Short ASCII values are the common case; fromCharCode avoids a decoder call.
    if (end - start <= 64) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  }
  try {
    return utf8.decode(bytes.subarray(start, end));
  } catch {
    return decodeCp1252(bytes, start, end);
  }
}

/** A ByteDict's distinct values as bytes, for sending to another thread (transferable buffers). */
export interface ByteDictState {
  /** The values' bytes, back to back. */
  arena: Uint8Array;
  /** Start of each key's bytes in `arena`. */
  starts: Int32Array;
  /** Length of each key's bytes. */
  lengths: Int32Array;
  size: number;
}

/** Hash of a value from its first 8 bytes (two little-endian words) and its length. */
function headHash(w0: number, w1: number, len: number): number {
  return Math.imul(w0 ^ Math.imul(w1, 0x9e3779b1) ^ len, 0x85ebca6b);
}

/** Final mixing, so every bit of the hash reaches the low bits used as the slot. */
function finalHash(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/**
 * Interns byte strings: equal bytes get equal keys 0, 1, 2, ... in first-seen order.
 *
 * The table is laid out for big dictionaries (a million customer ids): each slot
 * holds a value's first 8 bytes, its length and its key side by side, so a lookup
 * of a value up to 8 bytes long touches one cache line and no other memory.
 */
export class ByteDict {
  /** Slots of 4 ints: first 4 bytes, next 4 bytes, length + 1 (0 = empty slot), key. */
  private table: Int32Array;
  private mask: number;
  private count = 0;
  private arena = new Uint8Array(1 << 12);
  private arenaLength = 0;
  private starts: Int32Array;
  private lengths: Int32Array;
  private hashes: Int32Array;
  private ascii = true;
  private decoded: string[] = [];
  // The previous value: sorted or grouped input repeats it often, and checking it
  // first skips the hash.
  private lastKey = -1;
  private lastW0 = 0;
  private lastW1 = 0;
  private lastLength = -1;
  private batchHashes = new Int32Array(0);
  private batchW0 = new Int32Array(0);
  private batchW1 = new Int32Array(0);
  private batchKeys = new Int32Array(0);
  private batchLengths = new Int32Array(0);

  /** `expected`: about how many distinct values will come, when known (sizes the table once). */
  constructor(expected = 0) {
    let slots = 1024;
    while (expected * 8 > slots * 5) slots *= 2;
    this.table = new Int32Array(4 * slots);
    this.mask = slots - 1;
    const keys = Math.max(256, expected);
    this.starts = new Int32Array(keys);
    this.lengths = new Int32Array(keys);
    this.hashes = new Int32Array(keys);
  }

  /** The number of distinct values seen. */
  get size(): number {
    return this.count;
  }

  /** The decoded distinct values; a key indexes into it. */
  get values(): string[] {
    if (this.decoded.length < this.count) this.decode();
    return this.decoded;
  }

  /** The key of bytes[start, end), adding it if new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    let w0 = 0;
    let w1 = 0;
    if (len >= 8) {
      w0 = bytes[start] | (bytes[start + 1] << 8) | (bytes[start + 2] << 16) | (bytes[start + 3] << 24);
      w1 = bytes[start + 4] | (bytes[start + 5] << 8) | (bytes[start + 6] << 16) | (bytes[start + 7] << 24);
    } else {
      for (let i = 0; i < len; ++i) {
        if (i < 4) w0 |= bytes[start + i] << (i << 3);
        else w1 |= bytes[start + i] << ((i - 4) << 3);
      }
    }
    if (w0 === this.lastW0 && w1 === this.lastW1 && len === this.lastLength) {
      if (len <= 8 || this.sameTail(bytes, start, end, this.lastKey)) return this.lastKey;
    }
    let h = headHash(w0, w1, len);
    for (let i = start + 8; i < end; ++i) h = Math.imul(h ^ bytes[i], 0x01000193);
    const k = this.probe(bytes, start, end, w0, w1, finalHash(h));
    this.lastKey = k;
    this.lastW0 = w0;
    this.lastW1 = w1;
    this.lastLength = len;
    return k;
  }

  /**
   * Intern n fields at once: field f is bytes[starts[f], ends[f]) and its key goes to
   * out[rows[f]]. Hashing every field first, then probing in a tight loop, lets the
   * processor overlap the cache misses of a big table instead of waiting on each.
   */
  internMany(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array): void {
    if (this.batchHashes.length < n) {
      this.batchHashes = new Int32Array(n);
      this.batchW0 = new Int32Array(n);
      this.batchW1 = new Int32Array(n);
      this.batchKeys = new Int32Array(n);
      this.batchLengths = new Int32Array(n);
    }
    const hs = this.batchHashes;
    const w0s = this.batchW0;
    const w1s = this.batchW1;
    const ks = this.batchKeys;
    const ls = this.batchLengths;
    // 1. Words and hashes, reading the fields in order.
    for (let f = 0; f < n; ++f) {
      const start = starts[f];
      const end = ends[f];
      const len = end - start;
      let w0 = 0;
      let w1 = 0;
      if (len >= 8) {
        w0 = bytes[start] | (bytes[start + 1] << 8) | (bytes[start + 2] << 16) | (bytes[start + 3] << 24);
        w1 = bytes[start + 4] | (bytes[start + 5] << 8) | (bytes[start + 6] << 16) | (bytes[start + 7] << 24);
      } else {
        for (let i = 0; i < len; ++i) {
          if (i < 4) w0 |= bytes[start + i] << (i << 3);
          else w1 |= bytes[start + i] << ((i - 4) << 3);
        }
      }
      let h = headHash(w0, w1, len);
      for (let i = start + 8; i < end; ++i) h = Math.imul(h ^ bytes[i], 0x01000193);
      hs[f] = finalHash(h);
      w0s[f] = w0;
      w1s[f] = w1;
      ls[f] = len + 1;
    }
    // 2. The first slot of each field, without branches: most values already there
    // are found at once, and these independent loads proceed in parallel.
    {
      const table = this.table;
      const mask = this.mask;
      for (let f = 0; f < n; ++f) {
        const p = (hs[f] & mask) << 2;
        ks[f] = table[p] === w0s[f] && table[p + 1] === w1s[f] && table[p + 2] === ls[f] ? table[p + 3] : -1;
      }
    }
    // 3. The rest in order (so new values get keys in first-seen order): long values'
    // tails, collisions and new values.
    for (let f = 0; f < n; ++f) {
      const start = starts[f];
      const end = ends[f];
      let k = ks[f];
      if (k < 0 || (end - start > 8 && !this.sameTail(bytes, start, end, k))) k = this.probe(bytes, start, end, w0s[f], w1s[f], hs[f]);
      out[rows[f]] = k;
    }
  }

  /** Find or add a value whose words and hash are known. */
  private probe(bytes: Uint8Array, start: number, end: number, w0: number, w1: number, h: number): number {
    const len = end - start;
    const table = this.table;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const p = slot << 2;
      const l = table[p + 2];
      if (l === 0) break;
      if (table[p] === w0 && table[p + 1] === w1 && l === len + 1) {
        const k = table[p + 3];
        if (len <= 8 || this.sameTail(bytes, start, end, k)) return k;
      }
      slot = (slot + 1) & mask;
    }
    const k = this.add(bytes, start, end, h);
    const p = slot << 2;
    table[p] = w0;
    table[p + 1] = w1;
    table[p + 2] = len + 1;
    table[p + 3] = k;
    // Keep the table at most 5/8 full so probe runs stay short.
    if (this.count * 8 > (this.mask + 1) * 5) this.rehash();
    return k;
  }

  /** The bytes of every value, for {@link ByteDict.remap} in another thread. */
  state(): ByteDictState {
    return {
      arena: this.arena.slice(0, this.arenaLength),
      starts: this.starts.slice(0, this.count),
      lengths: this.lengths.slice(0, this.count),
      size: this.count,
    };
  }

  /**
   * Intern every value of another dictionary (see state()); returns, for each of its
   * keys, the key of the same value here.
   */
  remap(other: ByteDictState): Int32Array {
    const n = other.size;
    const out = new Int32Array(n);
    const { arena, starts, lengths } = other;
    // In batches through internMany (its two-phase probing is the fast path).
    const B = 4096;
    const ends = new Int32Array(Math.min(n, B));
    const rows = new Int32Array(Math.min(n, B));
    for (let k0 = 0; k0 < n; k0 += B) {
      const m = Math.min(B, n - k0);
      for (let f = 0; f < m; ++f) {
        ends[f] = starts[k0 + f] + lengths[k0 + f];
        rows[f] = k0 + f;
      }
      this.internMany(arena, starts.subarray(k0, k0 + m), ends, rows, m, out);
    }
    return out;
  }

  /** True if bytes[start + 8, end) equals the bytes of key k past its first 8. */
  private sameTail(bytes: Uint8Array, start: number, end: number, k: number): boolean {
    const arena = this.arena;
    const o = this.starts[k] - start;
    for (let i = start + 8; i < end; ++i) if (arena[o + i] !== bytes[i]) return false;
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, h: number): number {
    const k = this.count++;
    const len = end - start;
    if (this.arenaLength + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + len));
      next.set(this.arena.subarray(0, this.arenaLength));
      this.arena = next;
    }
    const arena = this.arena;
    let o = this.arenaLength;
    let high = 0;
    for (let i = start; i < end; ++i) {
      const b = bytes[i];
      high |= b;
      arena[o++] = b;
    }
    if (high >= 0x80) this.ascii = false;
    if (k === this.starts.length) {
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
      this.hashes = grow(this.hashes);
    }
    this.starts[k] = this.arenaLength;
    this.lengths[k] = len;
    this.hashes[k] = h;
    this.arenaLength = o;
    return k;
  }

  private rehash(): void {
    const slots = (this.mask + 1) * 2;
    const old = this.table;
    const table = new Int32Array(4 * slots);
    const mask = slots - 1;
    const hashes = this.hashes;
    for (let p = 0; p < old.length; p += 4) {
      const l = old[p + 2];
      if (l === 0) continue;
      // Short values' hashes come from the slot itself: no random read of `hashes`.
      // Read in slot order, the entries then land in two nearly sequential runs.
      const h = l <= 9 ? finalHash(headHash(old[p], old[p + 1], l - 1)) : hashes[old[p + 3]];
      let slot = h & mask;
      while (table[(slot << 2) + 2] !== 0) slot = (slot + 1) & mask;
      const q = slot << 2;
      table[q] = old[p];
      table[q + 1] = old[p + 1];
      table[q + 2] = old[p + 2];
      table[q + 3] = old[p + 3];
    }
    this.table = table;
    this.mask = mask;
  }

  /** Decode the values added since the last call. */
  private decode(): void {
    const { arena, starts, lengths, decoded } = this;
    let k = decoded.length;
    if (this.ascii && this.count - k > 64) {
      // One latin1 string for the whole arena, then a slice per value: far fewer
      // calls than decoding each value on its own.
      const from = starts[k];
      const all = Buffer.from(arena.buffer, arena.byteOffset + from, this.arenaLength - from).toString('latin1');
      for (; k < this.count; ++k) decoded.push(all.slice(starts[k] - from, starts[k] - from + lengths[k]));
      return;
    }
    for (; k < this.count; ++k) decoded.push(decodeText(arena, starts[k], starts[k] + lengths[k]));
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}
