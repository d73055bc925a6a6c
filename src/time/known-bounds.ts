/**
 * Bounds of a column of epoch ms that its loader learnt while writing it (a Parquet page
 * is scanned while it is still in the cache), so that instantBounds need not scan the
 * whole column again. Keyed by the array itself: a copy or another column has none.
 */

/** What instantBounds would find: the smallest and largest present value, and the NaN count. */
export interface KnownBounds {
  min: number;
  max: number;
  missing: number;
}

const known = new WeakMap<Float64Array, KnownBounds>();

/**
 * Record the exact bounds of `values` (its writer must not change it afterwards). Not
 * when a bound is zero: instantBounds' chunked scan gives 0 or -0 by its order of visits,
 * which a loader's order need not match.
 */
export function rememberBounds(values: Float64Array, bounds: KnownBounds): void {
  if (bounds.min === 0 || bounds.max === 0) return;
  known.set(values, { min: bounds.min, max: bounds.max, missing: bounds.missing });
}

/** The bounds recorded for `values`, if any. */
export function knownBounds(values: Float64Array): KnownBounds | undefined {
  return known.get(values);
}
