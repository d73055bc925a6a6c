import { DAY_MS, dayOfMonthIndex, daysFromCivil, formatDay, monthIndexOfDay, pad, yearOfDay } from './civil.js';
import { dayRange, localDays, NO_DAY } from './local-days.js';
import type { Zone } from './zone.js';

/** A calendar granularity. Weeks are ISO weeks (Monday start) unless `weekStart` says otherwise. */
export type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** First day of the week. */
export type WeekStart = 'monday' | 'sunday';

/**
 * Shift that makes floor((day + shift) / 7) count weeks: 1970-01-01 (day 0) was a
 * Thursday, so the Monday before is day -3 and the Sunday before is day -4.
 */
const weekShift = (weekStart: WeekStart): number => (weekStart === 'sunday' ? 4 : 3);

function unknownGranularity(g: never): never {
  throw new Error(`unknown granularity ${JSON.stringify(g)}`);
}

/**
 * The index of the period of granularity g containing local day `day`:
 * day: the day number; week: weeks since the week of 1970-01-01; month:
 * year * 12 + (month - 1); quarter: year * 4 + (quarter - 1); year: the year.
 * Indices of consecutive periods are consecutive integers. NO_DAY gives NO_DAY.
 */
export function periodOfDay(day: number, g: Granularity, weekStart: WeekStart = 'monday'): number {
  if (day === NO_DAY) return NO_DAY;
  switch (g) {
    case 'day':
      return day;
    case 'week':
      return Math.floor((day + weekShift(weekStart)) / 7);
    case 'month':
      return monthIndexOfDay(day);
    case 'quarter':
      return Math.floor(monthIndexOfDay(day) / 3);
    case 'year':
      return Math.floor(monthIndexOfDay(day) / 12);
    default:
      return unknownGranularity(g);
  }
}

/** Instants per call of periodsOfInstants' per-chunk work: the chunk's days stay in cache. */
const INSTANT_CHUNK = 1 << 15;

/**
 * The period (granularity g, in `zone`) of each instant; NaN and out-of-range instants
 * give NO_DAY. The same as periodsOfDays(localDays(times, zone), g, weekStart), done
 * chunk by chunk in one array: no day column, and the per-chunk work runs as normally
 * optimized calls rather than as one long loop in on-stack-replacement code.
 */
export function periodsOfInstants(times: Float64Array, zone: Zone, g: Granularity, weekStart: WeekStart = 'monday'): Int32Array {
  const n = times.length;
  const res = new Int32Array(n);
  for (let lo = 0; lo < n; lo += INSTANT_CHUNK) {
    const hi = Math.min(n, lo + INSTANT_CHUNK);
    const days = res.subarray(lo, hi);
    localDays(times.subarray(lo, hi), zone, days);
    periodsOfDays(days, g, weekStart, days);
  }
  return res;
}

/**
 * {@link periodOfDay} over a column of local day numbers; NO_DAY stays NO_DAY.
 * @param out optional result array (length >= days.length; may be `days` itself)
 */
export function periodsOfDays(
  days: Int32Array,
  g: Granularity,
  weekStart: WeekStart = 'monday',
  out?: Int32Array,
): Int32Array {
  const n = days.length;
  const res = out ?? new Int32Array(n);
  if (g === 'day') {
    if (res !== days) res.set(days.subarray(0, n));
    return res;
  }
  // Look periods up in a table over the range of days when it is small next to the
  // row count (the usual case: years of data, millions of rows).
  const { min, max } = dayRange(days, n);
  const count = max - min + 1;
  if (!(count > 0)) {
    res.fill(NO_DAY, 0, n);
    return res;
  }
  if (count > n + 1024) {
    for (let i = 0; i < n; ++i) res[i] = periodOfDay(days[i], g, weekStart);
    return res;
  }
  const table = new Int32Array(count);
  for (let k = 0; k < count; ++k) table[k] = periodOfDay(min + k, g, weekStart);
  for (let i = 0; i < n; ++i) {
    const d = days[i];
    res[i] = d === NO_DAY ? NO_DAY : table[d - min];
  }
  return res;
}

/** The local day number of the first day of period `index` of granularity g. */
export function periodStartDay(index: number, g: Granularity, weekStart: WeekStart = 'monday'): number {
  switch (g) {
    case 'day':
      return index;
    case 'week':
      return index * 7 - weekShift(weekStart);
    case 'month':
      return dayOfMonthIndex(index);
    case 'quarter':
      return dayOfMonthIndex(index * 3);
    case 'year':
      return daysFromCivil(index, 1, 1);
    default:
      return unknownGranularity(g);
  }
}

/** The local day number of the first day after period `index` (the next period's start). */
export function periodEndDay(index: number, g: Granularity, weekStart: WeekStart = 'monday'): number {
  return periodStartDay(index + 1, g, weekStart);
}

/**
 * A period's label: YYYY-MM-DD of its first day for day and week, YYYY-MM for month,
 * YYYY-Qn for quarter, YYYY for year.
 */
export function periodLabel(index: number, g: Granularity, weekStart: WeekStart = 'monday'): string {
  switch (g) {
    case 'day':
    case 'week':
      return formatDay(periodStartDay(index, g, weekStart));
    case 'month': {
      const y = Math.floor(index / 12);
      return `${pad(y, 4)}-${pad(index - y * 12 + 1, 2)}`;
    }
    case 'quarter': {
      const y = Math.floor(index / 4);
      return `${pad(y, 4)}-Q${index - y * 4 + 1}`;
    }
    case 'year':
      return pad(index, 4);
    default:
      return unknownGranularity(g);
  }
}

/**
 * The instant (UTC ms) of the local midnight that starts period `index` in `zone`.
 * Where midnight falls in a DST gap it is the first instant of that local day.
 */
export function periodStartInstant(index: number, g: Granularity, weekStart: WeekStart, zone: Zone): number {
  return zone.toUtc(periodStartDay(index, g, weekStart) * DAY_MS);
}

/** The ISO 8601 week-numbering year and week (1-53) of a local day number. */
export function isoWeek(day: number): { year: number; week: number } {
  const thursday = Math.floor((day + 3) / 7) * 7; // Monday (index * 7 - 3) + 3
  const year = yearOfDay(thursday);
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}
