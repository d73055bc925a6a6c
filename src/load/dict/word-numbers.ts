/**
 * The numbers of a digit shape's values read a word at a time: values of 8 bytes or more
 * with at most 8 digits are read as their last 8 bytes, two little-endian words, the
 * prefix bytes in them checked under a mask and the digits checked and converted 4 at a
 * time (SWAR). For DigitIndex.numbers and CodeDict.internPlainRun.
 */
import { EITHER, type DigitMode } from './digit-mode.js';
import { coverNumbers, type NumberSpan } from './cover-numbers.js';

/** What these read of a DigitIndex (see its fields). */
export interface WordShape extends NumberSpan {
  readonly length: number;
  readonly prefix: Uint8Array;
  readonly mode: DigitMode;
  readonly mask0: number;
  readonly bits0: number;
  readonly mask1: number;
  readonly bits1: number;
  readonly plainRuns: boolean;
  runAdded: number;
}

/**
 * DigitIndex.numbers for FIXED and EITHER values of 8 bytes or more (see DigitIndex.words):
 * each value read as its last 8 bytes, two little-endian words, its digits checked and
 * converted 4 at a time (SWAR); -1 in ns for a field not of the shape. Returns how many are not.
 */
export function numbersByWord(d: WordShape, bytes: Uint8Array, starts: Int32Array, ends: Int32Array, from: number, m: number, ns: Int32Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { length, prefix, mask0, bits0, mask1, bits1 } = d;
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
export function plainRun(d: WordShape, page: Uint8Array, pos: number, count: number, out: Int32Array, row: number, frozen: boolean): number {
  d.runAdded = 0;
  if (!d.plainRuns) return 0;
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const { length, prefix, mask0, bits0, mask1, bits1 } = d;
  const outer = length - 8;
  const keep0 = 0x30303030 & mask0;
  const keep1 = 0x30303030 & mask1;
  // EITHER: a leading zero is for resolve (internMany's path).
  const zeroAt = d.mode === EITHER && length - prefix.length > 1 ? prefix.length : -1;
  const stride = 4 + length;
  const last = page.length - stride;
  let present = d.present;
  let lo = d.lo;
  let least = d.least;
  let most = d.most;
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
      if (frozen || !coverNumbers(d, n, n, 0)) break;
      present = d.present;
      lo = d.lo;
      least = d.least;
      most = d.most;
    }
    const s = n - lo;
    const old = present[s >>> 5];
    added += ((old >>> (s & 31)) & 1) ^ 1;
    present[s >>> 5] = old | (1 << (s & 31));
    out[row + i] = n;
  }
  d.runAdded = added;
  return i;
}

/** The number written by 4 digits 0-9, one a byte, the first in the lowest byte. */
function fourDigits(d: number): number {
  d = (Math.imul(d, 10) + (d >>> 8)) & 0x00ff00ff;
  return (Math.imul(d, 100) + (d >>> 16)) & 0xffff;
}
