import type { Granularity, WeekStart } from '../../spec/types.js';
import { DAY_MS, type TimeColumn } from './dialect.js';
import type { SqlBuilder } from './sql-builder.js';

/* Period indexes and elapsed offsets as SQL expressions, numbered as time/periods.ts and time/elapsed.ts number them. */

/** Months per period of the month-based granularities. */
const MONTHS: Partial<Record<Granularity, number>> = { month: 1, quarter: 3, year: 12 };

/** Week numbering shift of periods.ts: floor((day + shift) / 7) counts weeks. */
const weekShift = (w: WeekStart): number => (w === 'sunday' ? 4 : 3);

/** The period index (periods.ts numbering) of a local day number expression. */
export function periodOfDay(b: SqlBuilder, day: string, g: Granularity, weekStart: WeekStart): string {
  const d = b.d;
  switch (g) {
    case 'day':
      return day;
    case 'week':
      return d.floorDiv(`${day} + ${weekShift(weekStart)}`, 7);
    case 'month':
      return d.monthIndexOfDay(day);
    default:
      return d.floorDiv(d.monthIndexOfDay(day), MONTHS[g]!);
  }
}

/** The period index of a time column in the zone: months straight from the local date. */
export function periodOfTime(b: SqlBuilder, t: TimeColumn, tz: string, g: Granularity, weekStart: WeekStart): string {
  const d = b.d;
  if (g === 'day' || g === 'week') return periodOfDay(b, d.localDay(t, tz), g, weekStart);
  const mi = d.localMonthIndex(t, tz);
  return g === 'month' ? mi : d.floorDiv(mi, MONTHS[g]!);
}

/**
 * Elapsed offset (time/elapsed.ts) from wall-clock ms `aw` to wall-clock ms `w`: whole
 * wall-clock days or weeks, or whole calendar months from the anchor's day and time of
 * day, the day clamped to the month's end (Jan 31 + 1 month = Feb 28/29).
 */
export function elapsedK(b: SqlBuilder, aw: string, w: string, g: Granularity): string {
  const d = b.d;
  if (g === 'day') return d.floorDiv(`${w} - ${aw}`, DAY_MS);
  if (g === 'week') return d.floorDiv(`${w} - ${aw}`, 7 * DAY_MS);
  const ad = d.floorDiv(aw, DAY_MS);
  const td = d.floorDiv(w, DAY_MS);
  const atod = `(${aw} - ${ad} * ${DAY_MS})`;
  const ttod = `(${w} - ${td} * ${DAY_MS})`;
  const clamped = d.least(d.dayOfMonth(ad), d.daysInMonthOfDay(td));
  const late = `(${d.dayOfMonth(td)} < ${clamped} OR (${d.dayOfMonth(td)} = ${clamped} AND ${ttod} < ${atod}))`;
  const months = `(${d.monthIndexOfDay(td)} - ${d.monthIndexOfDay(ad)} - CASE WHEN ${late} THEN 1 ELSE 0 END)`;
  return g === 'month' ? months : d.floorDiv(months, MONTHS[g]!);
}
