/**
 * The distinct values of a ByteDict as bytes: back to back in one arena, with each key's
 * start, length and hash. Keys are given in the order values are added.
 */
import type { DictBytes } from './dict-bytes.js';
import { releaseBuffer } from '../../parallel/release-buffer.js';

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

/** What interns fields: ByteDict, CodeDict. */
export interface Interner {
  internMany(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array): void;
}

/**
 * The key (or code) in `into` of each value of a dictionary's state (say another
 * thread's), by that state's key; values new to `into` are added in the state's order.
 * With `from`, only the values from key `from` on (the others' entries stay 0).
 * The state's arrays are released afterwards (see releaseBuffer): they came for this alone.
 */
export function internAll(state: ByteDictState, into: Interner, from = 0): Int32Array {
  const { arena, starts, lengths, size } = state;
  const out = new Int32Array(size);
  const B = 4096;
  const ends = new Int32Array(Math.min(size, B));
  const rows = new Int32Array(Math.min(size, B));
  for (let k0 = from; k0 < size; k0 += B) {
    const m = Math.min(B, size - k0);
    for (let f = 0; f < m; ++f) {
      ends[f] = starts[k0 + f] + lengths[k0 + f];
      rows[f] = k0 + f;
    }
    into.internMany(arena, starts.subarray(k0, k0 + m), ends, rows, m, out);
  }
  releaseBuffer(arena);
  releaseBuffer(starts);
  releaseBuffer(lengths);
  return out;
}

export class ByteArena {
  /** The number of values. */
  count = 0;
  arena = new Uint8Array(1 << 12);
  /** `arena` read 4 bytes at a time (sameTail). */
  private words = new DataView(this.arena.buffer);
  arenaLength = 0;
  starts: Int32Array;
  lengths: Int32Array;
  /** Each key's hash (kept for a hash table that grows), or 0 when not hashed. */
  hashes: Int32Array;
  /** No byte of any value is 0x80 or above. */
  ascii = true;
  /**
   * The length of every value when all have one (ids often do), else -1: value k then
   * starts at k * stride, found without reading `starts` (a cache miss saved a lookup).
   */
  stride = 0;

  constructor(expected: number) {
    const keys = Math.max(256, expected);
    this.starts = new Int32Array(keys);
    this.lengths = new Int32Array(keys);
    this.hashes = new Int32Array(keys);
  }

  /** Make room for `expected` values in all, the arena sized from the values so far. */
  reserve(expected: number): void {
    if (expected > this.starts.length) {
      this.starts = resized(this.starts, expected);
      this.lengths = resized(this.lengths, expected);
      this.hashes = resized(this.hashes, expected);
    }
    const bytes = this.count > 0 ? Math.ceil((this.arenaLength / this.count) * expected * 1.05) : 0;
    if (bytes > this.arena.length) this.setArena(resizedBytes(this.arena, this.arenaLength, bytes));
  }

  /** Add bytes[start, end) with hash `h`; returns its key. */
  add(bytes: Uint8Array, start: number, end: number, h: number): number {
    const k = this.count++;
    const len = end - start;
    if (this.arenaLength + len > this.arena.length) {
      this.setArena(resizedBytes(this.arena, this.arenaLength, Math.max(this.arena.length * 2, this.arenaLength + len)));
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
    if (len !== this.stride) this.stride = k === 0 ? len : -1;
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

  /**
   * Add values given back to back in `values`, their lengths in `lengths` (keys from
   * count on), with no hashes (see WasmHashTable); `ascii` if no byte of theirs is 0x80 or above.
   */
  append(values: Uint8Array, lengths: Int32Array, ascii: boolean): void {
    const n = lengths.length;
    const need = this.arenaLength + values.length;
    if (need > this.arena.length) this.setArena(resizedBytes(this.arena, this.arenaLength, Math.max(this.arena.length * 2, need)));
    this.arena.set(values, this.arenaLength);
    if (this.count + n > this.starts.length) {
      const keys = Math.max(this.starts.length * 2, this.count + n);
      this.starts = resized(this.starts, keys);
      this.lengths = resized(this.lengths, keys);
      this.hashes = resized(this.hashes, keys);
    }
    if (!ascii) this.ascii = false;
    let o = this.arenaLength;
    let stride = this.stride;
    for (let i = 0; i < n; ++i) {
      const k = this.count + i;
      const len = lengths[i];
      if (len !== stride) stride = k === 0 ? len : -1;
      this.starts[k] = o;
      this.lengths[k] = len;
      o += len;
    }
    this.stride = stride;
    this.count += n;
    this.arenaLength = o;
  }

  /**
   * True if bytes[start + 8, end) equals the bytes of key k past its first 8. `words` is
   * `bytes` as a DataView: the tails are compared 4 bytes at a time.
   */
  sameTail(bytes: Uint8Array, words: DataView, start: number, end: number, k: number): boolean {
    const arena = this.arena;
    const mine = this.words;
    const stride = this.stride;
    const o = (stride > 0 ? k * stride : this.starts[k]) - start;
    let i = start + 8;
    for (; i + 4 <= end; i += 4) if (mine.getInt32(o + i) !== words.getInt32(i)) return false;
    for (; i < end; ++i) if (arena[o + i] !== bytes[i]) return false;
    return true;
  }

  private setArena(arena: Uint8Array<ArrayBuffer>): void {
    this.arena = arena;
    this.words = new DataView(arena.buffer);
  }

  /** Views of the values (no copy). */
  view(): DictBytes {
    return {
      arena: this.arena.subarray(0, this.arenaLength),
      starts: this.starts.subarray(0, this.count),
      lengths: this.lengths.subarray(0, this.count),
      size: this.count,
      ascii: this.ascii,
    };
  }

  /** Copies of the values of keys [from, to), as a state of their own (keys from 0). */
  slice(from: number, to = this.count): ByteDictState {
    const size = Math.max(0, Math.min(to, this.count) - from);
    const at = size > 0 ? this.starts[from] : 0;
    const end = size > 0 ? this.starts[from + size - 1] + this.lengths[from + size - 1] : 0;
    const starts = new Int32Array(size);
    for (let k = 0; k < size; ++k) starts[k] = this.starts[from + k] - at;
    return { arena: this.arena.slice(at, end), starts, lengths: this.lengths.slice(from, from + size), size };
  }

  /** Copies of the values, exactly sized. */
  copy(): DictBytes {
    return {
      arena: this.arena.slice(0, this.arenaLength),
      starts: this.starts.slice(0, this.count),
      lengths: this.lengths.slice(0, this.count),
      size: this.count,
      ascii: this.ascii,
    };
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
