import { emptyReport } from '../../../report/load-report.js';
import type { CohortAttribute } from '../../../spec/normalize.js';
import type { NormalizedSurvivalSpec } from '../../../spec/survival-spec.js';
import type { Cohorts } from '../prepare/assign-cohorts.js';
import { numericColumn } from '../prepare/column-keys.js';
import { customerIndex } from '../prepare/customer-index.js';
import { givenDurations } from '../churn/given-durations.js';
import { firstActivityRows, groupCustomers } from '../prepare/group-customers.js';
import type { InputTables } from '../../../load/input-tables.js';
import { tableColumn } from '../prepare/dataset-columns.js';
import { prepareRun, type RunSpec } from '../prepare/prepare-run.js';
import type { Reusable } from '../prepare/prepared-run.js';
import type { SharedRejects } from '../../../report/rejects.js';

/** One number per customer in the run (NaN = none) and the customers' groups. */
export interface CustomerValues {
  value: Float64Array;
  groups: Cohorts;
  /** Customers in a group whose value is missing (a customers-table column left empty). */
  missing: number;
}

/** Where revenue per customer is read. */
export type RevenueSource =
  | { kind: 'activity'; amount: string[] }
  | { kind: 'customers'; column: string };

/**
 * customerRevenue: revenue per customer of a dated run, the same customers (ids, filters,
 * anchors, as-of) as the matrix: the sum of its activity amounts from its anchor up to
 * as-of (missing amounts skipped; no activity = 0), or its value of a customers-table
 * column. Its rejects go to `sharedRejects` (the analysis's one file, written by its owner):
 * `spec` carries no rejects file, which the run would write a second time.
 */
export function customerRevenue(
  spec: Omit<RunSpec, 'rejectsFile'> & { rejectsFile?: never },
  inputs: InputTables,
  by: CohortAttribute,
  source: RevenueSource,
  signupAnchor: boolean,
  reuse?: Reusable,
  sharedRejects?: SharedRejects,
): CustomerValues {
  const runSpec: RunSpec = source.kind === 'activity' && spec.activity ? { ...spec, activity: { ...spec.activity, amount: source.amount } } : spec;
  const run = prepareRun(runSpec, inputs, {
    signupAnchor,
    amounts: source.kind === 'activity',
    firstEvents: by.table === 'activity',
    reuse,
    sharedRejects,
  });
  const { anchor, index, events, zone } = run;
  const value = new Float64Array(index.count).fill(NaN);
  for (let c = 0; c < index.count; ++c) if (anchor[c] === anchor[c]) value[c] = 0;
  if (source.kind === 'activity' && events?.amount) {
    const { customer, time, amount } = events;
    for (let i = 0; i < events.n; ++i) {
      const c = customer[i];
      const a = amount[i];
      if (a === a && time[i] >= anchor[c]) value[c] += a;
    }
  } else if (source.kind === 'customers' && run.cus && index.customersRow) {
    const col = numericColumn(tableColumn(run.cus.table, source.column));
    for (let c = 0; c < index.count; ++c) if (value[c] === value[c]) value[c] = col[index.customersRow[c]];
  }
  const groups = groupCustomers([by], anchor, zone, {
    customerRows: index.customersRow,
    activityRows: () => firstActivityRows(run.firstEvent, events?.row),
    firstActivity: () => ({ events, firstEvent: run.firstEvent }),
    column: (a) => tableColumn((a.table === 'customers' ? run.cus : run.act)!.table, a.column),
  });
  return { value, groups, missing: countMissing(value, groups.of) };
}

/**
 * durationRevenue: revenue per customer from a column of the one table of a run with
 * durations given directly, for the customers the survival fit keeps.
 */
export function durationRevenue(spec: NormalizedSurvivalSpec, inputs: InputTables, column: string): CustomerValues {
  const given = givenDurations(spec, inputs);
  const d = (inputs.customers ?? inputs.activity)!;
  const id = spec.customers?.id;
  const rows = id ? customerIndex(undefined, tableColumn(d.table, id), emptyReport(), { strict: false }).customersRow! : undefined;
  const col = numericColumn(tableColumn(d.table, column));
  const value = new Float64Array(given.count).fill(NaN);
  for (let c = 0; c < given.count; ++c) if (given.duration[c] === given.duration[c]) value[c] = col[rows ? rows[c] : c];
  return { value, groups: given.groups, missing: countMissing(value, given.groups.of) };
}

function countMissing(value: Float64Array, of: Int32Array): number {
  let n = 0;
  for (let c = 0; c < value.length; ++c) if (of[c] >= 0 && value[c] !== value[c]) ++n;
  return n;
}
