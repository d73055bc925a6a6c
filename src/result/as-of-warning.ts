import { formatDay } from '../time/civil.js';
import { localDay } from '../time/local-days.js';
import { periodEndDay, periodLabel, periodOfDay, periodStartDay } from '../time/periods.js';
import type { Granularity, WeekStart } from '../spec/types.js';
import type { Zone } from '../time/zone.js';
import { counted } from '../messages.js';

/** Days an as-of may lie past the latest activity before it is worth a warning. */
export const AS_OF_SLACK_DAYS = 3;

/**
 * inactivityAsOfWarning: with churn inferred from inactivity, an as-of well past the
 * latest activity turns customers still active when the data ends into churners once the
 * window has passed in the gap. Returns the warning line, or undefined.
 */
export function inactivityAsOfWarning(p: { asOf: number; latestActivity: number; windowDays: number; zone: Zone }): string | undefined {
  if (!Number.isFinite(p.latestActivity)) return undefined;
  const latest = localDay(p.latestActivity, p.zone);
  const endDay = localDay(p.asOf - 1, p.zone) + 1;
  const daysPast = endDay - (latest + 1);
  if (daysPast <= AS_OF_SLACK_DAYS) return undefined;
  const dayStart = localDay(p.asOf - 1, p.zone) !== localDay(p.asOf, p.zone);
  const asOfText = dayStart ? formatDay(localDay(p.asOf, p.zone)) : new Date(p.asOf).toISOString();
  return (
    `--as-of ${asOfText} is ${daysPast} days past the latest activity (${formatDay(latest)}): churn inferred from ` +
    `inactivity (--inactive-after ${p.windowDays}d) counts customers active when the data ends as churned ` +
    `${daysPast >= p.windowDays ? 'within the days without data' : 'as the days without data add up'}; ` +
    `use --as-of ${formatDay(latest + 1)} or leave --as-of out (the default is the end of the latest active day)`
  );
}

/** What asOfWarning found: the as-of lies past the data and periods counted complete are thin. */
export interface AsOfWarning {
  /** Whole days from the end of the latest active day to the as-of instant. */
  daysPast: number;
  /** The latest active day, YYYY-MM-DD. */
  latestDay: string;
  /** The period holding the latest activity, when it counts as complete with days missing. */
  thin?: { label: string; daysWithData: number; days: number };
  /** Later periods counted as complete without any data. */
  emptyPeriods: number;
  /** An as-of that leaves no thin period complete (YYYY-MM-DD). */
  suggestedAsOf: string;
  /** One line for stderr and the JSON "warnings". */
  message: string;
}

/**
 * asOfWarning: an as-of past the latest activity makes the periods after the data (and
 * the one the data stops in) count as complete, so their cells read as churn. Returns a
 * warning when the as-of lies more than a few days past the latest activity and a period
 * counted complete is thinly observed; undefined otherwise.
 */
export function asOfWarning(p: {
  asOf: number;
  latestActivity: number;
  period: Granularity;
  weekStart: WeekStart;
  zone: Zone;
  asOfText?: string;
}): AsOfWarning | undefined {
  if (!Number.isFinite(p.latestActivity)) return undefined;
  const latest = localDay(p.latestActivity, p.zone);
  // The first day not observed: the as-of's day, or the next one when as-of is inside a day.
  const endDay = localDay(p.asOf - 1, p.zone) + 1;
  const daysPast = endDay - (latest + 1);
  if (daysPast <= AS_OF_SLACK_DAYS) return undefined;
  const P = periodOfDay(latest, p.period, p.weekStart);
  if (periodEndDay(P, p.period, p.weekStart) > endDay) return undefined;
  const start = periodStartDay(P, p.period, p.weekStart);
  const days = periodEndDay(P, p.period, p.weekStart) - start;
  const daysWithData = latest + 1 - start;
  const thin = days - daysWithData > AS_OF_SLACK_DAYS ? { label: periodLabel(P, p.period, p.weekStart), daysWithData, days } : undefined;
  let emptyPeriods = 0;
  while (periodEndDay(P + 1 + emptyPeriods, p.period, p.weekStart) <= endDay) ++emptyPeriods;
  if (!thin && emptyPeriods === 0) return undefined;
  const suggestedAsOf = formatDay(thin ? start : periodEndDay(P, p.period, p.weekStart));
  const latestDay = formatDay(latest);
  const plural = (n: number): string => `${counted(n, `later ${p.period}`)} without data`;
  const subject = thin
    ? `the ${p.period} ${thin.label}, with data on ${daysWithData} of its ${days} days,${emptyPeriods ? ` and ${plural(emptyPeriods)}` : ''}`
    : plural(emptyPeriods);
  const many = (thin ? 1 : 0) + emptyPeriods > 1;
  // An as-of at the start of a local day reads as that date, as the user most likely gave it.
  const dayStart = localDay(p.asOf - 1, p.zone) !== localDay(p.asOf, p.zone);
  const asOfText = p.asOfText ?? (dayStart ? formatDay(localDay(p.asOf, p.zone)) : new Date(p.asOf).toISOString());
  const message =
    `--as-of ${asOfText} is ${daysPast} days past the latest activity (${latestDay}): ${subject} ` +
    `${many ? 'count' : 'counts'} as complete, so ${many ? 'their' : 'its'} cells read as churn; ` +
    `use --as-of ${suggestedAsOf} or leave --as-of out (the default is the end of the latest active day)`;
  return { daysPast, latestDay, thin, emptyPeriods, suggestedAsOf, message };
}

/**
 * noCompleteCellWarning: every cell of a matrix that has cohorts is absent because no
 * period had ended at the as-of (data shorter than one period, or an early as-of), so
 * the table is blank rows. Returns the line saying so and what shows the cells, or
 * undefined when a cell is complete, there is no cohort, or `partial` shows them.
 */
export function noCompleteCellWarning(r: { cohorts: { count: number }; cells: { complete: Uint8Array }; asOf: number }, p: {
  period: Granularity;
  partial: boolean;
  zone: Zone;
}): string | undefined {
  if (p.partial || r.cohorts.count === 0 || r.cells.complete.some((c) => c === 1)) return undefined;
  const dayStart = localDay(r.asOf - 1, p.zone) !== localDay(r.asOf, p.zone);
  const asOfText = dayStart ? formatDay(localDay(r.asOf, p.zone)) : new Date(r.asOf).toISOString();
  const shorter = p.period === 'day' ? '' : p.period === 'week' ? ', --period day' : ', a shorter --period (week, day)';
  return (
    `no cell is complete as of ${asOfText}: no cohort's first ${p.period} had ended, so every cell is blank ` +
    `(not yet observed, not 0); --partial shows the cells flagged incomplete${shorter}, or pass a later --as-of`
  );
}
