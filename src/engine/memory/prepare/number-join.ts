import { popcount } from '../../../load/dict/bit-words.js';
import type { NumberedValues } from '../../../load/dict/dict-bytes.js';
import { EITHER, FREE } from '../../../load/dict/digit-mode.js';
import type { IdBytes } from './id-bytes.js';

/**
 * joinNumbers: when both sides' first keys are numbers of one shape (see NumberedValues),
 * for the leading keys[j] (j itself when `keys` is null) that are numbered and equal j,
 * the key in `target` of the same id, or -1 when the target's numbers lack it (it may
 * still be one of the target's other values). A walk over both bit sets, a popcount a
 * key: no id is read. Returns how many leading keys it did (0 when the two shapes could
 * write one number two ways).
 */
export function joinNumbers(ids: IdBytes, keys: Int32Array | null, m: number, target: IdBytes, out: Int32Array): number {
  const a = ids.numbers;
  const b = target.numbers;
  if (a === undefined || b === undefined || !sameText(a, b) || ((a.lo | b.lo) & 31) !== 0) return 0;
  const lim = Math.min(m, a.count);
  const ap = a.present;
  const bp = b.present;
  const shift = (a.lo - b.lo) >> 5;
  let rank = 0;
  let counted = 0;
  let j = 0;
  for (let w = 0; w < ap.length; ++w) {
    let bits = ap[w];
    if (bits === 0) continue;
    // rank: the target's numbers below word wb's.
    const wb = w + shift;
    while (counted < wb && counted < bp.length) rank += popcount(bp[counted++]);
    const bw = wb >= 0 && wb < bp.length ? bp[wb] : 0;
    for (; bits !== 0; bits &= bits - 1) {
      if (j === lim || (keys !== null && keys[j] !== j)) return j;
      const low = bits & -bits;
      out[j++] = (bw & low) !== 0 ? rank + popcount(bw & (low - 1)) : -1;
    }
  }
  return j;
}

/**
 * True when the two shapes write every number both have alike, so that one number is one
 * id: the same prefix, and digits padded to one length (FIXED or EITHER) or never padded
 * (FREE; EITHER's digits, all of one count without a leading zero, read alike).
 */
function sameText(a: NumberedValues, b: NumberedValues): boolean {
  if (a.prefix.length !== b.prefix.length || a.prefix.some((x, i) => x !== b.prefix[i])) return false;
  const af = a.mode === FREE;
  const bf = b.mode === FREE;
  if (af && bf) return true;
  if (af || bf) return (af ? b : a).mode === EITHER;
  return a.length === b.length;
}
