import { normalizeRejects, type NormalizedRejects } from './reject-options.js';
import { fail } from '../errors.js';
import { resolveDateFormat, type DateFormat } from '../time/date-format.js';
import { parseAsOf } from '../time/parse-time.js';
import { timeZone } from '../time/zone.js';
import { resolveRole } from './detect-column.js';
import type { CohortAttribute, InputSchema, ResolvedFilter } from './input-schema.js';
import { matchColumn, resolveInTables } from './resolve-column.js';
import { parseDuration } from './parse-duration.js';
import { npsClassAttribute } from './nps-class.js';
import { parseWhere } from './parse-where.js';
import {
  ANCHORS,
  COMPLETENESS,
  GRANULARITIES,
  MATRIX_DEFAULTS,
  MODES,
  OFFSET_KINDS,
  WEEK_STARTS,
  type Completeness,
  type Filter,
  type Granularity,
  type MatrixSpec,
  type Mode,
  type OffsetKind,
  type WeekStart,
} from './types.js';

export type { CohortAttribute, InputSchema, ResolvedFilter, TableName } from './input-schema.js';

/** A MatrixSpec with every default filled in, every column resolved and every option checked. */
export interface NormalizedMatrixSpec extends NormalizedRejects {
  activity?: { file: string; id: string; time: string; amount?: string[] };
  customers?: { file: string; id: string; signup?: string; churn?: string };
  /** The anchor: signup time (customers table) or first activity. */
  anchor: 'signup' | 'first-activity';
  cohort: { time?: Granularity; attributes: CohortAttribute[] };
  period: Granularity;
  offsets: OffsetKind;
  weekStart: WeekStart;
  mode: Mode;
  tz: string;
  /** Epoch ms; undefined = end of the day of the latest timestamp. */
  asOf?: number;
  partial: boolean;
  /** Strict or rolling completeness, resolved (see MatrixSpec.completeness). */
  completeness: Completeness;
  maxOffset?: number;
  filters: ResolvedFilter[];
  dateFormat?: DateFormat;
  strict: boolean;
  /** Inactivity window in days for churn inferred from activity. */
  inactiveAfterDays?: number;
}

const REVENUE_MODES: readonly Mode[] = ['revenue', 'gross-revenue', 'ltv'];

/** Check that `value` is one of `allowed`, or throw `unknownOption` naming the option. */
export function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return fail('unknownOption', { option, value, allowed });
}

/**
 * normalize: spec + the input's column names -> NormalizedMatrixSpec.
 * Fills defaults, validates options, resolves and auto-detects columns, parses filters,
 * the amount product and the as-of date. Throws KohortError on the first problem.
 */
export function normalize(spec: MatrixSpec, schema: InputSchema): NormalizedMatrixSpec {
  const mode = oneOf('mode', spec.mode ?? MATRIX_DEFAULTS.mode, MODES);
  const cohort = resolveCohort(spec.cohort ?? [...MATRIX_DEFAULTS.cohort], schema, spec.nps);
  const period = oneOf('period', spec.period ?? defaultPeriod(cohort.time), GRANULARITIES);
  const offsets = oneOf('offsets', spec.offsets ?? MATRIX_DEFAULTS.offsets, OFFSET_KINDS);
  const weekStart = oneOf('weekStart', spec.weekStart ?? MATRIX_DEFAULTS.weekStart, WEEK_STARTS);
  const tz = spec.tz ?? MATRIX_DEFAULTS.tz;
  const zone = timeZone(tz);
  const { activity: act, customers: cus } = schema;
  if (!act && !cus) fail('noInput', {});

  const roles = spec.columns ?? {};
  let activity: NormalizedMatrixSpec['activity'];
  let customers: NormalizedMatrixSpec['customers'];
  const anchorChoice = spec.anchor === undefined ? undefined : oneOf('anchor', spec.anchor, ANCHORS);
  if (anchorChoice === 'first-activity' && !act) fail('anchorNeedsActivity', {});
  if (cus) {
    const id = resolveRole('id', roles.id, cus.columns, { file: cus.file, required: true })!;
    const signup =
      anchorChoice === 'first-activity' && roles.signup === undefined
        ? undefined
        : resolveRole('signup', roles.signup, cus.columns, { file: cus.file, required: !act || anchorChoice === 'signup' });
    // Churn inferred from inactivity replaces a churn column: one named beside it is a
    // contradiction, and a detected one must not win over what was asked for.
    if (spec.inactiveAfter !== undefined && roles.churn !== undefined) fail('inactivityWithChurn', { churn: roles.churn });
    const churn =
      spec.inactiveAfter !== undefined
        ? undefined
        : resolveRole('churn', roles.churn, cus.columns, { file: cus.file, required: mode === 'survival' });
    customers = { file: cus.file, id, signup, churn };
  }
  if (act) {
    const id = resolveRole('id', roles.id, act.columns, { file: act.file, required: true })!;
    const time = resolveRole('time', roles.time, act.columns, { file: act.file, required: true })!;
    const amount = resolveAmount(roles.amount, act.columns, act.file, REVENUE_MODES.includes(mode));
    if (REVENUE_MODES.includes(mode) && !amount) fail('modeNeedsAmount', { mode });
    activity = { file: act.file, id, time, amount };
  }
  // Without activity every cell but survival's would read 0: churn that was never observed.
  if (!act && mode !== 'survival') fail('modeNeedsActivity', { mode });
  if (mode === 'survival' && !customers?.churn && spec.inactiveAfter === undefined) {
    fail('modeNeedsChurn', { mode });
  }

  if (spec.inactiveAfter !== undefined && mode !== 'survival') fail('inactiveAfterUnused', { mode });
  const filters = (spec.where ?? []).map((w) => resolveFilter(typeof w === 'string' ? parseWhere(w) : w, schema));
  const maxOffset = spec.maxOffset === undefined ? undefined : wholeNumber('maxOffset', spec.maxOffset);
  const partial = spec.partial ?? MATRIX_DEFAULTS.partial;
  const completeness = resolveCompleteness(spec.completeness, cohort.time === undefined, partial);

  return {
    activity,
    customers,
    anchor: anchorChoice ?? (customers?.signup ? 'signup' : 'first-activity'),
    cohort,
    period,
    offsets,
    weekStart,
    mode,
    tz,
    asOf: spec.asOf === undefined ? undefined : parseAsOf(spec.asOf, zone),
    partial,
    completeness,
    maxOffset,
    filters,
    dateFormat: spec.dateFormat === undefined ? undefined : resolveDateFormat(spec.dateFormat),
    strict: spec.strict ?? MATRIX_DEFAULTS.strict,
    inactiveAfterDays:
      spec.inactiveAfter === undefined ? undefined : parseDuration('inactiveAfter', spec.inactiveAfter),
    ...normalizeRejects(spec),
  };
}

/**
 * The offset period when the spec names none: daily or weekly cohorts get offsets of
 * their own length (weeks do not nest in months); coarser cohorts (month, quarter, year)
 * keep monthly offsets.
 */
export function defaultPeriod(cohortTime: Granularity | undefined): Granularity {
  return cohortTime === 'day' || cohortTime === 'week' ? cohortTime : MATRIX_DEFAULTS.period;
}

/**
 * Rolling by default for cohorts without a time part, strict otherwise; partial cells
 * are a strict notion (a rolling cell only counts members whose period has ended).
 */
function resolveCompleteness(given: unknown, timeless: boolean, partial: boolean): Completeness {
  if (given === undefined) return timeless && !partial ? 'rolling' : 'strict';
  const c = oneOf('completeness', given, COMPLETENESS);
  if (c === 'rolling' && partial) fail('rollingPartial', {});
  return c;
}

/** "--amount Quantity*UnitPrice" -> ["Quantity", "UnitPrice"]; a single column -> [name]. */
function resolveAmount(
  given: string | undefined,
  columns: readonly string[],
  file: string,
  required: boolean,
): string[] | undefined {
  if (given === undefined) {
    const found = resolveRole('amount', undefined, columns, { file, required });
    return found === undefined ? undefined : [found];
  }
  // A column whose own name contains "*" wins over the product reading.
  const whole = matchColumn(given, columns, { role: 'amount', file });
  if (whole !== undefined) return [whole];
  const parts = given.split('*').map((p) => p.trim());
  if (parts.length > 2 || parts.some((p) => p === '')) fail('badAmount', { value: given });
  return parts.map((p) => resolveRole('amount', p, columns, { file, required: true })!);
}

function resolveCohort(items: readonly string[], schema: InputSchema, nps?: string): NormalizedMatrixSpec['cohort'] {
  let time: Granularity | undefined;
  const attributes: CohortAttribute[] = [];
  for (const raw of items) {
    const item = raw.trim();
    if (item === '') continue;
    if ((GRANULARITIES as readonly string[]).includes(item.toLowerCase())) {
      if (time !== undefined) fail('badCohort', { value: items.join(',') });
      time = item.toLowerCase() as Granularity;
      continue;
    }
    attributes.push(npsClassAttribute(item, nps, schema) ?? resolveAttribute(item, 'cohort attribute', schema));
  }
  if (time === undefined && attributes.length === 0) time = 'month';
  return { time, attributes };
}

/** Attributes come from the customers table when it has the column, else from activity. */
function resolveAttribute(name: string, role: string, schema: InputSchema): CohortAttribute {
  return resolveInTables(name, schema, ['customers', 'activity'], role);
}

/** Filters act on activity rows first (order lines, events); customer attributes otherwise. */
function resolveFilter(f: Filter, schema: InputSchema): ResolvedFilter {
  const { table, column } = resolveInTables(f.column, schema, ['activity', 'customers'], 'filter', 'where');
  return { ...f, column, table };
}

function wholeNumber(option: string, value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 0) fail('badNumber', { option, value });
  return n;
}
