/**
 * How many distinct values `total` rows will hold, re-estimated once from three counts
 * taken after r1 < r2 < r3 rows (distinct d1 <= d2 <= d3), for a dictionary that
 * expectedDistinct sized from its first chunk alone.
 *
 * That first guess takes the rows as drawn at random from a fixed population, which
 * rows in time order are not: customers sign up all along, so new ids keep coming at
 * a slowly falling rate and a thread ended with 0.74-1M ids after reserving 15-210K
 * (the uuid shape), doubling its table and arena on the way. When the random-draw model
 * still predicts d3 from (r2, d2) it is kept; otherwise the rate of new values is taken
 * to fall as a power of the row, fitted to the rates over [r1, r2] and [r2, r3], and
 * summed up to `total`. On the uuid and 1%-customers shapes that lands within 0.68-1.09x
 * of the final count at r3 = 512K rows, for the whole file and for its second half.
 */
export function laterDistinct(r1: number, d1: number, r2: number, d2: number, r3: number, d3: number, total: number): number {
  if (total <= r3 || d3 <= 0) return d3;
  if (Math.abs(seen(population(r2, d2), r3) - d3) <= 0.05 * d3) return Math.min(total, Math.ceil(seen(population(r3, d3), total)));
  const early = (d2 - d1) / (r2 - r1);
  const late = (d3 - d2) / (r3 - r2);
  if (!(late > 0)) return d3;
  const m1 = (r1 + r2) / 2;
  const m2 = (r2 + r3) / 2;
  const alpha = early > late ? Math.min(0.95, Math.log(early / late) / Math.log(m2 / m1)) : 0;
  // New values per row at row t: late * (t / m2)^-alpha, summed over (r3, total].
  const p = 1 - alpha;
  const more = ((late * Math.pow(m2, alpha)) / p) * (Math.pow(total, p) - Math.pow(r3, p));
  return Math.min(total, Math.ceil(d3 + more));
}

/** Distinct values among r rows drawn at random from D equally likely values. */
const seen = (D: number, r: number): number => D * -Math.expm1(-r / D);

/** The D whose first `rows` draws hold `distinct` values (at most 64 x distinct). */
function population(rows: number, distinct: number): number {
  let lo = distinct;
  let hi = 64 * distinct;
  if (seen(hi, rows) <= distinct) return hi;
  for (let i = 0; i < 60 && hi - lo > 1; ++i) {
    const mid = (lo + hi) / 2;
    if (seen(mid, rows) < distinct) lo = mid;
    else hi = mid;
  }
  return hi;
}
