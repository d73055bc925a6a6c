/**
 * A direct-address index for values of one shape: a fixed prefix, then a fixed number of
 * decimal digits ("C0000042", "17850", "user-000123"). Customer ids very often look like
 * this, and for them a value's digits are its slot: no hashing, no key comparison, and
 * 4 bytes a value instead of a hash table's 16, so a million ids fit in the L3 cache.
 * ByteDict uses it until a value of another shape comes, then moves to its hash table.
 */
import type { ByteArena } from './byte-arena.js';
import { releaseBuffer } from '../../parallel/release-buffer.js';

/** Fields read together: their slots are loaded first, so the cache misses overlap. */
export const DIGIT_WINDOW = 512;
const WINDOW = DIGIT_WINDOW;
/** The most digits read as the number: 10^9 - 1 still fits an int32. */
const MAX_DIGITS = 9;
/** The index never spans more numbers than this (a 64 MB table). */
const MAX_SPAN = 1 << 24;
/**
 * A marking index may span up to this many numbers (a 16 MB bitmap: every 8-digit id).
 * Whether a number fits depends only on the numbers seen (their range), never on the
 * order they came in or how they were batched (see CodeDict.internMany).
 */
const MARK_SPAN = 1 << 27;
/** Past this span the numbers must not be sparser than one in SPARSE... */
const FREE_SPAN = 1 << 20;
const SPARSE = 64;
/** ...once this many values are in (before, a time-ordered log has barely started). */
const SETTLED = 1 << 16;

/**
 * How a shape's digits are written. FIXED: always `length - prefix.length` digits,
 * zero-padded ("C0000042", "00017"). FREE: 1 to 9 digits without leading zeros ("7",
 * "17850", "user-42": ids 1..N as most systems print them). EITHER: every value so far
 * had the same number of digits and no leading zero, which both read alike: the first
 * value that tells them apart (same length with a leading zero, or another length)
 * settles it (see resolve). Every value of a shape prints back as itself, so a value is
 * numbered only when its number, written in the shape, is that value byte for byte.
 */
export const FIXED = 0;
export const FREE = 1;
export const EITHER = 2;
export type DigitMode = typeof FIXED | typeof FREE | typeof EITHER;

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
  /** Marking: the least and most numbers covered so far (what MARK_SPAN limits). */
  least = Infinity;
  most = -Infinity;
  /** Where the slot loads go, so that they are not optimized away. */
  private sink = 0;
  /**
   * Values of 8 bytes or more with at most 8 digits are read as their last 8 bytes, two
   * little-endian words: the prefix bytes in them are checked under a mask, and the
   * digits checked and converted 4 at a time (SWAR).
   */
  private readonly words: boolean;
  private readonly mask0: number;
  private readonly bits0: number;
  private readonly mask1: number;
  private readonly bits1: number;

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
    let misses = this.numbersByWord(bytes, starts, ends, from, m, ns);
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

  private numbersByWord(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, from: number, m: number, ns: Int32Array): number {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const { length, prefix, mask0, bits0, mask1, bits1 } = this;
    const outer = length - 8;
    const keep0 = 0x30303030 & mask0;
    const keep1 = 0x30303030 & mask1;
    let misses = 0;
    for (let i = 0; i < m; ++i) {
      const start = starts[from + i];
      const end = ends[from + i];
      // The first byte first: values of another shape (UUIDs after one that happened to
      // end in a digit) mostly differ there, and then skip the prefix loop.
      if (end - start !== length || (outer > 0 && bytes[start] !== prefix[0])) {
        ns[i] = -1;
        ++misses;
        continue;
      }
      let bad = 0;
      for (let j = 0; j < outer; ++j) bad |= bytes[start + j] ^ prefix[j];
      let w0 = view.getInt32(end - 8, true);
      let w1 = view.getInt32(end - 4, true);
      bad |= ((w0 & mask0) ^ bits0) | ((w1 & mask1) ^ bits1);
      // Prefix bytes become '0'; then every byte must be 0x30-0x39.
      w0 = (w0 & ~mask0) | keep0;
      w1 = (w1 & ~mask1) | keep1;
      bad |= ((w0 & 0xf0f0f0f0) | (((w0 + 0x06060606) & 0xf0f0f0f0) >>> 4)) ^ 0x33333333;
      bad |= ((w1 & 0xf0f0f0f0) | (((w1 + 0x06060606) & 0xf0f0f0f0) >>> 4)) ^ 0x33333333;
      if (bad !== 0) {
        ns[i] = -1;
        ++misses;
      } else ns[i] = fourDigits(w0 - 0x30303030) * 10000 + fourDigits(w1 - 0x30303030);
    }
    return misses;
  }

  /**
   * Marking, for values of 8 bytes or more (FIXED or EITHER): number Parquet PLAIN byte
   * arrays (a 4-byte little-endian length, then the bytes) from page[pos], up to `count`,
   * marking each number and writing it to out[row...], for as long as each is of this
   * shape (EITHER: no leading zero) and its number is covered: between least and most,
   * or (unless `frozen`) once cover takes it in. Returns how many it did; runAdded counts
   * the numbers it marked first. What it stops at is for internMany: the codes are the
   * ones internMany gives, one read of the bytes instead of three passes.
   */
  plainRun(page: Uint8Array, pos: number, count: number, out: Int32Array, row: number, frozen: boolean): number {
    this.runAdded = 0;
    if (!this.plainRuns) return 0;
    const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
    const { length, prefix, mask0, bits0, mask1, bits1 } = this;
    const outer = length - 8;
    const keep0 = 0x30303030 & mask0;
    const keep1 = 0x30303030 & mask1;
    // EITHER: a leading zero is for resolve (internMany's path).
    const zeroAt = this.mode === EITHER && length - prefix.length > 1 ? prefix.length : -1;
    const stride = 4 + length;
    const last = page.length - stride;
    let present = this.present;
    let lo = this.lo;
    let least = this.least;
    let most = this.most;
    let added = 0;
    let i = 0;
    for (; i < count && pos <= last; ++i, pos += stride) {
      if (view.getInt32(pos, true) !== length) break;
      const start = pos + 4;
      let bad = 0;
      for (let j = 0; j < outer; ++j) bad |= page[start + j] ^ prefix[j];
      let w0 = view.getInt32(start + outer, true);
      let w1 = view.getInt32(start + outer + 4, true);
      bad |= ((w0 & mask0) ^ bits0) | ((w1 & mask1) ^ bits1);
      w0 = (w0 & ~mask0) | keep0;
      w1 = (w1 & ~mask1) | keep1;
      bad |= ((w0 & 0xf0f0f0f0) | (((w0 + 0x06060606) & 0xf0f0f0f0) >>> 4)) ^ 0x33333333;
      bad |= ((w1 & 0xf0f0f0f0) | (((w1 + 0x06060606) & 0xf0f0f0f0) >>> 4)) ^ 0x33333333;
      if (bad !== 0 || (zeroAt >= 0 && page[start + zeroAt] === 48)) break;
      const n = fourDigits(w0 - 0x30303030) * 10000 + fourDigits(w1 - 0x30303030);
      if (!(n >= least && n <= most)) {
        if (frozen || !this.cover(n, n, 0)) break;
        present = this.present;
        lo = this.lo;
        least = this.least;
        most = this.most;
      }
      const s = n - lo;
      const old = present[s >>> 5];
      added += ((old >>> (s & 31)) & 1) ^ 1;
      present[s >>> 5] = old | (1 << (s & 31));
      out[row + i] = n;
    }
    this.runAdded = added;
    return i;
  }

  /** The numbers plainRun marked first in its last call. */
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
        if (!this.cover(min, max, store.count + ok)) return f0;
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

  /**
   * Make the slots cover the numbers min..max; false when that would make the index too
   * big or too sparse for `count` values (the caller then moves to a hash table).
   */
  cover(min: number, max: number, count: number): boolean {
    const lo = this.lo;
    const span = this.span;
    const hi = lo + span;
    if (this.marks) {
      const least = Math.min(this.least, min);
      const most = Math.max(this.most, max);
      if (most - least + 1 > MARK_SPAN) return false;
      this.least = least;
      this.most = most;
    }
    if (min >= lo && max < hi) return true;
    const needLo = Math.min(lo, min);
    const needHi = Math.max(hi, max + 1);
    const need = needHi - needLo;
    if (!this.marks && (need > MAX_SPAN || (need > FREE_SPAN && count >= SETTLED && need > SPARSE * count))) return false;
    const cap = this.marks ? MARK_SPAN + 64 : MAX_SPAN;
    let size = Math.max(need, Math.min(cap, 2 * span));
    let next = min < lo ? Math.max(0, needHi - size) : needLo;
    if (this.marks) {
      // Whole words: lo stays a multiple of 32, so a word of bits moves as a word.
      const shift = next & 31;
      next -= shift;
      size = (size + shift + 31) & ~31;
      const present = new Int32Array(size >>> 5);
      present.set(this.present, (lo - next) >>> 5);
      releaseBuffer(this.present);
      this.present = present;
    } else {
      const slots = new Int32Array(size);
      slots.set(this.slots, lo - next);
      releaseBuffer(this.slots);
      this.slots = slots;
    }
    this.lo = next;
    return true;
  }

  /** How many numbers the index covers, from lo. */
  private get span(): number {
    return this.marks ? this.present.length << 5 : this.slots.length;
  }
}

/** The number written by 4 digits 0-9, one a byte, the first in the lowest byte. */
function fourDigits(d: number): number {
  d = (Math.imul(d, 10) + (d >>> 8)) & 0x00ff00ff;
  return (Math.imul(d, 100) + (d >>> 16)) & 0xffff;
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
