/**
 * The last step of a CodeDict: a column's codes to its keys (see CodeDict.settle). The
 * mapping is plain data, so any thread can apply it to any range of rows.
 */
import { popcount } from './bit-words.js';

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
