import type { InputSchema } from '../load/input-tables.js';
import type { NormalizedChurnInput } from '../spec/churn-spec.js';
import { projection, textAttributes, type Projection } from './projection.js';

/** The columns a survival or CRR run reads of each table: ids, times, churn, groups, filters. */
export function churnRead(spec: NormalizedChurnInput, schema: InputSchema): Projection {
  const on = (table: 'activity' | 'customers'): string[] => [
    ...spec.by.filter((a) => a.table === table).map((a) => a.nps ?? a.column),
    ...spec.filters.filter((f) => f.table === table).map((f) => f.column),
  ];
  const labels = { activity: textAttributes('activity', spec.by), customers: textAttributes('customers', spec.by) };
  if (spec.churn.kind === 'duration') {
    // Durations given directly: everything is on the one table read (customers, else activity).
    const { duration, event } = spec.churn;
    const columns = [spec.customers?.id, duration, event.column, ...on('customers'), ...on('activity')];
    const id = spec.customers?.id;
    const text = [...labels.activity, ...labels.customers];
    return projection(schema, schema.customers ? { customers: columns } : { activity: columns }, schema.customers ? { customers: id } : { activity: id }, schema.customers ? { customers: text } : { activity: text });
  }
  const churn = spec.churn.kind === 'column' ? spec.churn.column : undefined;
  return projection(schema, {
    activity: spec.activity ? [spec.activity.id, spec.activity.time, ...on('activity')] : undefined,
    customers: spec.customers ? [spec.customers.id, spec.customers.signup, churn, ...on('customers')] : undefined,
  }, { activity: spec.activity?.id, customers: spec.customers?.id }, labels);
}
