import { normalizeRejects, type RejectSpec } from './reject-options.js';
import type { DecimalMark } from '../load/locale-number.js';
/**
 * The churn-aware analyses: Kaplan-Meier survival curves per group (SurvivalSpec) and
 * the customer retention rate per period (CrrSpec), as documented spec types with the
 * default of every field, and the functions that normalize them against the input's
 * column names (METRICS.md sections 5, 6 and 7).
 */
import { fail } from '../errors.js';
import { CONF_TYPES, type ConfType } from '../stats/greenwood.js';
import { LOG_RANK_TESTS, type LogRankTest } from '../stats/log-rank.js';
import { DAY_MS, dayOfMonthIndex } from '../time/civil.js';
import { localDays } from '../time/local-days.js';
import { parseAsOf, parseTimeString, resolveDateFormat, type DateFormat } from '../time/parse-time.js';
import { timeZone, type Zone } from '../time/zone.js';
import { canonicalName, resolveColumn } from './detect-column.js';
import { oneOf, type CohortAttribute, type InputSchema, type ResolvedFilter, type TableName } from './normalize.js';
import { parseDuration } from './parse-duration.js';
import { parseWhere } from './parse-where.js';
import {
  GRANULARITIES,
  WEEK_STARTS,
  type ColumnRoles,
  type Filter,
  type Granularity,
  type InputSpec,
  type WeekStart,
} from './types.js';

/** The unit of survival durations derived from dates: weeks = days / 7, months = days / (365.25 / 12). */
export type DurationUnit = 'days' | 'weeks' | 'months';

export const DURATION_UNITS: readonly DurationUnit[] = ['days', 'weeks', 'months'];

/** Days per unit. */
export const UNIT_DAYS: Record<DurationUnit, number> = { days: 1, weeks: 7, months: 365.25 / 12 };

/** The times reported by default (`at`) in each unit. */
export const DEFAULT_AT: Record<DurationUnit, readonly number[]> = {
  days: [30, 90, 180, 365],
  weeks: [4, 13, 26, 52],
  months: [1, 3, 6, 12],
};

/**
 * What both analyses need to know of churn. Churn comes from one of three sources:
 * - a churn time column on the customers table (`columns.churn`; empty = still a customer),
 * - inactivity (`inactiveAfter`, METRICS.md section 6): churned at last activity + W when
 *   that is at or before as-of,
 * - (survival only) durations given directly: `duration` with `event`.
 */
export interface ChurnInputSpec extends RejectSpec {
  /** The files; the customers table is the main one, activity is needed for `inactiveAfter`. */
  input: InputSpec;
  /** Column roles (id, time, signup, churn); auto-detected when omitted. */
  columns?: ColumnRoles;
  /**
   * Group columns (any number), from the customers table when it has the column, else the
   * value on the customer's first counted activity. Default: none (one group).
   */
  by?: string[];
  /** Churn inferred from inactivity, e.g. "90d" (needs an activity table). */
  inactiveAfter?: string;
  /** IANA time zone for dates without an offset and for calendar periods. Default "UTC". */
  tz?: string;
  /**
   * The as-of instant: churn after it is no churn, activity after it is left out. A date
   * alone means the start of that day. Default: the end of the day of the latest timestamp
   * among signup, churn and activity.
   */
  asOf?: string;
  /** Filters `<column> <op> <value>`, ANDed: on activity rows first, else on customers. */
  where?: (string | Filter)[];
  /** Explicit date format for string times; sniffed when omitted. */
  dateFormat?: string;
  /** Fail when activity ids have no customer row (default: count and report them). */
  strict?: boolean;
}

/** A Kaplan-Meier request (METRICS.md section 7). */
export interface SurvivalSpec extends ChurnInputSpec {
  /**
   * A column of durations given directly (no dates at all): with `event`, the durations are
   * read as they are and `unit` only labels them.
   */
  duration?: string;
  /**
   * With `duration`: the event column, either 0/1, true/false, yes/no values ("Churned"), or
   * "<column>=<value>" where rows with that value had the event ("Churn=Yes").
   */
  event?: string;
  /** Unit of durations derived from dates. Default "days". */
  unit?: DurationUnit;
  /** Pointwise interval: "log-log" (default), "log" (R's default) or "plain". */
  ci?: ConfType;
  /** Confidence level of the intervals, 0 < level < 1. Default 0.95. */
  confLevel?: number;
  /** Times at which to report S(t) (in `unit`). Default: DEFAULT_AT[unit]. */
  at?: number[];
  /** Weighted log-rank test across the groups. Default "log-rank". */
  test?: LogRankTest;
  /** Fleming-Harrington exponent of S(t-) (default 0; giving it alone selects fleming-harrington). */
  rho?: number;
  /** Fleming-Harrington exponent of 1 - S(t-) (default 0). */
  q?: number;
}

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

export const SURVIVAL_DEFAULTS = {
  unit: 'days',
  ci: 'log-log',
  confLevel: 0.95,
  test: 'log-rank',
  tz: 'UTC',
  strict: false,
} as const satisfies Partial<SurvivalSpec>;

export const CRR_DEFAULTS = {
  period: 'month',
  weekStart: 'monday',
  tz: 'UTC',
  strict: false,
} as const satisfies Partial<CrrSpec>;

/** How rows are marked as churned when durations are given directly. */
export interface EventRule {
  column: string;
  /** Rows whose value (as text) equals this had the event; absent = a 0/1, yes/no column. */
  value?: string;
}

/** Where churn comes from, resolved. */
export type ChurnSource =
  | { kind: 'column'; column: string }
  | { kind: 'inactivity'; days: number }
  | { kind: 'duration'; duration: string; event: EventRule };

/** The shared part of both normalized specs: tables, columns, churn source, groups, filters. */
export interface NormalizedChurnInput {
  activity?: { file: string; id: string; time: string };
  /** The customers table; `id` may be absent only with durations given directly. */
  customers?: { file: string; id?: string; signup?: string };
  /** The anchor: signup time, first activity, or none (durations given directly). */
  anchor: 'signup' | 'first-activity' | 'none';
  churn: ChurnSource;
  /** Group columns and the table each is read from. */
  by: CohortAttribute[];
  tz: string;
  /** Epoch ms; undefined = end of the day of the latest timestamp. */
  asOf?: number;
  filters: ResolvedFilter[];
  dateFormat?: DateFormat;
  strict: boolean;
  decimal?: DecimalMark;
  maxRejects: string;
  rejectsFile?: string;
}

export interface NormalizedSurvivalSpec extends NormalizedChurnInput {
  unit: DurationUnit;
  ci: ConfType;
  confLevel: number;
  /** Sorted, distinct, finite and >= 0. */
  at: number[];
  test: LogRankTest;
  rho?: number;
  q?: number;
}

export interface NormalizedCrrSpec extends NormalizedChurnInput {
  period: Granularity;
  weekStart: WeekStart;
  /** Local day number of the first day --from names, when given. */
  fromDay?: number;
  /** Local day number of the last day --to names, when given. */
  toDay?: number;
}

/**
 * normalizeSurvival: SurvivalSpec + the input's column names -> NormalizedSurvivalSpec.
 * Fills defaults, checks options, resolves and detects columns. Throws KohortError on the
 * first problem.
 */
export function normalizeSurvival(spec: SurvivalSpec, schema: InputSchema): NormalizedSurvivalSpec {
  const unit = oneOf('--unit', spec.unit ?? SURVIVAL_DEFAULTS.unit, DURATION_UNITS);
  const ci = oneOf('--ci', spec.ci ?? SURVIVAL_DEFAULTS.ci, CONF_TYPES);
  const confLevel = spec.confLevel ?? SURVIVAL_DEFAULTS.confLevel;
  if (!(typeof confLevel === 'number' && confLevel > 0 && confLevel < 1)) fail('badConfLevel', { value: confLevel });
  const rho = nonNegative('--rho', spec.rho);
  const q = nonNegative('--q', spec.q);
  const defaultTest = rho !== undefined || q !== undefined ? 'fleming-harrington' : SURVIVAL_DEFAULTS.test;
  const test = oneOf('--test', spec.test ?? defaultTest, LOG_RANK_TESTS);
  const at = [...new Set((spec.at ?? DEFAULT_AT[unit]).map((t) => nonNegative('--at', t)!))].sort((a, b) => a - b);
  const base = normalizeChurnInput(spec, schema, 'kohort survival', true);
  return { ...base, unit, ci, confLevel, at, test, rho, q };
}

/**
 * normalizeCrr: CrrSpec + the input's column names -> NormalizedCrrSpec (defaults, columns,
 * the --from/--to bounds as local days). Throws KohortError on the first problem.
 */
export function normalizeCrr(spec: CrrSpec & { duration?: string; event?: string }, schema: InputSchema): NormalizedCrrSpec {
  if (spec.duration !== undefined || spec.event !== undefined) fail('crrNeedsDates', {});
  const period = oneOf('--period', spec.period ?? CRR_DEFAULTS.period, GRANULARITIES);
  const weekStart = oneOf('--week-start', spec.weekStart ?? CRR_DEFAULTS.weekStart, WEEK_STARTS);
  const base = normalizeChurnInput(spec, schema, 'kohort crr', false);
  const zone = timeZone(base.tz);
  const fromDay = spec.from === undefined ? undefined : periodBound('--from', spec.from, zone, 'first');
  const toDay = spec.to === undefined ? undefined : periodBound('--to', spec.to, zone, 'last');
  return { ...base, period, weekStart, fromDay, toDay };
}

function normalizeChurnInput(
  spec: ChurnInputSpec & { duration?: string; event?: string },
  schema: InputSchema,
  command: string,
  allowDuration: boolean,
): NormalizedChurnInput {
  const tz = spec.tz ?? SURVIVAL_DEFAULTS.tz;
  const zone = timeZone(tz);
  const { activity: act, customers: cus } = schema;
  if (!act && !cus) fail('noInput', {});
  const roles = spec.columns ?? {};
  let activity: NormalizedChurnInput['activity'];
  let customers: NormalizedChurnInput['customers'];
  let churn: ChurnSource;
  let anchor: NormalizedChurnInput['anchor'];

  if (allowDuration && (spec.duration !== undefined || spec.event !== undefined)) {
    if (spec.duration === undefined || spec.event === undefined) fail('durationNeedsEvent', {});
    // Durations given directly: one table of customers (the customers table, else the only one).
    const table = cus ?? act!;
    const file = table.file;
    const id = resolveColumn('id', roles.id, table.columns, { file, required: false });
    const duration = namedColumn('duration', spec.duration, table.columns, file);
    const event = eventRule(spec.event, table.columns, file);
    customers = { file, id };
    churn = { kind: 'duration', duration, event };
    anchor = 'none';
    const only: InputSchema = { customers: table };
    return {
      customers,
      anchor,
      churn,
      by: resolveBy(spec.by, only),
      tz,
      asOf: spec.asOf === undefined ? undefined : parseAsOf(spec.asOf, zone),
      filters: (spec.where ?? []).map((w) => resolveFilter(typeof w === 'string' ? parseWhere(w) : w, only)),
      dateFormat: spec.dateFormat === undefined ? undefined : resolveDateFormat(spec.dateFormat),
      strict: spec.strict ?? SURVIVAL_DEFAULTS.strict,
      ...normalizeRejects(spec),
    };
  }

  const inactivity = spec.inactiveAfter !== undefined;
  if (inactivity && !act) fail('inactivityNeedsActivity', {});
  if (cus) {
    const id = resolveColumn('id', roles.id, cus.columns, { file: cus.file, required: true })!;
    const signup = resolveColumn('signup', roles.signup, cus.columns, { file: cus.file, required: !act });
    customers = { file: cus.file, id, signup };
  }
  if (act) {
    const id = resolveColumn('id', roles.id, act.columns, { file: act.file, required: true })!;
    const time = resolveColumn('time', roles.time, act.columns, { file: act.file, required: true })!;
    activity = { file: act.file, id, time };
  }
  if (inactivity) {
    churn = { kind: 'inactivity', days: parseDuration('--inactive-after', spec.inactiveAfter!) };
  } else {
    if (!cus) fail('needsChurn', { command });
    const column = resolveColumn('churn', roles.churn, cus.columns, { file: cus.file, required: true })!;
    churn = { kind: 'column', column };
  }
  anchor = customers?.signup ? 'signup' : 'first-activity';
  return {
    activity,
    customers,
    anchor,
    churn,
    by: resolveBy(spec.by, schema),
    tz,
    asOf: spec.asOf === undefined ? undefined : parseAsOf(spec.asOf, zone),
    filters: (spec.where ?? []).map((w) => resolveFilter(typeof w === 'string' ? parseWhere(w) : w, schema)),
    dateFormat: spec.dateFormat === undefined ? undefined : resolveDateFormat(spec.dateFormat),
    strict: spec.strict ?? SURVIVAL_DEFAULTS.strict,
    ...normalizeRejects(spec),
  };
}

/** The --by columns, resolved, blanks and repeats dropped. */
function resolveBy(by: readonly string[] | undefined, schema: InputSchema): CohortAttribute[] {
  const out: CohortAttribute[] = [];
  for (const raw of by ?? []) {
    const name = raw.trim();
    if (name === '') continue;
    const a = resolveAttribute(name, 'group column (--by)', schema);
    if (!out.some((o) => o.column === a.column)) out.push(a);
  }
  return out;
}

/** A column named by the user: exact, else case- and punctuation-insensitive. */
function namedColumn(role: string, given: string, columns: readonly string[], file: string): string {
  if (columns.includes(given)) return given;
  const loose = columns.find((c) => canonicalName(c) === canonicalName(given));
  if (loose !== undefined) return loose;
  return fail('missingColumn', { role, name: given, columns }, { file, column: given });
}

/** "--event Churn" or "--event Churn=Yes"; a column whose own name contains "=" wins. */
function eventRule(text: string, columns: readonly string[], file: string): EventRule {
  if (columns.includes(text)) return { column: text };
  const eq = text.indexOf('=');
  if (eq < 0) return { column: namedColumn('event', text.trim(), columns, file) };
  const column = namedColumn('event', text.slice(0, eq).trim(), columns, file);
  let value = text.slice(eq + 1).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return { column, value };
}

/** Group columns come from the customers table when it has them, else from activity. */
function resolveAttribute(name: string, role: string, schema: InputSchema): CohortAttribute {
  for (const table of ['customers', 'activity'] as TableName[]) {
    const t = schema[table];
    if (!t) continue;
    if (t.columns.includes(name)) return { column: name, table };
  }
  for (const table of ['customers', 'activity'] as TableName[]) {
    const t = schema[table];
    const loose = t?.columns.find((c) => canonicalName(c) === canonicalName(name));
    if (loose !== undefined) return { column: loose, table };
  }
  const all = [...(schema.customers?.columns ?? []), ...(schema.activity?.columns ?? [])];
  const file = schema.customers?.file ?? schema.activity?.file;
  return fail('missingColumn', { role, name, columns: all }, { file, column: name });
}

/** Filters act on activity rows first, customer rows otherwise (as in the matrix). */
function resolveFilter(f: Filter, schema: InputSchema): ResolvedFilter {
  for (const table of ['activity', 'customers'] as TableName[]) {
    const t = schema[table];
    if (t && t.columns.includes(f.column)) return { ...f, table };
  }
  const { table, column } = resolveAttribute(f.column, '--where', schema);
  return { ...f, column, table };
}

function nonNegative(option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!(n >= 0 && n < Infinity)) fail('badNonNegative', { option, value });
  return n;
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

/** Milliseconds per duration unit. */
export function unitMs(unit: DurationUnit): number {
  return UNIT_DAYS[unit] * DAY_MS;
}
