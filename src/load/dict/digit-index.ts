/**
 * A direct-address index for values of one shape: a fixed prefix, then a fixed number of
 * decimal digits ("C0000042", "17850", "user-000123"). Customer ids very often look like
 * this, and for them a value's digits are its slot: no hashing, no key comparison, and
 * 4 bytes a value instead of a hash table's 16, so a million ids fit in the L3 cache.
 * ByteDict uses it until a value of another shape comes, then moves to its hash table.
 */
import type { ByteArena } from './byte-arena.js';
import { EITHER, FIXED, FREE, type DigitMode } from './digit-mode.js';
import { numbersByWord } from './word-numbers.js';
import { coverNumbers } from './cover-numbers.js';

/** Fields read together: their slots are loaded first, so the cache misses overlap. */
export const DIGIT_WINDOW = 512;
const WINDOW = DIGIT_WINDOW;
/** The most digits read as the number: 10^9 - 1 still fits an int32. */
const MAX_DIGITS = 9;


export class DigitIndex {
  /** Length of every value (FIXED, EITHER; for FREE the length of the value it was learnt from). */
  readonly length: number;
  /** How the digits are written (see FIXED, FREE, EITHER); only a marking index is ever not FIXED. */
  mode: DigitMode = FIXED;
  /** The bytes before the digits, the same in every value. */
  readonly prefix: Uint8Array;
  /** key + 1 of the value numbered lo + i at i; 0 for none (empty when marking). */
  slots: Int32Array;
  /** Bit i (of word i >> 5) set when the value numbered lo + i has been seen (marking; else empty). */
  present: Int32Array;
  /** The number at index 0 of slots or bit 0 of present (a multiple of 32 when marking). */
  lo: number;
  /** Whether the index marks numbers seen (present) rather than keeping keys (slots). */
  readonly marks: boolean;
  /** Marking: the least and most numbers covered so far (what cover-numbers.ts's MARK_SPAN limits). */
  least = Infinity;
  most = -Infinity;
  /** Where the slot loads go, so that they are not optimized away. */
  private sink = 0;
  /**
   * Values of 8 bytes or more with at most 8 digits are read as their last 8 bytes, two
   * little-endian words: the prefix bytes in them are checked under a mask, and the
   * digits checked and converted 4 at a time (SWAR): see word-numbers.ts, which reads
   * the masks below.
   */
  private readonly words: boolean;
  readonly mask0: number;
  readonly bits0: number;
  readonly mask1: number;
  readonly bits1: number;

  private constructor(length: number, prefix: Uint8Array, marks: boolean) {
    this.length = length;
    this.prefix = prefix;
    this.lo = 0;
    this.marks = marks;
    this.slots = new Int32Array(marks ? 0 : 1024);
    this.present = new Int32Array(marks ? 32 : 0);
    this.words = length >= 8 && length - prefix.length <= 8;
    let mask0 = 0;
    let bits0 = 0;
    let mask1 = 0;
    let bits1 = 0;
    if (this.words) {
      for (let i = 0; i < 8; ++i) {
        const at = length - 8 + i;
        if (at >= prefix.length) break;
        if (i < 4) {
          mask0 |= 0xff << (8 * i);
          bits0 |= prefix[at] << (8 * i);
        } else {
          mask1 |= 0xff << (8 * (i - 4));
          bits1 |= prefix[at] << (8 * (i - 4));
        }
      }
    }
    this.mask0 = mask0;
    this.bits0 = bits0;
    this.mask1 = mask1;
    this.bits1 = bits1;
  }

  /**
   * The index for values shaped like bytes[start, end), or null when that value does not
   * end in a digit (then no value of its shape has a number). `marks`: see DigitIndex.marks.
   */
  static learn(bytes: Uint8Array, start: number, end: number, marks = false): DigitIndex | null {
    let p = end;
    while (p > start && end - p < MAX_DIGITS && isDigit(bytes[p - 1])) --p;
    if (p === end) return null;
    const index = new DigitIndex(end - start, bytes.slice(start, p), marks);
    // Digits without a leading zero read the same padded or not, until a value tells.
    if (marks && (end - p === 1 || bytes[p] !== 48)) index.mode = EITHER;
    const n = index.number(bytes, start, end);
    index.lo = marks ? n & ~31 : n;
    return index;
  }

  /** An empty marking index for values of `length` bytes (FIXED, EITHER) starting with `prefix`. */
  static marking(prefix: Uint8Array, length: number, lo: number, mode: DigitMode = FIXED): DigitIndex {
    const index = new DigitIndex(length, prefix.slice(), true);
    index.mode = mode;
    index.lo = lo & ~31;
    return index;
  }

  /** True when values of `other`'s shape are values of this one's (the same prefix, length and mode). */
  sameShape(prefix: Uint8Array, length: number, mode: DigitMode = FIXED): boolean {
    return this.samePrefix(prefix) && mode === this.mode && (mode === FREE || length === this.length);
  }

  /** True when `prefix` is this shape's prefix. */
  samePrefix(prefix: Uint8Array): boolean {
    return prefix.length === this.prefix.length && prefix.every((b, i) => b === this.prefix[i]);
  }

  /**
   * Make this shape take in another's values (a part read by another thread), when both
   * can be written one way: FIXED and EITHER of one length are FIXED; FREE with EITHER,
   * or EITHER of two lengths, are FREE. Returns false when they cannot (FIXED vs FREE).
   */
  merge(prefix: Uint8Array, length: number, mode: DigitMode): boolean {
    if (!this.samePrefix(prefix)) return false;
    const a = this.mode;
    if (a === mode && (a === FREE || length === this.length)) return true;
    if (a === FREE) return mode === EITHER;
    if (mode === FREE) return a === EITHER ? ((this.mode = FREE), true) : false;
    if (length === this.length) {
      this.mode = FIXED;
      return true;
    }
    if (a === EITHER && mode === EITHER) {
      this.mode = FREE;
      return true;
    }
    return false;
  }

  /**
   * An EITHER shape meets bytes[start, end), a value it does not number: when that value
   * has the prefix and only digits, it settles the shape (its length with a leading zero:
   * FIXED; another length without one: FREE). Returns true when the shape changed.
   */
  resolve(bytes: Uint8Array, start: number, end: number): boolean {
    if (this.mode !== EITHER) return false;
    const p = this.prefix.length;
    const digits = end - start - p;
    if (digits < 1 || digits > MAX_DIGITS) return false;
    for (let j = 0; j < p; ++j) if (bytes[start + j] !== this.prefix[j]) return false;
    for (let j = start + p; j < end; ++j) if (!isDigit(bytes[j])) return false;
    if (end - start === this.length) this.mode = FIXED;
    else if (digits === 1 || bytes[start + p] !== 48) this.mode = FREE;
    else return false;
    return true;
  }

  /** The length of the value numbered n. */
  textLength(n: number): number {
    return this.mode === FREE ? this.prefix.length + digitCount(n) : this.length;
  }

  /** Write the value numbered n (prefix, then digits) at out[at...]; returns the index after it. */
  write(n: number, out: Uint8Array, at: number): number {
    const prefix = this.prefix;
    const p = prefix.length;
    for (let j = 0; j < p; ++j) out[at + j] = prefix[j];
    const end = at + this.textLength(n);
    for (let j = end - 1; j >= at + p; --j) {
      const q = (n / 10) | 0;
      out[j] = 48 + n - q * 10;
      n = q;
    }
    return end;
  }

  /** The number of bytes[start, end), or -1 when that value is not of this shape. */
  number(bytes: Uint8Array, start: number, end: number): number {
    const prefix = this.prefix;
    const p = prefix.length;
    if (this.mode !== FIXED) {
      const digits = end - start - p;
      if (this.mode === FREE ? digits < 1 || digits > MAX_DIGITS : end - start !== this.length) return -1;
      // No leading zero: "07" is not the number 7 written freely.
      if (digits > 1 && bytes[start + p] === 48) return -1;
    } else if (end - start !== this.length) return -1;
    if (p > 0 && bytes[start] !== prefix[0]) return -1;
    let diff = 0;
    for (let j = 0; j < p; ++j) diff |= bytes[start + j] ^ prefix[j];
    let sign = 0;
    let n = 0;
    for (let j = start + p; j < end; ++j) {
      const c = bytes[j] - 48;
      sign |= c | (9 - c);
      n = n * 10 + c;
    }
    return diff !== 0 || sign < 0 ? -1 : n;
  }

  /**
   * Numbers of fields from..from+m-1 (field f is bytes[starts[f], ends[f])) into ns from
   * index 0, -1 for a field not of this shape; returns how many are not.
   */
  numbers(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, from: number, m: number, ns: Int32Array): number {
    if (this.mode === FREE || !this.words) return this.numbersByByte(bytes, starts, ends, from, m, ns);
    let misses = numbersByWord(this, bytes, starts, ends, from, m, ns);
    if (this.mode === EITHER && this.length - this.prefix.length > 1) {
      const at = this.prefix.length;
      for (let i = 0; i < m; ++i) {
        if (ns[i] >= 0 && bytes[starts[from + i] + at] === 48) {
          ns[i] = -1;
          ++misses;
        }
      }
    }
    return misses;
  }

  /** The numbers plainRun (word-numbers.ts) marked first in its last call. */
  runAdded = 0;

  /** Whether plainRun can number values of this shape (once false, false for good). */
  get plainRuns(): boolean {
    return this.marks && this.words && this.mode !== FREE;
  }

  private numbersByByte(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, from: number, m: number, ns: Int32Array): number {
    let misses = 0;
    for (let i = 0; i < m; ++i) {
      const n = this.number(bytes, starts[from + i], ends[from + i]);
      ns[i] = n;
      if (n < 0) ++misses;
    }
    return misses;
  }

  /**
   * Keys of n fields (field f is bytes[starts[f], ends[f]), its key goes to out[rows[f]]),
   * new values added to `store` (with `add`; else -1 for them). Returns how many fields
   * it did: n, but when a value to add is of another shape or too far a number, the
   * fields before it (the caller then hashes the rest). `ns`: room for DIGIT_WINDOW numbers.
   */
  intern(store: ByteArena, bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array, add: boolean, ns: Int32Array): number {
    for (let f0 = 0; f0 < n; ) {
      const m = Math.min(WINDOW, n - f0);
      let ok = m;
      if (this.numbers(bytes, starts, ends, f0, m, ns) > 0) ok = ns.indexOf(-1);
      if (add && ok > 0) {
        let min = ns[0];
        let max = ns[0];
        for (let i = 1; i < ok; ++i) {
          const v = ns[i];
          if (v < min) min = v;
          if (v > max) max = v;
        }
        if (!coverNumbers(this, min, max, store.count + ok)) return f0;
      }
      const slots = this.slots;
      const lo = this.lo;
      let sink = 0;
      for (let i = 0; i < ok; ++i) {
        const s = ns[i] - lo;
        if (s >>> 0 < slots.length) sink ^= slots[s];
      }
      this.sink ^= sink;
      for (let i = 0; i < ok; ++i) {
        const s = ns[i] - lo;
        let k = s >>> 0 < slots.length ? slots[s] - 1 : -1;
        if (k < 0 && add) slots[s] = (k = store.add(bytes, starts[f0 + i], ends[f0 + i], 0)) + 1;
        out[rows[f0 + i]] = k;
      }
      f0 += ok;
      if (ok < m) {
        // A value of another shape: never in this dictionary yet.
        if (add) return f0;
        out[rows[f0++]] = -1;
      }
    }
    return n;
  }
}

/** Decimal digits of n >= 0. */
function digitCount(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = (n / 10) | 0;
    ++d;
  }
  return d;
}

function isDigit(b: number): boolean {
  return b >= 48 && b <= 57;
}
