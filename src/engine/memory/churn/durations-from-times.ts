/**
 * durationsFromTimes: METRICS.md section 7. duration = churn - anchor when churned by
 * as-of (event 1), else as-of - anchor (censored, event 0), in units of `unitMs`
 * milliseconds. Customers out of the run (anchor NaN) get NaN.
 */
export function durationsFromTimes(
  anchor: Float64Array,
  churn: Float64Array,
  asOf: number,
  unitMs: number,
): { duration: Float64Array; event: Uint8Array } {
  const n = anchor.length;
  const duration = new Float64Array(n);
  const event = new Uint8Array(n);
  for (let c = 0; c < n; ++c) {
    const a = anchor[c];
    const t = churn[c];
    if (t === t) {
      duration[c] = (t - a) / unitMs;
      event[c] = 1;
    } else {
      duration[c] = (asOf - a) / unitMs;
    }
  }
  return { duration, event };
}
