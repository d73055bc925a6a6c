import { coverNumbers } from './cover-numbers.js';
import type { DigitIndex } from './digit-index.js';

/**
 * Whether a window of numbers ns[0, m) (-1: none) freezes d's span (CodeDict.internMany):
 * covers them all at once when it can, else, as intern would, number by number up to the
 * first that cannot be covered. Whether one can depends only on the numbers seen, so
 * batching does not change which ids are numbered.
 */
export function windowFreezes(d: DigitIndex, ns: Int32Array, m: number): boolean {
  let min = 0x7fffffff;
  let max = -1;
  for (let i = 0; i < m; ++i) {
    const v = ns[i];
    if (v >= 0) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (max >= 0 && !coverNumbers(d, min, max, 0)) {
    for (let i = 0; i < m; ++i) if (ns[i] >= 0 && !coverNumbers(d, ns[i], ns[i], 0)) return true;
  }
  return false;
}
