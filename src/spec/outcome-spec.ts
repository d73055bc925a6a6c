/**
 * Churned vs retained customers (METRICS.md section 8): the reasons of the churned
 * (ReasonsSpec) and the value of the lost and the retained (ValueSpec), as documented
 * spec types with defaults, and their normalizers.
 */
import { fail } from '../errors.js';
import { timeZone } from '../time/zone.js';
import {
  CHURN_DEFAULTS,
  eventRule,
  normalizeChurnInput,
  groupsAndFilters,
  type ChurnInputSpec,
  type ChurnSource,
  type EventRule,
  type NormalizedChurnInput,
} from './churn-spec.js';
import { resolveRole } from './detect-column.js';
import type { InputSchema } from './input-schema.js';
import { oneOf } from './normalize.js';
import { matchColumn, resolveColumn, tableColumns } from './resolve-column.js';
import { GRANULARITIES, type Granularity } from './types.js';

/**
 * Who churned. Besides a churn time column (`columns.churn`: churned when it is at or
 * before as-of) and inactivity (`inactiveAfter`), churn can be a status on the customers
 * table, with no dates at all: `event`.
 */
export interface OutcomeSpec extends ChurnInputSpec {
  /**
   * Churn as a status of each customers-table row: "<column>=<value>" (rows holding that
   * value churned, e.g. "Customer Status=Churned"; every other value is retained), or a
   * 0/1, yes/no, true/false column. Rows with an empty status are left out and counted.
   */
  event?: string;
  /**
   * Cohorts by the anchor's period (signup, else first activity): "month" splits the
   * segments by signup month (crossed with `by`). With `event`, needs a signup column.
   * Default: none.
   */
  cohort?: Granularity;
}

/** Churned customers' reasons, counted by segment (`by`). */
export interface ReasonsSpec extends OutcomeSpec {
  /**
   * The reason column of the customers table, or two: a category and a reason within it
   * (["Churn Category", "Churn Reason"], or the text "Churn Category,Churn Reason").
   */
  reason: string | string[];
}

/** Lifetime value of churned vs retained customers, by segment (`by`). */
export interface ValueSpec extends OutcomeSpec {
  /** A value column of the customers table (e.g. "Total Revenue"), one figure per customer. */
  value?: string;
  /**
   * Or: an activity amount (a column, or "A*B"), summed per customer over the counted
   * activity (up to as-of, after filters); a customer without activity has 0.
   */
  amount?: string;
}

/** Where churn comes from, resolved: a status flag, or the churn sources of survival. */
export type OutcomeSource = ChurnSource | { kind: 'flag'; event: EventRule };

/** The shared part of the normalized reasons and value specs. */
export interface NormalizedOutcome extends Omit<NormalizedChurnInput, 'churn' | 'anchor'> {
  anchor: NormalizedChurnInput['anchor'];
  churn: OutcomeSource;
}

/** A ReasonsSpec checked, with its defaults filled and its columns resolved: what reasonsPlan takes. */
export interface NormalizedReasonsSpec extends NormalizedOutcome {
  /** One or two reason columns of the customers table (category first). */
  reasons: string[];
}

/** A ValueSpec checked, with its defaults filled and its columns resolved: what valuePlan takes. */
export interface NormalizedValueSpec extends NormalizedOutcome {
  value: { kind: 'column'; column: string } | { kind: 'amount'; columns: string[] };
}

/**
 * normalizeReasons: ReasonsSpec + the input's column names -> NormalizedReasonsSpec.
 * Fails with `reasonsNeedReason`, `badReasonLevels`, `outcomeNeedsCustomers`,
 * `missingColumn` and the churn source's errors.
 */
export function normalizeReasons(spec: ReasonsSpec, schema: InputSchema): NormalizedReasonsSpec {
  const given = typeof spec.reason === 'string' ? spec.reason.split(',') : (spec.reason ?? []);
  const names = given.map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) fail('reasonsNeedReason', { files: tableColumns(schema, ['customers']) });
  if (names.length > 2) fail('badReasonLevels', { value: given.join(',') });
  const base = normalizeOutcome(spec, schema, 'reasons');
  const cus = schema.customers;
  if (!cus) return fail('outcomeNeedsCustomers', { what: 'the churn reason' });
  const reasons = names.map((n) => resolveColumn(n, cus.columns, { role: 'churn reason', field: 'reason', file: cus.file }));
  return { ...base, reasons };
}

/**
 * normalizeValue: ValueSpec + the input's column names -> NormalizedValueSpec. Fails with
 * `valueNeedsValue`, `valueOneSource`, `outcomeNeedsCustomers`, `missingColumn`.
 */
export function normalizeValue(spec: ValueSpec, schema: InputSchema): NormalizedValueSpec {
  if (spec.value !== undefined && spec.amount !== undefined) fail('valueOneSource', {});
  if (spec.value === undefined && spec.amount === undefined) fail('valueNeedsValue', {});
  const base = normalizeOutcome(spec, schema, 'value');
  if (spec.value !== undefined) {
    const cus = schema.customers;
    if (!cus) return fail('outcomeNeedsCustomers', { field: 'value' });
    return { ...base, value: { kind: 'column', column: resolveColumn(spec.value, cus.columns, { role: 'value', field: 'value', file: cus.file }) } };
  }
  const act = schema.activity;
  if (!act || !base.activity) return fail('inactivityNeedsActivity', {});
  const text = spec.amount!;
  // A column whose own name contains "*" wins over the product reading.
  const whole = matchColumn(text, act.columns, { role: 'amount', file: act.file });
  const parts = whole !== undefined ? [whole] : text.split('*').map((p) => p.trim());
  if (parts.length > 2 || parts.some((p) => p === '')) fail('badAmount', { value: text });
  const columns = parts.map((p) => resolveColumn(p, act.columns, { role: 'amount', file: act.file }));
  return { ...base, activity: { ...base.activity, amount: columns }, value: { kind: 'amount', columns } };
}

/**
 * The churn source and the inputs: a status flag (`event`: customers table, no dates), else
 * a churn time column or inactivity (as in survival).
 */
export function normalizeOutcome(spec: OutcomeSpec, schema: InputSchema, analysis: string): NormalizedOutcome {
  const cohort = spec.cohort === undefined ? undefined : oneOf('cohort', String(spec.cohort).toLowerCase(), GRANULARITIES);
  if (spec.event === undefined) return { ...normalizeChurnInput(spec, schema, analysis, false), cohort };
  if (spec.inactiveAfter !== undefined) fail('oneChurnSource', { other: 'inactiveAfter' });
  if (spec.columns?.churn !== undefined) fail('oneChurnSource', { other: 'columns.churn' });
  const cus = schema.customers;
  if (!cus) return fail('outcomeNeedsCustomers', { field: 'event', value: spec.event });
  const act = schema.activity;
  const roles = spec.columns ?? {};
  const tz = spec.tz ?? CHURN_DEFAULTS.tz;
  const zone = timeZone(tz);
  // Without activity each customers-table row is a customer unless an id is given or found.
  const id = resolveRole('id', roles.id, cus.columns, { file: cus.file, required: act !== undefined || cohort !== undefined });
  // Cohorts by period need the signup time (a status carries no dates).
  const signup = cohort === undefined ? undefined : resolveRole('signup', roles.signup, cus.columns, { file: cus.file, required: true });
  const activity = act
    ? {
        file: act.file,
        id: resolveRole('id', roles.id, act.columns, { file: act.file, required: true })!,
        time: resolveRole('time', roles.time, act.columns, { file: act.file, required: true })!,
      }
    : undefined;
  return {
    activity,
    customers: { file: cus.file, id, signup },
    anchor: signup ? 'signup' : 'none',
    cohort,
    churn: { kind: 'flag', event: eventRule(spec.event, cus.columns, cus.file) },
    ...groupsAndFilters(spec, schema, tz, zone),
  };
}
