/**
 * Dictionary encoding keyed on raw bytes: a field's bytes are hashed and compared
 * in place, and each distinct value is decoded into a JS string at most once, when
 * the values are read. Loaders use it so that repeated values (ids, dates,
 * countries) never become one string per row, and hand the bytes on with the
 * column (DictBytes) so the engine can join ids without strings at all.
 */
import { finalHash, hashFields, headHash } from './byte-hash.js';
import { DigitIndex } from './digit-index.js';
import { lazyTexts, registerDictBytes, textsOf, type DictBytes } from './dict-bytes.js';
import { releaseBuffer } from './release-buffer.js';

export { decodeText } from './decode-text.js';

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

/** With decodeLazily, dictionaries up to this size still hand out their values decoded. */
const EAGER = 1 << 16;

/** Buckets for `n` values: a power of two, at most 5/8 of the slots filled. */
function bucketsFor(n: number): number {
  let buckets = 64;
  while (n * 8 > buckets * 4 * 5) buckets *= 2;
  return buckets;
}

// Fields whose buckets are loaded ahead of the lookups: 512 cache lines stay in L1/L2.
const WINDOW = 512;

/** Before the first value; then values by their digits (see DigitIndex); then hashed, for good. */
const LEARN = 0;
const DIGITS = 1;
const HASH = 2;

/**
 * Interns byte strings: equal bytes get equal keys 0, 1, 2, ... in first-seen order.
 *
 * The table is laid out for big dictionaries (a million customer ids), where every
 * lookup is a cache miss: a bucket is 4 slots in one 64-byte cache line, each slot a
 * value's first 8 bytes, its length and its key, so a value up to 8 bytes long is
 * found or added touching one cache line and no other memory. Batches (internMany)
 * load all their buckets first, so the misses overlap instead of queueing.
 *
 * Until a value of another shape comes, values that are a fixed prefix and digits
 * (customer ids such as C0000042) skip the hash table: their digits address a
 * DigitIndex. The keys are the same either way.
 */
export class ByteDict {
  private mode = LEARN;
  private digits: DigitIndex | null = null;
  /** The most distinct values announced (constructor, reserve), to size the hash table. */
  private reserved: number;
  /** Slots of 4 ints: first 4 bytes, next 4 bytes, length + 1 (0 = empty slot), key; 4 slots a bucket. */
  private table = new Int32Array(0);
  private limit = 0;
  private count = 0;
  private arena = new Uint8Array(1 << 12);
  private arenaLength = 0;
  private starts: Int32Array;
  private lengths: Int32Array;
  /** Each key's hash, to move long values when the table grows. */
  private hashes: Int32Array;
  private ascii = true;
  private decoded: string[] = [];
  private decodeLater = false;
  private lazy: readonly string[] | null = null;
  private lazyCount = 0;
  // The previous value: sorted or grouped input repeats it often, and checking it
  // first skips the table.
  private lastKey = -1;
  private lastW0 = 0;
  private lastW1 = 0;
  private lastLength = -1;
  private oneStart = new Int32Array(1);
  private oneEnd = new Int32Array(1);
  private batchHashes = new Int32Array(WINDOW);
  private batchW0 = new Int32Array(WINDOW);
  private batchW1 = new Int32Array(WINDOW);
  /** Where the bucket loads go, so that they are not optimized away. */
  private sink = 0;

  /** `expected`: about how many distinct values will come, when known (sizes the table once). */
  constructor(expected = 0) {
    this.reserved = expected;
    const keys = Math.max(256, expected);
    this.starts = new Int32Array(keys);
    this.lengths = new Int32Array(keys);
    this.hashes = new Int32Array(keys);
  }

  /**
   * Make room for `expected` distinct values in all (see expectedDistinct), so the table
   * is not doubled again on the way there. Never shrinks.
   */
  reserve(expected: number): void {
    this.reserved = Math.max(this.reserved, expected);
    const buckets = bucketsFor(expected);
    if (this.mode === HASH && buckets > this.table.length >> 4) this.grow(buckets);
    if (expected > this.starts.length) {
      this.starts = resized(this.starts, expected);
      this.lengths = resized(this.lengths, expected);
      this.hashes = resized(this.hashes, expected);
    }
    const bytes = this.count > 0 ? Math.ceil((this.arenaLength / this.count) * expected * 1.05) : 0;
    if (bytes > this.arena.length) this.arena = resizedBytes(this.arena, this.arenaLength, bytes);
  }

  /**
   * The values for a finished column, as `values` gives them, when the dictionary is done
   * with: a big one's are handed out undecoded over this dictionary's own bytes (no
   * copy), and its hash table is released at once (see releaseBuffer) rather than at the
   * next full collection, which may come only after the load's memory peak. The
   * dictionary must not be used afterwards.
   */
  finish(): readonly string[] {
    if (!(this.decodeLater && this.count > EAGER)) return this.values;
    const values = lazyTexts({
      arena: this.arena.subarray(0, this.arenaLength),
      starts: this.starts.subarray(0, this.count),
      lengths: this.lengths.subarray(0, this.count),
      size: this.count,
      ascii: this.ascii,
    });
    this.release();
    return values;
  }

  /** The number of distinct values seen. */
  get size(): number {
    return this.count;
  }

  /**
   * Hand a big dictionary's values out undecoded (see lazyTexts), for an owner that
   * passes them straight to dictColumn: that keeps the bytes and decodes the values
   * only if they are read, which the customer join does not. Reading such values
   * directly costs a proxy trap each.
   */
  decodeLazily(): void {
    this.decodeLater = true;
  }

  /** The distinct values as text; a key indexes into it. */
  get values(): readonly string[] {
    if (this.decodeLater && this.count > EAGER) {
      // Not this.lazy.length: reading the values decodes them.
      if (this.lazy === null || this.lazyCount !== this.count) {
        this.lazy = lazyTexts(this.bytes());
        this.lazyCount = this.count;
      }
      return this.lazy;
    }
    const view = { arena: this.arena, starts: this.starts, lengths: this.lengths, size: this.count, ascii: this.ascii };
    if (this.decoded.length < this.count) textsOf(view, this.decoded.length, this.decoded);
    registerDictBytes(this.decoded, () => this.bytes());
    return this.decoded;
  }

  /** The key of bytes[start, end), adding it if new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    if (this.mode === LEARN) this.learn(bytes, start, end);
    if (this.mode === DIGITS) {
      const d = this.digits!;
      const n = d.number(bytes, start, end);
      if (n >= 0 && d.cover(n, n, this.count + 1)) {
        const s = n - d.lo;
        let k = d.slots[s] - 1;
        if (k < 0) d.slots[s] = (k = this.add(bytes, start, end, 0)) + 1;
        return k;
      }
      this.toHash();
    }
    this.oneStart[0] = start;
    this.oneEnd[0] = end;
    hashFields(bytes, this.oneStart, this.oneEnd, 0, 1, this.batchW0, this.batchW1, this.batchHashes);
    const w0 = this.batchW0[0];
    const w1 = this.batchW1[0];
    const len = end - start;
    if (w0 === this.lastW0 && w1 === this.lastW1 && len === this.lastLength) {
      if (len <= 8 || this.sameTail(bytes, start, end, this.lastKey)) return this.lastKey;
    }
    const k = this.find(bytes, start, end, w0, w1, this.batchHashes[0], true);
    this.lastKey = k;
    this.lastW0 = w0;
    this.lastW1 = w1;
    this.lastLength = len;
    return k;
  }

  /**
   * Intern n fields at once: field f is bytes[starts[f], ends[f]) and its key goes to
   * out[rows[f]]. New values get keys in the order of the fields.
   */
  internMany(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array): void {
    this.many(bytes, starts, ends, rows, n, out, true);
  }

  /** Like internMany, but only looks the fields up: -1 for a value not in the dictionary. */
  lookupMany(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array): void {
    this.many(bytes, starts, ends, rows, n, out, false);
  }

  private many(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array, add: boolean): void {
    let from = 0;
    if (this.mode === LEARN && n > 0) {
      if (!add) {
        for (let f = 0; f < n; ++f) out[rows[f]] = -1;
        return;
      }
      this.learn(bytes, starts[0], ends[0]);
    }
    if (this.mode === DIGITS) from = this.manyDigits(bytes, starts, ends, rows, n, out, add);
    if (from < n) this.manyHashed(bytes, starts, ends, rows, from, n, out, add);
  }

  /**
   * many() while the values have the digit shape: returns how many fields it did, all
   * but when a value of another shape (or too far a number) is to be added, which moves
   * the dictionary to hashing for the rest.
   */
  private manyDigits(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array, add: boolean): number {
    const d = this.digits!;
    const ns = this.batchW0;
    for (let f0 = 0; f0 < n; ) {
      const m = Math.min(WINDOW, n - f0);
      const ok = d.numbers(bytes, starts, ends, f0, m, ns);
      if (add) {
        let min = ns[0];
        let max = ns[0];
        for (let i = 1; i < ok; ++i) {
          const v = ns[i];
          if (v < min) min = v;
          if (v > max) max = v;
        }
        if (ok > 0 && !d.cover(min, max, this.count + ok)) {
          this.toHash();
          return f0;
        }
      }
      const slots = d.slots;
      const lo = d.lo;
      // Load every slot first, as many() does its buckets: independent loads overlap.
      let sink = 0;
      for (let i = 0; i < ok; ++i) { const s = ns[i] - lo; if (s >>> 0 < slots.length) sink ^= slots[s]; }
      this.sink ^= sink;
      for (let i = 0; i < ok; ++i) {
        const s = ns[i] - lo;
        let k = s >>> 0 < slots.length ? slots[s] - 1 : -1;
        if (k < 0 && add) slots[s] = (k = this.add(bytes, starts[f0 + i], ends[f0 + i], 0)) + 1;
        out[rows[f0 + i]] = k;
      }
      f0 += ok;
      if (ok < m) {
        // A value of another shape: never in this dictionary yet.
        if (add) {
          this.toHash();
          return f0;
        }
        out[rows[f0++]] = -1;
      }
    }
    return n;
  }

  private manyHashed(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, from: number, n: number, out: Int32Array, add: boolean): void {
    const hs = this.batchHashes;
    const w0s = this.batchW0;
    const w1s = this.batchW1;
    for (let f0 = from; f0 < n; f0 += WINDOW) {
      const m = Math.min(WINDOW, n - f0);
      // 1. Words and hashes, reading the fields in order.
      hashFields(bytes, starts, ends, f0, m, w0s, w1s, hs);
      // 2. Load every bucket, and nothing else: these loads depend on no comparison,
      // so the processor has many cache misses in flight at once.
      {
        const table = this.table;
        const mask = (table.length >> 4) - 1;
        let sink = 0;
        for (let i = 0; i < m; ++i) sink ^= table[(hs[i] & mask) << 4];
        this.sink ^= sink;
      }
      // 3. Find or add each field, in order, in buckets now in cache.
      for (let i = 0; i < m; ++i) {
        const f = f0 + i;
        out[rows[f]] = this.find(bytes, starts[f], ends[f], w0s[i], w1s[i], hs[i], add);
      }
    }
  }

  /** The key of a value whose words and hash are known; new values are added, or with `add` false give -1. */
  private find(bytes: Uint8Array, start: number, end: number, w0: number, w1: number, h: number, add: boolean): number {
    const len = end - start;
    const l1 = len + 1;
    const table = this.table;
    const wrap = table.length - 1;
    // Linear probing from the first slot of the value's bucket.
    let q = (h & (wrap >> 4)) << 4;
    for (;;) {
      const l = table[q + 2];
      if (l === 0) break;
      if (l === l1 && table[q] === w0 && table[q + 1] === w1) {
        const k = table[q + 3];
        if (len <= 8 || this.sameTail(bytes, start, end, k)) return k;
      }
      q = (q + 4) & wrap;
    }
    if (!add) return -1;
    const k = this.add(bytes, start, end, h);
    table[q] = w0;
    table[q + 1] = w1;
    table[q + 2] = l1;
    table[q + 3] = k;
    if (this.count > this.limit) this.grow();
    return k;
  }

  /**
   * The bytes of every value for another thread, without a copy: views of this
   * dictionary's own arrays (send their buffers in the transfer list). The dictionary
   * is done with; its hash table is released.
   */
  take(): ByteDictState {
    this.release();
    return {
      arena: this.arena.subarray(0, this.arenaLength),
      starts: this.starts.subarray(0, this.count),
      lengths: this.lengths.subarray(0, this.count),
      size: this.count,
    };
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
   * keys, the key of the same value here. `other`'s arrays are released (see releaseBuffer).
   */
  remap(other: ByteDictState): Int32Array {
    const out = this.remapKeys(other);
    // The other thread's bytes were sent here for this alone.
    releaseBuffer(other.arena);
    releaseBuffer(other.starts);
    releaseBuffer(other.lengths);
    return out;
  }

  private remapKeys(other: ByteDictState): Int32Array {
    const n = other.size;
    const out = new Int32Array(n);
    const { arena, starts, lengths } = other;
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

  /** The values as bytes, copied out exactly sized (see DictBytes). */
  bytes(): DictBytes {
    return { ...this.state(), ascii: this.ascii };
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
      this.arena = resizedBytes(this.arena, this.arenaLength, Math.max(this.arena.length * 2, this.arenaLength + len));
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
      this.starts = doubled(this.starts);
      this.lengths = doubled(this.lengths);
      this.hashes = doubled(this.hashes);
    }
    this.starts[k] = this.arenaLength;
    this.lengths[k] = len;
    this.hashes[k] = h;
    this.arenaLength = o;
    return k;
  }

  /** Start with digits if the first value has the shape, else hash from now on. */
  private learn(bytes: Uint8Array, start: number, end: number): void {
    this.digits = DigitIndex.learn(bytes, start, end);
    if (this.digits) this.mode = DIGITS;
    else this.toHash();
  }

  /** Move every value so far into a hash table, and hash from now on. */
  private toHash(): void {
    if (this.digits) releaseBuffer(this.digits.slots);
    this.digits = null;
    this.mode = HASH;
    this.allocate(bucketsFor(Math.max(this.reserved, this.count)));
    const n = this.count;
    const starts = this.starts;
    const ends = new Int32Array(n);
    for (let k = 0; k < n; ++k) ends[k] = starts[k] + this.lengths[k];
    const { batchW0: w0s, batchW1: w1s, batchHashes: hs, table, hashes } = this;
    const wrap = table.length - 1;
    for (let k0 = 0; k0 < n; k0 += WINDOW) {
      const m = Math.min(WINDOW, n - k0);
      hashFields(this.arena, starts, ends, k0, m, w0s, w1s, hs);
      for (let i = 0; i < m; ++i) {
        const k = k0 + i;
        hashes[k] = hs[i];
        let q = (hs[i] & (wrap >> 4)) << 4;
        while (table[q + 2] !== 0) q = (q + 4) & wrap;
        table[q] = w0s[i];
        table[q + 1] = w1s[i];
        table[q + 2] = this.lengths[k] + 1;
        table[q + 3] = k;
      }
    }
  }

  /** Give back the lookup structures (the values' bytes stay). */
  private release(): void {
    releaseBuffer(this.table);
    releaseBuffer(this.hashes);
    if (this.digits) releaseBuffer(this.digits.slots);
    this.digits = null;
  }

  /** An empty table of `buckets` buckets. */
  private allocate(buckets: number): void {
    this.table = new Int32Array(16 * buckets);
    // Write every page before the probing reads it: a fresh page read first is mapped
    // once to read and faults again on the first write.
    if (buckets >= 1 << 14) this.table.fill(0);
    this.limit = (buckets * 4 * 5) >> 3;
  }

  /** Double the table, or grow it to `buckets` buckets. */
  private grow(buckets = (this.table.length >> 4) * 2): void {
    const old = this.table;
    this.allocate(buckets);
    const table = this.table;
    const wrap = table.length - 1;
    const mask = wrap >> 4;
    const hashes = this.hashes;
    for (let p = 0; p < old.length; p += 4) {
      const l = old[p + 2];
      if (l === 0) continue;
      // Short values' hashes come from the slot itself: no random read of `hashes`.
      // Read in slot order, the entries land in two nearly sequential runs.
      const h = l <= 9 ? finalHash(headHash(old[p], old[p + 1], l - 1)) : hashes[old[p + 3]];
      let q = (h & mask) << 4;
      while (table[q + 2] !== 0) q = (q + 4) & wrap;
      table[q] = old[p];
      table[q + 1] = old[p + 1];
      table[q + 2] = l;
      table[q + 3] = old[p + 3];
    }
    releaseBuffer(old);
  }
}

function doubled(a: Int32Array): Int32Array<ArrayBuffer> {
  return resized(a, a.length * 2);
}

function resized(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(n);
  next.set(a);
  releaseBuffer(a);
  return next;
}

function resizedBytes(a: Uint8Array, used: number, n: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(n);
  next.set(a.subarray(0, used));
  releaseBuffer(a);
  return next;
}
