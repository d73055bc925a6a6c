import type { InputTables } from '../../../load/input-tables.js';
import { emptyLifetimeReport, type LifetimeReport } from '../../../report/lifetime-report.js';
import type { ChurnReport } from '../../../report/load-report.js';
import { inactivityAsOfWarning } from '../../../result/as-of-warning.js';
import type { NormalizedChurnInput } from '../../../spec/churn-spec.js';
import type { Cohorts } from '../prepare/assign-cohorts.js';
import { sharedCohorts } from '../prepare/shared-cohorts.js';
import { attributeColumn } from '../prepare/attribute-column.js';
import { firstActivityRows, groupCustomers } from '../prepare/group-customers.js';
import type { Events } from '../prepare/prepare-events.js';
import { prepareRun } from '../prepare/prepare-run.js';
import type { Reusable } from '../prepare/prepared-run.js';
import { churnTimes, emptyChurnReport } from './churn-times.js';
import type { SharedRejects } from '../../../report/rejects.js';

/**
 * The lifetime of every customer of a run, from dates: when it began (the anchor: signup,
 * else first activity) and when it ended (churn, from a column or inferred from
 * inactivity), observed up to as-of. Per-customer arrays are indexed by customer number.
 */
export interface Lifetimes {
  /** Customers numbered (some may be out of the run: anchor NaN). */
  count: number;
  /** Anchor instant (epoch ms); NaN = not in the run (see the report for why). */
  anchor: Float64Array;
  /** Churn instant (epoch ms); NaN = not churned by as-of. */
  churn: Float64Array;
  /** The as-of instant used. */
  asOf: number;
  /** The --by groups (cohorts without a time part); customers out of the run are in none. */
  groups: Cohorts;
  report: LifetimeReport;
  /** The customers-table row of each customer (with a customers table). */
  customersRow?: Int32Array;
  /** The counted activity rows (with an activity table; amounts with `opts.amounts`). */
  events?: Events;
}

/**
 * customerLifetimes: ids -> customer index -> times -> as-of -> filters -> activity
 * -> anchors -> churn times (churnTimes) -> groups. The same pieces as executeMatrix.
 */
export function customerLifetimes(
  spec: NormalizedChurnInput,
  inputs: InputTables,
  opts: { amounts?: boolean; reuse?: Reusable; sharedRejects?: SharedRejects } = {},
): Lifetimes {
  const run = prepareRun(spec, inputs, {
    amounts: opts.amounts,
    reuse: opts.reuse,
    sharedRejects: opts.sharedRejects,
    signupAnchor: spec.anchor === 'signup',
    // Row numbers only serve group values read from a customer's first activity.
    firstEvents: spec.by.some((a) => a.table === 'activity'),
    extraTime: spec.churn.kind === 'column' ? spec.churn.column : undefined,
  });
  const { zone, index, events, asOf, customerRemoved, noGroupCustomers, report: load } = run;
  let anchor = run.anchor;
  const report = emptyLifetimeReport();
  const ex = report.customers.excluded;
  report.files = load.files;
  report.warnings.push(...load.warnings);
  ex.filtered = load.customers.excluded.filtered;
  if (load.customers.excluded.noGroup !== undefined) ex.noGroup = load.customers.excluded.noGroup;
  ex.missingAnchor = load.customers.excluded.missingSignup;
  ex.anchorAfterAsOf = load.customers.excluded.afterAsOf;
  if (spec.anchor !== 'signup' && events) {
    // Without a counted activity: in no compared group when --where kept a row of theirs the groups left out.
    for (let c = 0; c < index.count; ++c) {
      if (anchor[c] === anchor[c] || customerRemoved?.[c]) continue;
      if (noGroupCustomers?.[c]) ex.noGroup! += 1;
      else ++ex.missingAnchor;
    }
  }

  const churnReport = emptyChurnReport();
  let churn: Float64Array;
  if (spec.churn.kind === 'first-activity') churn = firstActivityAfter(anchor, events!.customer, events!.time, churnReport);
  else {
    // Those left out are NaN in a copy of the anchors (the run's may be another part's too).
    ({ churn, anchor } =
      spec.churn.kind === 'column'
      ? churnTimes(
          anchor,
          asOf,
          { churnByRow: run.extra!.times.ms, customersRow: index.customersRow!, badByRow: run.extra!.unreadable },
          churnReport,
        )
      : churnTimes(
          anchor,
          asOf,
          { inactiveAfterDays: spec.churn.kind === 'inactivity' ? spec.churn.days : NaN, eventCustomer: events!.customer, eventTime: events!.time },
          churnReport,
        ));
  }
  ex.badChurn = churnReport.badChurn;
  ex.churnBeforeAnchor = churnReport.churnBeforeAnchor;
  report.customers.churnAfterAsOf = churnReport.churnAfterAsOf;
  if (spec.churn.kind === 'inactivity' && load.latestActivity !== undefined) {
    const w = inactivityAsOfWarning({ asOf, latestActivity: Date.parse(load.latestActivity), windowDays: spec.churn.days, zone });
    if (w) report.warnings.push(w);
  }

  const group = (): Cohorts =>
    groupCustomers(spec.by, anchor, zone, {
      customerRows: index.customersRow,
      activityRows: () => firstActivityRows(run.firstEvent, events?.row),
      firstActivity: () => ({ events, firstEvent: run.firstEvent }),
      column: (a) => attributeColumn((a.table === 'customers' ? run.cus : run.act)!.table, a),
    }, spec.cohort);
  // Groups without a time part: the same cohorts as another part's (compare's curves).
  const groups = spec.cohort === undefined ? sharedCohorts(run.shared, { attributes: spec.by, customers: run.cus, customersRow: index.customersRow }, anchor, group) : group();

  ex.missingId = load.customers.excluded.missingId;
  ex.duplicateId = load.customers.excluded.duplicateId;
  report.customers.read = index.count;
  let used = 0;
  let churned = 0;
  for (let c = 0; c < index.count; ++c) {
    if (anchor[c] !== anchor[c]) continue;
    ++used;
    if (churn[c] === churn[c]) ++churned;
  }
  report.customers.used = used;
  report.customers.churned = churned;
  report.customers.censored = used - churned;
  if (run.act) report.activity = { rowsRead: load.rowsRead, rowsUsed: load.rowsUsed, excluded: load.excluded };
  return { count: index.count, anchor, churn, asOf, groups, report, customersRow: index.customersRow, events };
}

/**
 * Each customer's first counted activity at or after its anchor (epoch ms; NaN = none by
 * as-of, censored): the end of a lifetime measured to a first purchase or a won deal.
 * Activity before the anchor is no end (the report counts it as before the anchor).
 */
function firstActivityAfter(anchor: Float64Array, customer: Int32Array, time: Float64Array, report: ChurnReport): Float64Array {
  const first = new Float64Array(anchor.length).fill(NaN);
  for (let i = 0; i < customer.length; ++i) {
    const c = customer[i];
    const t = time[i];
    if (t >= anchor[c] && !(t >= first[c])) first[c] = t;
  }
  for (let c = 0; c < first.length; ++c) if (first[c] === first[c]) ++report.churned;
  return first;
}
