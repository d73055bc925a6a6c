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

/** Keys of codes[from, to) into out[from, to) (out may be codes); -1 (missing) stays. */
export function codesToKeys(codes: Int32Array, out: Int32Array, from: number, to: number, k: CodeKeys): void {
  const { numbered: P, base, ranks, lo, order } = k;
  if (k.direct) {
    if (order === null) {
      if (out !== codes) out.set(codes.subarray(from, to), from);
      return;
    }
    for (let i = from; i < to; ++i) {
      const c = codes[i];
      out[i] = c >= 0 ? order[c] : c;
    }
  } else if (ranks === null && order === null) {
    for (let i = from; i < to; ++i) {
      const c = codes[i];
      out[i] = c >= 0 ? c - base : c <= -2 ? P - 2 - c : -1;
    }
  } else if (ranks !== null && order === null) {
    for (let i = from; i < to; ++i) {
      const c = codes[i];
      if (c >= 0) {
        const s = c - lo;
        const w = (s >>> 5) << 1;
        out[i] = ranks[w] + popcount(ranks[w + 1] & ((1 << (s & 31)) - 1));
      } else out[i] = c <= -2 ? P - 2 - c : -1;
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
      } else out[i] = c <= -2 ? P + order![-2 - c] : -1;
    }
  }
}
