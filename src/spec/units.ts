/**
 * The one table of time units kohort reads durations in (`--unit`, `--inactive-after 3m`):
 * a week is 7 days, a month 365.25 / 12 days and a year 365.25 days (METRICS.md).
 */
import { DAY_MS } from '../time/civil.js';

/** A unit of time. */
export type TimeUnit = 'days' | 'weeks' | 'months' | 'years';

/** Days per unit. */
export const UNIT_DAYS: Record<TimeUnit, number> = { days: 1, weeks: 7, months: 365.25 / 12, years: 365.25 };

/** The unit of survival durations derived from dates: weeks = days / 7, months = days / (365.25 / 12). */
export type DurationUnit = 'days' | 'weeks' | 'months';

/** Every {@link DurationUnit}. */
export const DURATION_UNITS: readonly DurationUnit[] = ['days', 'weeks', 'months'];

/** Milliseconds per unit. */
export function unitMs(unit: TimeUnit): number {
  return UNIT_DAYS[unit] * DAY_MS;
}
