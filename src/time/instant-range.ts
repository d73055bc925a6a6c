/**
 * The bounds of a range of epoch ms (min, max and missing count), for the chunked scan of
 * scan-instants.ts and for loaders that find them while writing the values (see
 * known-bounds.ts; no imports: the CSV worker loads this file).
 */

/**
 * Min, max and missing (NaN) count of values[lo, hi) into out[at], out[at + 1] and
 * out[at + 2] (min Infinity and max -Infinity when all are missing).
 */
export function scanRange(values: Float64Array, lo: number, hi: number, out: Float64Array, at: number): void {
  // Two lanes and selects rather than branches: 3x faster here. A NaN fails every
  // comparison, so it moves no min or max, and is counted.
  let min = Infinity;
  let max = -Infinity;
  let min2 = Infinity;
  let max2 = -Infinity;
  let missing = 0;
  // An odd count takes its last value twice, then counts it once (no tail loop: its first
  // run would deoptimize the compiled scan).
  const last = hi - 1;
  for (let i = lo; i < hi; i += 2) {
    const v = values[i];
    const w = values[Math.min(i + 1, last)];
    max = v > max ? v : max;
    min = v < min ? v : min;
    max2 = w > max2 ? w : max2;
    min2 = w < min2 ? w : min2;
    missing += (v !== v ? 1 : 0) + (w !== w ? 1 : 0);
  }
  if (hi > lo) {
    const x = values[last];
    const odd = (hi - lo) & 1;
    missing -= x !== x ? odd : 0;
  }
  out[at] = Math.min(min, min2);
  out[at + 1] = Math.max(max, max2);
  out[at + 2] = missing;
}

/** Numbers below this magnitude are added and halved exactly by scanWholeNumbers. */
const WHOLE_LIMIT = 2 ** 51;

/**
 * scanRange without branches, for numbers that may be whole (a CSV time column's ms, epoch
 * seconds or milliseconds): the bounds into out[at..] (no missing value) and true, or false
 * when a value is not a whole number below 2^51 in magnitude, or is missing (NaN), and the
 * bounds are then unknown. In a file sorted by day but not by time of day a new largest
 * value comes every few rows, and scanRange's selects (compiled as branches) then
 * mispredict; here max + (d + |d|) / 2 with d = v - max is exactly the larger of the two
 * for such numbers. Each value's fraction is summed, and checked at the end.
 */
export function scanWholeNumbers(values: Float64Array, lo: number, hi: number, out: Float64Array, at: number): boolean {
  if (hi <= lo) {
    scanRange(values, lo, hi, out, at);
    return true;
  }
  let min = values[lo];
  let max = min;
  let min2 = min;
  let max2 = min;
  let frac = Math.abs(min - Math.trunc(min));
  const last = hi - 1;
  for (let i = lo + 1; i < hi; i += 2) {
    const v = values[i];
    const w = values[Math.min(i + 1, last)];
    frac += Math.abs(v - Math.trunc(v)) + Math.abs(w - Math.trunc(w));
    let d = v - max;
    max += 0.5 * (d + Math.abs(d));
    d = v - min;
    min += 0.5 * (d - Math.abs(d));
    d = w - max2;
    max2 += 0.5 * (d + Math.abs(d));
    d = w - min2;
    min2 += 0.5 * (d - Math.abs(d));
  }
  min = Math.min(min, min2);
  max = Math.max(max, max2);
  // NaN fails both tests.
  if (!(frac === 0 && min > -WHOLE_LIMIT && max < WHOLE_LIMIT)) return false;
  out[at] = min;
  out[at + 1] = max;
  out[at + 2] = 0;
  return true;
}
