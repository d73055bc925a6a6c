/**
 * Dictionary encoding keyed on raw bytes: a field's bytes are hashed and compared
 * in place, and only the first occurrence of each distinct value is decoded into a
 * JS string. Loaders use it so that repeated values (ids, dates, countries) never
 * become one string per row.
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

/** Interns byte strings: equal bytes get equal keys 0, 1, 2, ... in first-seen order. */
export class ByteDict {
  /** The decoded distinct values; a key indexes into it. */
  readonly values: string[] = [];
  private arena = new Uint8Array(1 << 12);
  private arenaLength = 0;
  private starts = new Int32Array(256);
  private lengths = new Int32Array(256);
  private table = new Int32Array(2 * 1024).fill(-1);
  private mask = 1023;
  private last = -1;

  /** The number of distinct values seen. */
  get size(): number {
    return this.values.length;
  }

  /** The key of bytes[start, end), adding it if new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    // Sorted or grouped input repeats the previous value often; checking it first
    // skips the hash.
    const last = this.last;
    if (last >= 0 && this.lengths[last] === end - start) {
      const s = this.starts[last] - start;
      const arena = this.arena;
      let i = start;
      while (i < end && arena[s + i] === bytes[i]) ++i;
      if (i === end) return last;
    }
    return (this.last = this.lookup(bytes, start, end));
  }

  private lookup(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; ++i) h = Math.imul(h ^ bytes[i], 0x01000193);
    const { table, mask, starts, lengths, arena } = this;
    const len = end - start;
    // Slots hold (key, hash) pairs so a probe touches the arena only on a hash match.
    let slot = h & mask;
    for (;;) {
      const k = table[2 * slot];
      if (k < 0) break;
      if (table[2 * slot + 1] === h && lengths[k] === len) {
        const s = starts[k] - start;
        let i = start;
        while (i < end && arena[s + i] === bytes[i]) ++i;
        if (i === end) return k;
      }
      slot = (slot + 1) & mask;
    }
    return this.add(bytes, start, end, h, slot);
  }

  private add(bytes: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const k = this.values.length;
    const len = end - start;
    if (this.arenaLength + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + len));
      next.set(this.arena.subarray(0, this.arenaLength));
      this.arena = next;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaLength);
    if (k === this.starts.length) {
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
    }
    this.starts[k] = this.arenaLength;
    this.lengths[k] = len;
    this.arenaLength += len;
    this.values.push(decodeText(bytes, start, end));
    this.table[2 * slot] = k;
    this.table[2 * slot + 1] = h;
    // Keep the table at most half full so probe runs stay short.
    if ((k + 1) * 2 > this.mask + 1) this.rehash();
    return k;
  }

  private rehash(): void {
    const slots = (this.mask + 1) * 2;
    const old = this.table;
    const table = new Int32Array(2 * slots).fill(-1);
    const mask = slots - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] < 0) continue;
      let slot = old[i + 1] & mask;
      while (table[2 * slot] >= 0) slot = (slot + 1) & mask;
      table[2 * slot] = old[i];
      table[2 * slot + 1] = old[i + 1];
    }
    this.table = table;
    this.mask = mask;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}
