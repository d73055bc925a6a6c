/** Multiple-comparison adjustments of p-values (R: p.adjust). */
export type PAdjustMethod = 'holm' | 'bh' | 'none';

/** Every {@link PAdjustMethod}. */
export const P_ADJUST_METHODS: readonly PAdjustMethod[] = ['holm', 'bh', 'none'];

/**
 * adjustP: p-values adjusted for multiple comparisons, in the input's order, as R's
 * p.adjust(p, method) with "holm" (Holm 1979: step-down, controls the family-wise error
 * rate) or "BH" (Benjamini and Hochberg 1995: step-up, controls the false discovery rate).
 * Missing p-values (null or NaN) stay missing and do not count in m, as in R.
 *
 * With the m present p-values sorted ascending, p(1) <= ... <= p(m):
 * - Holm: adj(i) = max over j <= i of min(1, (m - j + 1) p(j))
 * - BH:   adj(i) = min over j >= i of min(1, m / j p(j))
 */
export function adjustP(p: readonly (number | null)[], method: PAdjustMethod): (number | null)[] {
  const out: (number | null)[] = p.map((x) => (x === null || x !== x ? null : x));
  if (method === 'none') return out;
  const idx = out.flatMap((x, i) => (x === null ? [] : [i]));
  const m = idx.length;
  if (m === 0) return out;
  // Stable order by p, so ties keep their input order (as R's order()).
  idx.sort((a, b) => (out[a] as number) - (out[b] as number) || a - b);
  if (method === 'holm') {
    let running = 0;
    for (let j = 0; j < m; ++j) {
      running = Math.max(running, Math.min(1, (m - j) * (out[idx[j]] as number)));
      out[idx[j]] = running;
    }
    return out;
  }
  let running = 1;
  for (let j = m - 1; j >= 0; --j) {
    running = Math.min(running, Math.min(1, (m / (j + 1)) * (out[idx[j]] as number)));
    out[idx[j]] = running;
  }
  return out;
}
