import { emptyLifetimeReport, type LifetimeReport } from '../../../report/lifetime-report.js';
import type { NormalizedOutcome } from '../../../spec/outcome-spec.js';
import type { NormalizedChurnInput } from '../../../spec/churn-spec.js';
import { timeZone } from '../../../time/zone.js';
import type { Cohorts } from '../prepare/assign-cohorts.js';
import { attributeColumn } from '../prepare/attribute-column.js';
import { customerLifetimes } from '../churn/customer-lifetimes.js';
import { readEvents } from '../churn/read-events.js';
import { filterMask } from '../prepare/filter-mask.js';
import { firstActivityRows, groupCustomers } from '../prepare/group-customers.js';
import type { InputTables } from '../../../load/input-tables.js';
import { filterSource, tableColumn } from '../prepare/dataset-columns.js';
import type { Events } from '../prepare/prepare-events.js';
import { prepareRun } from '../prepare/prepare-run.js';
import type { SharedRejects } from '../../../report/rejects.js';

/** A customer's outcome: retained (still a customer at as-of), churned, or not in the run. */
export const RETAINED = 0;
export const CHURNED = 1;
export const OUT = 2;

/** Who churned and who stayed, per customer (customers numbered as by customerIndex). */
export interface Outcomes {
  count: number;
  /** RETAINED, CHURNED or OUT (left out: filtered, no status, no anchor; see the report). */
  status: Uint8Array;
  /** The customers-table row of each customer (with a customers table). */
  customersRow?: Int32Array;
  /** The --by groups; customers out of the run are in none (-1). */
  groups: Cohorts;
  /** The as-of instant, when the run has times (undefined for a status flag without activity). */
  asOf?: number;
  /** The counted activity rows (with an activity table), with amounts when asked. */
  events?: Events;
  /** `report.customers.censored` counts the retained. */
  report: LifetimeReport;
}

/**
 * customerOutcomes: churned vs retained per customer, from a status flag (`event`, no
 * dates), a churn time column or inactivity (customerLifetimes: churned when the churn is
 * at or before as-of), with the --by groups and, with `amounts`, the activity amounts.
 */
export function customerOutcomes(spec: NormalizedOutcome, inputs: InputTables, opts: { amounts?: boolean; sharedRejects?: SharedRejects } = {}): Outcomes {
  if (spec.churn.kind === 'flag') return flagOutcomes(spec, inputs, opts);
  const life = customerLifetimes(spec as NormalizedChurnInput, inputs, opts);
  const status = new Uint8Array(life.count);
  for (let c = 0; c < life.count; ++c) {
    status[c] = life.anchor[c] !== life.anchor[c] ? OUT : life.churn[c] === life.churn[c] ? CHURNED : RETAINED;
  }
  return { count: life.count, status, customersRow: life.customersRow, groups: life.groups, asOf: life.asOf, events: life.events, report: life.report };
}

/** Churn as a status of each customers-table row (e.g. "Customer Status=Churned"). */
function flagOutcomes(spec: NormalizedOutcome, inputs: InputTables, opts: { amounts?: boolean; sharedRejects?: SharedRejects }): Outcomes {
  if (spec.churn.kind !== 'flag') throw new Error('flagOutcomes needs a status flag');
  const cus = inputs.customers!;
  const zone = timeZone(spec.tz);
  const report = emptyLifetimeReport();
  const ex = report.customers.excluded;
  const rows = cus.table.numRows();
  let count = rows;
  let customersRow: Int32Array;
  let removed: Uint8Array | undefined;
  let events: Events | undefined;
  let firstEvent: Int32Array | undefined;
  let asOf = spec.asOf;
  // The signup time of each customer, for cohorts by period (else only in or out of the run).
  let anchor: Float64Array | undefined;
  if (spec.customers?.id) {
    // Ids: duplicates after the first row are counted; activity (for amounts) joins on them.
    const run = prepareRun(
      { ...spec, customers: { file: cus.file, id: spec.customers.id, signup: spec.customers.signup }, asOf: spec.asOf ?? (spec.activity ? undefined : Infinity) },
      inputs,
      { signupAnchor: spec.anchor === 'signup', amounts: opts.amounts, firstEvents: spec.by.some((a) => a.table === 'activity'), sharedRejects: opts.sharedRejects },
    );
    if (spec.anchor === 'signup') {
      anchor = run.anchor;
      ex.anchorAfterAsOf = run.report.customers.excluded.afterAsOf;
    }
    count = run.index.count;
    customersRow = run.index.customersRow!;
    removed = run.customerRemoved;
    events = run.events;
    firstEvent = run.firstEvent;
    if (spec.activity) asOf = run.asOf;
    report.files = run.report.files;
    ex.missingId = run.report.customers.excluded.missingId;
    ex.duplicateId = run.report.customers.excluded.duplicateId;
    if (run.act) report.activity = { rowsRead: run.report.rowsRead, rowsUsed: run.report.rowsUsed, excluded: run.report.excluded };
  } else {
    report.files.push({ role: 'customers', file: cus.file, rows: cus.rowsRead });
    customersRow = Int32Array.from({ length: rows }, (_, i) => i);
    const filters = spec.filters.filter((f) => f.table === 'customers');
    if (filters.length) {
      const keep = filterMask(filters, filterSource(cus), zone);
      removed = new Uint8Array(rows);
      for (let r = 0; r < rows; ++r) removed[r] = keep[r] ? 0 : 1;
    }
  }
  const rule = spec.churn.event;
  const flag = readEvents(tableColumn(cus.table, rule.column), rule, cus.file);
  const status = new Uint8Array(count);
  const inRun = new Float64Array(count);
  let used = 0;
  let churned = 0;
  for (let c = 0; c < count; ++c) {
    const f = flag[customersRow[c]];
    // The anchor before the status: prepareRun counted signups after as-of over every
    // customer not filtered, so missingAnchor - anchorAfterAsOf below is the signups missing.
    if (removed?.[c]) {
      ++ex.filtered;
      status[c] = OUT;
    } else if (anchor && anchor[c] !== anchor[c]) {
      ++ex.missingAnchor;
      status[c] = OUT;
    } else if (f > 1) {
      ++ex.missingEvent;
      status[c] = OUT;
    } else {
      status[c] = f;
      ++used;
      churned += f;
    }
    inRun[c] = status[c] === OUT ? NaN : anchor ? anchor[c] : 0;
  }
  const groups = groupCustomers(spec.by, inRun, zone, {
    customerRows: customersRow,
    activityRows: () => (firstEvent ? firstActivityRows(firstEvent, events?.row) : undefined),
    firstActivity: () => ({ events: firstEvent ? events : undefined, firstEvent: firstEvent ?? new Int32Array(0) }),
    column: (a) => attributeColumn((a.table === 'customers' ? cus : inputs.activity!).table, a),
  }, spec.cohort);
  ex.missingAnchor -= ex.anchorAfterAsOf;
  report.customers.read = count;
  report.customers.used = used;
  report.customers.churned = churned;
  report.customers.censored = used - churned;
  return { count, status, customersRow, groups, asOf, events, report };
}

/** Each customer's sum of counted activity amounts (0 without activity; missing amounts skipped). */
export function customerAmounts(events: Events | undefined, count: number): Float64Array {
  const sum = new Float64Array(count);
  if (!events?.amount) return sum;
  const { customer, amount } = events;
  for (let i = 0; i < events.n; ++i) {
    const a = amount[i];
    if (a === a) sum[customer[i]] += a;
  }
  return sum;
}

/**
 * The key columns of the groups: "cohort" (the anchor's period label) first when the
 * groups have a time part, then the --by attributes.
 */
export function segmentAttributes(groups: Cohorts): { name: string; values: (string | null)[] }[] {
  return groups.label ? [{ name: 'cohort', values: groups.label }, ...groups.attributes] : groups.attributes;
}
