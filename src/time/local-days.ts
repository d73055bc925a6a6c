import { DAY_MS, MAX_INSTANT } from './civil.js';
import type { Zone } from './zone.js';

/** Day number standing for "no day" (a missing or unusable instant) in Int32Arrays. */
export const NO_DAY = -2147483648;

/**
 * The local day number (days since 1970-01-01 on the zone's wall clock) of each
 * instant: floor((t + offset(t)) / 86400000). NaN and out-of-range instants give
 * {@link NO_DAY}.
 * @param times epoch milliseconds
 * @param zone the run's time zone
 * @param out optional result array (length >= times.length)
 */
export function localDays(times: Float64Array, zone: Zone, out?: Int32Array): Int32Array {
  const n = times.length;
  const res = out ?? new Int32Array(n);
  if (zone.isUtc) {
    for (let i = 0; i < n; ++i) {
      const t = times[i];
      res[i] = t >= -MAX_INSTANT && t <= MAX_INSTANT ? Math.floor(t / DAY_MS) : NO_DAY;
    }
    return res;
  }
  const table = n >= MIN_ROWS_FOR_TABLE ? dayOffsets(times, zone) : undefined;
  if (!table) {
    for (let i = 0; i < n; ++i) res[i] = localDay(times[i], zone);
    return res;
  }
  const { first, count, change, before, after } = table;
  for (let i = 0; i < n; ++i) {
    const t = times[i];
    const k = Math.floor(t / DAY_MS) - first;
    if (k >= 0 && k < count) res[i] = Math.floor((t + (t < change[k] ? before[k] : after[k])) / DAY_MS);
    else res[i] = localDay(t, zone);
  }
  return res;
}

/** Below this many rows a per-row offsetAt is cheaper than building a day table. */
const MIN_ROWS_FOR_TABLE = 4096;
/** The day table spans at most 1900-2100 (outliers beyond use offsetAt per row). */
const TABLE_FIRST_DAY = -25_567; // 1900-01-01
const TABLE_LAST_DAY = 47_481; // 2099-12-31

/**
 * Offsets per UTC day over the range of `times`: on UTC day first + k the offset is
 * before[k] until the instant change[k] (Infinity when the day has no transition)
 * and after[k] from then on. Undefined when the range is too wide for the row count.
 */
function dayOffsets(
  times: Float64Array,
  zone: Zone,
): { first: number; count: number; change: Float64Array; before: Float64Array; after: Float64Array } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < times.length; ++i) {
    const t = times[i];
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const first = Math.max(TABLE_FIRST_DAY, Math.floor(min / DAY_MS));
  const last = Math.min(TABLE_LAST_DAY, Math.floor(max / DAY_MS));
  const count = last - first + 1;
  if (!(count > 0) || count > 2 * times.length) return undefined;
  const change = new Float64Array(count);
  const before = new Float64Array(count);
  const after = new Float64Array(count);
  for (let k = 0; k < count; ++k) {
    const start = (first + k) * DAY_MS;
    const a = zone.offsetAt(start);
    const b = zone.offsetAt(start + DAY_MS - 1);
    before[k] = a;
    after[k] = b;
    if (a === b) {
      change[k] = Infinity;
      continue;
    }
    // Assumes at most one transition per day (as the zone's own table does).
    let lo = start;
    let hi = start + DAY_MS - 1;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (zone.offsetAt(mid) === a) lo = mid;
      else hi = mid;
    }
    change[k] = hi;
  }
  return { first, count, change, before, after };
}

/** The local day number of one instant ({@link NO_DAY} for NaN). */
export function localDay(t: number, zone: Zone): number {
  return t >= -MAX_INSTANT && t <= MAX_INSTANT ? Math.floor((t + zone.offsetAt(t)) / DAY_MS) : NO_DAY;
}

/** The smallest and largest day of the first n entries, NO_DAY skipped ({min: Infinity} when none). */
export function dayRange(days: Int32Array, n = days.length): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; ++i) {
    const d = days[i];
    if (d === NO_DAY) continue;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  return { min, max };
}
