import type { InputSchema } from '../load/input-tables.js';
import type { NormalizedFeedbackSpec } from '../spec/feedback-spec.js';
import type { NormalizedOutcome, NormalizedReasonsSpec, NormalizedValueSpec } from '../spec/outcome-spec.js';
import { projection, textAttributes, type Projection } from './projection.js';

/** What a `kohort reasons` run computes: plain, JSON-serialisable data (see MatrixPlan). */
export interface ReasonsPlan {
  kind: 'reasons';
  /** The columns each table must provide. */
  read: Projection;
  spec: NormalizedReasonsSpec;
}

/** What a `kohort value` run computes. */
export interface ValuePlan {
  kind: 'value';
  read: Projection;
  spec: NormalizedValueSpec;
}

/** What a `kohort feedback` run computes. */
export interface FeedbackPlan {
  kind: 'feedback';
  read: Projection;
  spec: NormalizedFeedbackSpec;
}

/** reasonsPlan: NormalizedReasonsSpec -> ReasonsPlan (the reason columns besides the churn inputs). */
export function reasonsPlan(spec: NormalizedReasonsSpec, schema: InputSchema): ReasonsPlan {
  const read = outcomeRead(spec, schema, { customers: spec.reasons });
  // Reason codes are labels too ("01" stays 01).
  const codes = textAttributes('customers', spec.reasons.map((column) => ({ column, table: 'customers' })));
  if (read.customers && codes.length) read.customers.csvLabels = [...new Set([...(read.customers.csvLabels ?? []), ...codes])];
  return { kind: 'reasons', read, spec };
}

/** valuePlan: NormalizedValueSpec -> ValuePlan (the value column, or the amounts). */
export function valuePlan(spec: NormalizedValueSpec, schema: InputSchema): ValuePlan {
  const v = spec.value;
  const read = outcomeRead(spec, schema, v.kind === 'column' ? { customers: [v.column] } : { activity: v.columns });
  // With a decimal comma, CSV amounts are read as text ("1.000" is a thousand, not 1).
  const table = v.kind === 'column' ? read.customers : read.activity;
  if (spec.decimal === ',' && table) table.csvText = v.kind === 'column' ? [v.column] : v.columns;
  return { kind: 'value', read, spec };
}

/** feedbackPlan: NormalizedFeedbackSpec -> FeedbackPlan (id, segments, scores, filters of the one table). */
export function feedbackPlan(spec: NormalizedFeedbackSpec, schema: InputSchema): FeedbackPlan {
  const columns = [
    spec.id,
    ...spec.by.map((a) => a.nps ?? a.column),
    spec.nps,
    spec.csat,
    spec.ces,
    ...spec.filters.map((f) => f.column),
  ];
  // Ids are text: "007" and "7" are two customers.
  const table = schema.customers ? 'customers' : 'activity';
  const labels = textAttributes('customers', spec.by);
  return { kind: 'feedback', read: projection(schema, { [table]: columns }, { [table]: spec.id }, { [table]: labels }), spec };
}

/** The columns of a churned-vs-retained run: ids, times, the churn source, groups, filters, plus `extra`. */
function outcomeRead(spec: NormalizedOutcome, schema: InputSchema, extra: { customers?: string[]; activity?: string[] }): Projection {
  const on = (table: 'activity' | 'customers'): string[] => [
    ...spec.by.filter((a) => a.table === table).map((a) => a.nps ?? a.column),
    ...spec.filters.filter((f) => f.table === table).map((f) => f.column),
  ];
  const churn = spec.churn.kind === 'column' ? spec.churn.column : spec.churn.kind === 'flag' ? spec.churn.event.column : undefined;
  return projection(
    schema,
    {
      activity: spec.activity ? [spec.activity.id, spec.activity.time, ...(spec.activity.amount ?? []), ...on('activity'), ...(extra.activity ?? [])] : undefined,
      customers: spec.customers ? [spec.customers.id, spec.customers.signup, churn, ...on('customers'), ...(extra.customers ?? [])] : undefined,
    },
    // Ids are text: "007" and "7" are two customers.
    { activity: spec.activity?.id, customers: spec.customers?.id },
    { activity: textAttributes('activity', spec.by), customers: textAttributes('customers', spec.by) },
  );
}
