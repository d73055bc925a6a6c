import { DAY_MS, civilFromDays, dayOfMonthIndex, daysFromCivil, daysInMonth, monthIndexOfDay } from './civil.js';
import { dayRange, NO_DAY, localDays } from './local-days.js';
import type { Granularity } from './periods.js';
import type { Zone } from './zone.js';

/*
 * Elapsed offsets ("N-day retention"): whole periods of g between an anchor instant
 * and a later one, measured on the zone's wall clock so a 23- or 25-hour DST day
 * still counts as one day. Months are calendar months counted from the anchor's
 * day and time of day, clamped to the month end (Jan 31 + 1 month = Feb 28/29).
 */

const WEEK_MS = 7 * DAY_MS;

/** Months per period for the month-based granularities (0 for day and week). */
function monthsPer(g: Granularity): number {
  return g === 'month' ? 1 : g === 'quarter' ? 3 : g === 'year' ? 12 : 0;
}

/** A wall-clock anchor split into what month arithmetic needs. */
interface WallAnchor {
  monthIndex: number; // year * 12 + (month - 1)
  day: number; // day of month 1-31
  timeOfDay: number; // ms since local midnight
}

function splitWall(wall: number): WallAnchor {
  const days = Math.floor(wall / DAY_MS);
  const [y, m, d] = civilFromDays(days);
  return { monthIndex: y * 12 + m - 1, day: d, timeOfDay: wall - days * DAY_MS };
}

/** Wall ms of the anchor plus k calendar months, the day clamped to the month's end. */
function addMonthsWall(a: WallAnchor, k: number): number {
  const mi = a.monthIndex + k;
  const y = Math.floor(mi / 12);
  const m = mi - y * 12 + 1;
  const d = Math.min(a.day, daysInMonth(y, m));
  return daysFromCivil(y, m, d) * DAY_MS + a.timeOfDay;
}

/** Largest k with anchor + k months <= wall (k may be negative). */
function wholeMonths(a: WallAnchor, wall: number): number {
  const k = monthIndexOfDay(Math.floor(wall / DAY_MS)) - a.monthIndex;
  // Anchor + k months lies in the month of `wall`, so only the day and time can make it late.
  return addMonthsWall(a, k) > wall ? k - 1 : k;
}

/**
 * The elapsed offset of instant `tMs` from `anchorMs`: floor((t - anchor) / length of g),
 * with day and week lengths in wall-clock days and months (quarters, years) as whole
 * calendar months from the anchor's wall-clock day and time. Negative before the anchor;
 * NaN when either instant is NaN.
 */
export function elapsedOffset(anchorMs: number, tMs: number, g: Granularity, zone: Zone): number {
  const wallA = anchorMs + zone.offsetAt(anchorMs);
  const wallT = tMs + zone.offsetAt(tMs);
  if (wallA !== wallA || wallT !== wallT) return NaN;
  if (g === 'day') return Math.floor((wallT - wallA) / DAY_MS);
  if (g === 'week') return Math.floor((wallT - wallA) / WEEK_MS);
  return Math.floor(wholeMonths(splitWall(wallA), wallT) / monthsPer(g));
}

/**
 * The instant at which elapsed offset k (from {@link elapsedOffset}) begins: the anchor's
 * wall-clock time plus k periods, read back in the zone (a time in a DST gap moves forward).
 */
export function addElapsed(anchorMs: number, k: number, g: Granularity, zone: Zone): number {
  const wallA = anchorMs + zone.offsetAt(anchorMs);
  if (wallA !== wallA) return NaN;
  if (g === 'day') return zone.toUtc(wallA + k * DAY_MS);
  if (g === 'week') return zone.toUtc(wallA + k * WEEK_MS);
  return zone.toUtc(addMonthsWall(splitWall(wallA), k * monthsPer(g)));
}

/**
 * {@link elapsedOffset} for each row: the offset of times[i] from anchorOfRow[i].
 * Rows where either is NaN get {@link NO_DAY}. Reuses the work for runs of rows
 * with the same anchor (e.g. rows grouped by customer).
 * @param out optional result array (length >= times.length)
 */
export function elapsedOffsets(
  anchorOfRow: Float64Array,
  times: Float64Array,
  g: Granularity,
  zone: Zone,
  out?: Int32Array,
): Int32Array {
  const n = times.length;
  const res = out ?? new Int32Array(n);
  const per = monthsPer(g);
  if (per && monthOffsets(anchorOfRow, times, per, zone, res)) return res;
  const len = g === 'week' ? WEEK_MS : DAY_MS;
  // Rows of one customer usually share their anchor, so its wall-clock split is reused.
  let lastAnchor = NaN;
  let wallA = NaN;
  let split: WallAnchor | undefined;
  for (let i = 0; i < n; ++i) {
    const a = anchorOfRow[i];
    const t = times[i];
    if (a !== lastAnchor) {
      lastAnchor = a;
      wallA = a + zone.offsetAt(a);
      split = per && wallA === wallA ? splitWall(wallA) : undefined;
    }
    const wallT = t + zone.offsetAt(t);
    if (wallA !== wallA || wallT !== wallT) {
      res[i] = NO_DAY;
    } else if (per === 0) {
      res[i] = Math.floor((wallT - wallA) / len);
    } else {
      res[i] = Math.floor(wholeMonths(split as WallAnchor, wallT) / per);
    }
  }
  return res;
}

/**
 * The month-based part of {@link elapsedOffsets} through tables over the range of local
 * days (a day's month, a month's first day), so a row costs a few lookups. Returns
 * false, with `res` clobbered, when the range is too wide for the row count.
 */
function monthOffsets(anchorOfRow: Float64Array, times: Float64Array, per: number, zone: Zone, res: Int32Array): boolean {
  const n = times.length;
  localDays(times, zone, res);
  const { min, max } = dayRange(res, n);
  const count = max - min + 1;
  if (!(count > 0)) {
    res.fill(NO_DAY, 0, n);
    return true;
  }
  if (count > n + 1024) return false;
  const firstMonth = monthIndexOfDay(min);
  const months = monthIndexOfDay(max) - firstMonth + 1;
  const firstDay = new Int32Array(months + 1);
  for (let j = 0; j <= months; ++j) firstDay[j] = dayOfMonthIndex(firstMonth + j);
  const monthOf = new Int32Array(count);
  for (let j = 0; j < months; ++j) {
    monthOf.fill(firstMonth + j, Math.max(firstDay[j] - min, 0), Math.min(firstDay[j + 1] - min, count));
  }
  let lastAnchor = NaN;
  let ok = false;
  let aMonth = 0;
  let aDay = 0;
  let aTime = 0;
  for (let i = 0; i < n; ++i) {
    const a = anchorOfRow[i];
    if (a !== lastAnchor) {
      lastAnchor = a;
      const wallA = a + zone.offsetAt(a);
      ok = wallA === wallA;
      if (ok) ({ monthIndex: aMonth, day: aDay, timeOfDay: aTime } = splitWall(wallA));
    }
    const d = res[i];
    if (d === NO_DAY || !ok) {
      res[i] = NO_DAY;
      continue;
    }
    const mi = monthOf[d - min];
    const j = mi - firstMonth;
    // Offset k = mi - aMonth starts in this month on `due` (the anchor's day of month,
    // clamped to the month's length) at the anchor's time of day.
    const due = firstDay[j] + Math.min(aDay, firstDay[j + 1] - firstDay[j]) - 1;
    let k = mi - aMonth;
    if (d < due || (d === due && times[i] + zone.offsetAt(times[i]) - d * DAY_MS < aTime)) --k;
    res[i] = Math.floor(k / per);
  }
  return true;
}
