/**
 * The last step of a CodeDict: a column's codes to its keys (see CodeDict.settle). The
 * mapping is plain data, so any thread can apply it to any range of rows.
 */
import { firstBit, lastBit, popcount } from './bit-words.js';

/** How codes become keys. */
export interface CodeKeys {
  /** The codes are keys of hashed values already (no numbers): only `order` applies. */
  direct: boolean;
  /** Numbers counted: hashed key k becomes P + k (or P + order[k]). */
  numbered: number;
  /** Dense numbers: number c has key c - base. */
  base: number;
  /**
   * Sparse numbers (null when dense): per word of the numbers' bitmap (from number
   * `lo`), the count of bits set before it and then its bits, side by side so a lookup
   * touches one cache line.
   */
  ranks: Int32Array | null;
  lo: number;
  /** Position of each hashed value among the hashed values, when not its key. */
  order: Int32Array | null;
}

/**
 * The order of the hashed values in codes[0, n) by the rows that first show them (codes are
 * their keys when `direct`, else -2 - key); values no row shows come last.
 */
export function firstSeenOrder(codes: Int32Array, n: number, hashedCount: number, direct: boolean): Int32Array {
  const order = new Int32Array(hashedCount).fill(-1);
  let next = 0;
  for (let i = 0; i < n && next < hashedCount; ++i) {
    const c = codes[i];
    const k = direct ? c : -2 - c;
    if (k >= 0 && order[k] < 0) order[k] = next++;
  }
  for (let k = 0; k < hashedCount; ++k) if (order[k] < 0) order[k] = next++;
  return order;
}

/** How codes become keys, for P numbers seen (bit i of present: number lo + i) and hashed values in `order`. */
export function numberKeys(present: Int32Array, P: number, lo: number, direct: boolean, order: Int32Array | null): CodeKeys {
  const first = firstBit(present);
  const last = lastBit(present);
  // Numbers to keys: dense ones by subtraction, else by rank (the bits set before a
  // number's: a count per word, then the bits below it in its word), all in cache.
  let ranks: Int32Array | null = null;
  // Only the words from the first number's to the last's (the span may be far wider).
  const w0 = P > 0 ? first >>> 5 : 0;
  if (P > 0 && P !== last - first + 1) {
    ranks = new Int32Array(2 * ((last >>> 5) - w0 + 1));
    for (let w = w0, r = 0; w <= last >>> 5; ++w) {
      ranks[2 * (w - w0)] = r;
      ranks[2 * (w - w0) + 1] = present[w];
      r += popcount(present[w]);
    }
  }
  return { direct, numbered: P, base: lo + first, ranks, lo: lo + (w0 << 5), order };
}

/**
 * Keys of codes[from, to) into out[from, to) (out may be codes). A missing value (-1)
 * becomes `missing` (by default stays -1). Returns the number of missing values, or -1
 * when they were not counted (codes that are keys already, left as they are).
 */
export function codesToKeys(codes: Int32Array, out: Int32Array, from: number, to: number, k: CodeKeys, missing = -1): number {
  const { numbered: P, base, ranks, lo, order } = k;
  let nulls = 0;
  if (k.direct) {
    if (order === null) {
      if (missing === -1) {
        if (out !== codes) out.set(codes.subarray(from, to), from);
        return -1;
      }
      for (let i = from; i < to; ++i) {
        const c = codes[i];
        if (c >= 0) out[i] = c;
        else {
          out[i] = missing;
          ++nulls;
        }
      }
      return nulls;
    }
    for (let i = from; i < to; ++i) {
      const c = codes[i];
      if (c >= 0) out[i] = order[c];
      else {
        out[i] = missing;
        ++nulls;
      }
    }
  } else if (ranks === null && order === null) {
    for (let i = from; i < to; ++i) {
      const c = codes[i];
      if (c >= 0) out[i] = c - base;
      else if (c <= -2) out[i] = P - 2 - c;
      else {
        out[i] = missing;
        ++nulls;
      }
    }
  } else if (ranks !== null && order === null) {
    for (let i = from; i < to; ++i) {
      const c = codes[i];
      if (c >= 0) {
        const s = c - lo;
        const w = (s >>> 5) << 1;
        out[i] = ranks[w] + popcount(ranks[w + 1] & ((1 << (s & 31)) - 1));
      } else if (c <= -2) out[i] = P - 2 - c;
      else {
        out[i] = missing;
        ++nulls;
      }
    }
  } else {
    for (let i = from; i < to; ++i) {
      const c = codes[i];
      if (c >= 0) {
        if (ranks === null) out[i] = c - base;
        else {
          const s = c - lo;
          const w = (s >>> 5) << 1;
          out[i] = ranks[w] + popcount(ranks[w + 1] & ((1 << (s & 31)) - 1));
        }
      } else if (c <= -2) out[i] = P + order![-2 - c];
      else {
        out[i] = missing;
        ++nulls;
      }
    }
  }
  return nulls;
}
