/**
 * The customer retention rate request (METRICS.md section 5): the documented spec type
 * with its defaults, and its normalizer.
 */
import { fail } from '../errors.js';
import { dayOfMonthIndex } from '../time/civil.js';
import { localDays } from '../time/local-days.js';
import { parseTimeString } from '../time/parse-time.js';
import { timeZone, type Zone } from '../time/zone.js';
import { normalizeChurnInput, type ChurnInputSpec, type NormalizedChurnInput } from './churn-spec.js';
import type { InputSchema } from './input-schema.js';
import { oneOf } from './normalize.js';
import { GRANULARITIES, WEEK_STARTS, type Granularity, type WeekStart } from './types.js';

/** A customer retention rate request (METRICS.md section 5). */
export interface CrrSpec extends ChurnInputSpec {
  /** Period granularity. Default "month". */
  period?: Granularity;
  /** First day of the week. Default "monday" (ISO). */
  weekStart?: WeekStart;
  /**
   * First period: a period label (2024-03, 2024-Q1, 2024) or a date (its period). Default:
   * the period of the earliest signup.
   */
  from?: string;
  /**
   * Last period, as `from` (a label means its last day's period). Default and upper bound:
   * the last period that ends at or before as-of (a period not yet over never reads as churn).
   */
  to?: string;
}

/** The defaults of a {@link CrrSpec}'s optional keys. */
export const CRR_DEFAULTS = {
  period: 'month',
  weekStart: 'monday',
  tz: 'UTC',
  strict: false,
} as const satisfies Partial<CrrSpec>;

/** A CrrSpec checked, with its defaults filled and its columns resolved: what crrPlan takes. */
export interface NormalizedCrrSpec extends NormalizedChurnInput {
  period: Granularity;
  weekStart: WeekStart;
  /** Local day number of the first day --from names, when given. */
  fromDay?: number;
  /** Local day number of the last day --to names, when given. */
  toDay?: number;
}

/**
 * normalizeCrr: CrrSpec + the input's column names -> NormalizedCrrSpec (defaults, columns,
 * the --from/--to bounds as local days). Throws KohortError on the first problem.
 */
export function normalizeCrr(spec: CrrSpec & { duration?: string; event?: string }, schema: InputSchema): NormalizedCrrSpec {
  if (spec.duration !== undefined || spec.event !== undefined) fail('crrNeedsDates', {});
  const period = oneOf('period', spec.period ?? CRR_DEFAULTS.period, GRANULARITIES);
  const weekStart = oneOf('weekStart', spec.weekStart ?? CRR_DEFAULTS.weekStart, WEEK_STARTS);
  const base = normalizeChurnInput(spec, schema, 'crr', false);
  const zone = timeZone(base.tz);
  const fromDay = spec.from === undefined ? undefined : periodBound('from', spec.from, zone, 'first');
  const toDay = spec.to === undefined ? undefined : periodBound('to', spec.to, zone, 'last');
  if (fromDay !== undefined && toDay !== undefined && fromDay > toDay) fail('emptyPeriodRange', { from: String(spec.from), to: String(spec.to) });
  return { ...base, period, weekStart, fromDay, toDay };
}

/**
 * A --from/--to bound as a local day: a period label (YYYY, YYYY-Qn, YYYY-MM) names its
 * first (from) or last (to) day; any date or date-time names its own local day.
 */
export function periodBound(option: string, text: string, zone: Zone, end: 'first' | 'last'): number {
  const s = text.trim();
  // Month-index ranges [first, last] of the labelled periods.
  let months: [number, number] | undefined;
  const year = /^(\d{4})$/.exec(s);
  if (year) months = [+year[1] * 12, +year[1] * 12 + 11];
  const quarter = /^(\d{4})-?Q([1-4])$/i.exec(s);
  if (quarter) months = [+quarter[1] * 12 + (+quarter[2] - 1) * 3, +quarter[1] * 12 + (+quarter[2] - 1) * 3 + 2];
  const month = /^(\d{4})-(\d{2})$/.exec(s);
  if (month && +month[2] >= 1 && +month[2] <= 12) months = [+month[1] * 12 + +month[2] - 1, +month[1] * 12 + +month[2] - 1];
  if (months) return end === 'first' ? dayOfMonthIndex(months[0]) : dayOfMonthIndex(months[1] + 1) - 1;
  const t = parseTimeString(s, zone);
  if (t !== t) fail('badPeriodBound', { option, value: text });
  return localDays(Float64Array.of(t), zone)[0];
}
