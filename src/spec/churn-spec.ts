import { normalizeRejects, type NormalizedRejects, type RejectSpec } from './reject-options.js';
/**
 * What the churn-aware analyses (survival, CRR) share: where churn comes from, the
 * tables and columns, groups and filters (METRICS.md sections 5, 6 and 7), and the
 * normalizer of that part of their specs.
 */
import { fail } from '../errors.js';
import { oneOf } from './normalize.js';
import { resolveDateFormat, type DateFormat } from '../time/date-format.js';
import { parseAsOf } from '../time/parse-time.js';
import { timeZone, type Zone } from '../time/zone.js';
import { detectColumn, lifetimeColumn, resolveRole } from './detect-column.js';
import type { CohortAttribute, InputSchema, ResolvedFilter } from './input-schema.js';
import { parseDuration } from './parse-duration.js';
import { parseWhere } from './parse-where.js';
import { matchColumn, resolveColumn, resolveInTables } from './resolve-column.js';
import { npsClassAttribute } from './nps-class.js';
import type { ColumnRoles, Filter, Granularity, InputSpec } from './types.js';

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
  /**
   * What ends a lifetime: "churn" (default: the churn column or inactivity), or
   * "first-activity": the customer's first activity at or after its signup, for time to
   * conversion (a lead's first contact to its won deal). Needs signup times and activity.
   */
  until?: 'churn' | 'first-activity';
  /**
   * What a lifetime counts from: "signup" (the customers table's signup column, the
   * default when it has one) or "first-activity".
   */
  anchor?: 'signup' | 'first-activity';
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
  /** An NPS score column (0-10): makes "nps_class" (promoter / passive / detractor) a --by group. */
  nps?: string;
}

/** The defaults of the fields every churn-aware spec has. */
export const CHURN_DEFAULTS = { tz: 'UTC', strict: false } as const satisfies Partial<ChurnInputSpec>;

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
  | { kind: 'first-activity' }
  | { kind: 'duration'; duration: string; event: EventRule };

/** The shared part of both normalized specs: tables, columns, churn source, groups, filters. */
export interface NormalizedChurnInput extends NormalizedRejects {
  /** The activity table; `amount` (a column or a product's two) where a value sums amounts. */
  activity?: { file: string; id: string; time: string; amount?: string[] };
  /** The customers table; `id` may be absent only with durations given directly. */
  customers?: { file: string; id?: string; signup?: string };
  /** The anchor: signup time, first activity, or none (durations given directly). */
  anchor: 'signup' | 'first-activity' | 'none';
  churn: ChurnSource;
  /** Group columns and the table each is read from. */
  by: CohortAttribute[];
  /** The anchor's period as a group too (ISO weeks), crossed with `by` (reasons, value). */
  cohort?: Granularity;
  tz: string;
  /** Epoch ms; undefined = end of the day of the latest timestamp. */
  asOf?: number;
  filters: ResolvedFilter[];
  dateFormat?: DateFormat;
  strict: boolean;
}

/** normalizeChurnInput: the shared part of a survival or CRR spec, normalized against the input's column names. */
export function normalizeChurnInput(
  spec: ChurnInputSpec & { duration?: string; event?: string },
  schema: InputSchema,
  analysis: string,
  allowDuration: boolean,
): NormalizedChurnInput {
  const tz = spec.tz ?? CHURN_DEFAULTS.tz;
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
    if (spec.inactiveAfter !== undefined) fail('inactiveAfterWithDuration', {});
    // Durations given directly: one table of customers (the customers table, else the only one).
    const table = cus ?? act!;
    const file = table.file;
    const id = resolveRole('id', roles.id, table.columns, { file, required: false });
    const duration = resolveColumn(spec.duration, table.columns, { role: 'duration', file });
    const event = eventRule(spec.event, table.columns, file);
    customers = { file, id };
    churn = { kind: 'duration', duration, event };
    anchor = 'none';
    return { customers, anchor, churn, ...groupsAndFilters(spec, { customers: table }, tz, zone) };
  }

  const inactivity = spec.inactiveAfter !== undefined;
  if (inactivity && !act) fail('inactivityNeedsActivity', {});
  if (inactivity && roles.churn !== undefined) fail('inactivityWithChurn', { churn: roles.churn });
  // A lone file without churn or signup columns but with a time column is an activity
  // file: the way forward is churn inferred from inactivity, not --signup then --churn.
  if (!inactivity && cus && !act && roles.churn === undefined && detectColumn('churn', cus.columns) === undefined) {
    const time = roles.time ?? detectColumn('time', cus.columns);
    if (time !== undefined && (roles.signup === undefined || roles.signup === time) && detectColumn('signup', cus.columns) === undefined) {
      fail('activityNeedsInactivity', { analysis, time }, { file: cus.file });
    }
    // No time of any kind (Telco, Maven): the way forward is a duration or a status, not --signup then --churn.
    if (time === undefined && roles.signup === undefined && detectColumn('signup', cus.columns) === undefined) {
      fail('datelessCustomers', { analysis, lifetime: lifetimeColumn(cus.columns), status: cus.columns.find((c) => /status|churn/i.test(c)) }, { file: cus.file });
    }
  }
  if (cus) {
    const id = resolveRole('id', roles.id, cus.columns, { file: cus.file, required: true })!;
    // An anchor on the first activity (asked for, with activity) leaves the signup column unread.
    const firstActivity = spec.anchor === 'first-activity' && act !== undefined;
    const signup = firstActivity ? undefined : resolveRole('signup', roles.signup, cus.columns, { file: cus.file, required: !act });
    customers = { file: cus.file, id, signup };
  }
  if (act) {
    const id = resolveRole('id', roles.id, act.columns, { file: act.file, required: true })!;
    const time = resolveRole('time', roles.time, act.columns, { file: act.file, required: true })!;
    activity = { file: act.file, id, time };
  }
  if (spec.until !== undefined && spec.until !== 'churn') {
    oneOf('until', spec.until, ['churn', 'first-activity'] as const);
    if (!act || !customers?.signup) fail('untilNeedsSignup', {});
    churn = { kind: 'first-activity' };
  } else if (inactivity) {
    churn = { kind: 'inactivity', days: parseDuration('inactiveAfter', spec.inactiveAfter!) };
  } else {
    if (!cus) fail('needsChurn', { analysis });
    // Customers without a churn column, beside activity (Olist's leads and deals): inactivity is the other way.
    if (act && roles.churn === undefined && detectColumn('churn', cus.columns) === undefined) {
      fail('undetectedColumn', { role: 'churn time', field: 'columns.churn', columns: cus.columns, inactivity: true }, { file: cus.file });
    }
    const column = resolveRole('churn', roles.churn, cus.columns, { file: cus.file, required: true })!;
    churn = { kind: 'column', column };
  }
  anchor = customers?.signup ? 'signup' : 'first-activity';
  return { activity, customers, anchor, churn, ...groupsAndFilters(spec, schema, tz, zone) };
}

/** The fields of a normalized churn input that do not depend on where churn comes from. */
export function groupsAndFilters(spec: ChurnInputSpec, schema: InputSchema, tz: string, zone: Zone) {
  return {
    by: resolveBy(spec.by, schema, spec.nps),
    tz,
    asOf: spec.asOf === undefined ? undefined : parseAsOf(spec.asOf, zone),
    filters: (spec.where ?? []).map((w) => resolveFilter(typeof w === 'string' ? parseWhere(w) : w, schema)),
    dateFormat: spec.dateFormat === undefined ? undefined : resolveDateFormat(spec.dateFormat),
    strict: spec.strict ?? CHURN_DEFAULTS.strict,
    ...normalizeRejects(spec),
  };
}

/** The --by columns, resolved, blanks and repeats dropped. */
export function resolveBy(by: readonly string[] | undefined, schema: InputSchema, nps?: string): CohortAttribute[] {
  const out: CohortAttribute[] = [];
  for (const raw of by ?? []) {
    const name = raw.trim();
    if (name === '') continue;
    const a = npsClassAttribute(name, nps, schema) ?? resolveInTables(name, schema, ['customers', 'activity'], 'group column', 'by');
    if (!out.some((o) => o.column === a.column)) out.push(a);
  }
  return out;
}

/** "--event Churn" or "--event Churn=Yes"; a column whose own name contains "=" wins. */
export function eventRule(text: string, columns: readonly string[], file: string): EventRule {
  const whole = matchColumn(text, columns, { role: 'event', file });
  if (whole !== undefined) return { column: whole };
  const eq = text.indexOf('=');
  if (eq < 0) return { column: resolveColumn(text.trim(), columns, { role: 'event', file }) };
  const column = resolveColumn(text.slice(0, eq).trim(), columns, { role: 'event', file });
  let value = text.slice(eq + 1).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return { column, value };
}

/** Filters act on activity rows first, customer rows otherwise (as in the matrix). */
export function resolveFilter(f: Filter, schema: InputSchema): ResolvedFilter {
  const { table, column } = resolveInTables(f.column, schema, ['activity', 'customers'], 'filter', 'where');
  return { ...f, column, table };
}
