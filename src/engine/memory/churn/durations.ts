import { fail } from '../../../errors.js';
import { emptyReport } from '../../../report/load-report.js';
import { inactivityAsOfWarning } from '../../../result/as-of-warning.js';
import { emptyLifetimeReport, type LifetimeReport } from '../../../report/lifetime-report.js';
import type { EventRule, NormalizedChurnInput } from '../../../spec/churn-spec.js';
import { timeZone } from '../../../time/zone.js';
import type { Cohorts } from '../prepare/assign-cohorts.js';
import { attributeColumn } from '../prepare/attribute-column.js';
import type { ChurnReport } from '../../../report/load-report.js';
import { churnTimes, emptyChurnReport } from './churn-times.js';
import { columnKeys, numericColumn, rowReader, type AnyColumn } from '../prepare/column-keys.js';
import { customerIndex } from '../prepare/customer-index.js';
import { filterMask } from '../prepare/filter-mask.js';
import type { InputTables } from '../../../load/input-tables.js';
import { filterSource, tableColumn } from '../prepare/dataset-columns.js';
import { firstActivityRows, groupCustomers } from '../prepare/group-customers.js';
import { prepareRun, type Reusable } from '../prepare/prepare-run.js';
import type { Events } from '../prepare/prepare-events.js';

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
export function customerLifetimes(spec: NormalizedChurnInput, inputs: InputTables, opts: { amounts?: boolean; reuse?: Reusable } = {}): Lifetimes {
  const run = prepareRun(spec, inputs, {
    amounts: opts.amounts,
    reuse: opts.reuse,
    signupAnchor: spec.anchor === 'signup',
    // Row numbers only serve group values read from a customer's first activity.
    firstEvents: spec.by.some((a) => a.table === 'activity'),
    extraTime: spec.churn.kind === 'column' ? spec.churn.column : undefined,
  });
  const { zone, index, events, anchor, asOf, customerRemoved, report: load } = run;
  const report = emptyLifetimeReport();
  const ex = report.customers.excluded;
  report.files = load.files;
  ex.filtered = load.customers.excluded.filtered;
  ex.missingAnchor = load.customers.excluded.missingSignup;
  ex.anchorAfterAsOf = load.customers.excluded.afterAsOf;
  if (spec.anchor !== 'signup' && events) {
    for (let c = 0; c < index.count; ++c) if (anchor[c] !== anchor[c] && !customerRemoved?.[c]) ++ex.missingAnchor;
  }

  const churnReport = emptyChurnReport();
  const churn =
    spec.churn.kind === 'first-activity'
      ? firstActivityAfter(anchor, events!.customer, events!.time, churnReport)
      : spec.churn.kind === 'column'
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
        );
  ex.badChurn = churnReport.badChurn;
  ex.churnBeforeAnchor = churnReport.churnBeforeAnchor;
  report.customers.churnAfterAsOf = churnReport.churnAfterAsOf;
  if (spec.churn.kind === 'inactivity' && load.latestActivity !== undefined) {
    const w = inactivityAsOfWarning({ asOf, latestActivity: Date.parse(load.latestActivity), windowDays: spec.churn.days, zone });
    if (w) report.warnings.push(w);
  }

  const groups = groupCustomers(spec.by, anchor, zone, {
    customerRows: index.customersRow,
    activityRows: () => firstActivityRows(run.firstEvent, events?.row),
    column: (a) => attributeColumn((a.table === 'customers' ? run.cus : run.act)!.table, a),
  }, spec.cohort);

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

/**
 * durationsFromTimes: METRICS.md section 7. duration = churn - anchor when churned by
 * as-of (event 1), else as-of - anchor (censored, event 0), in units of `unitMs`
 * milliseconds. Customers out of the run (anchor NaN) get NaN.
 */
export function durationsFromTimes(
  anchor: Float64Array,
  churn: Float64Array,
  asOf: number,
  unitMs: number,
): { duration: Float64Array; event: Uint8Array } {
  const n = anchor.length;
  const duration = new Float64Array(n);
  const event = new Uint8Array(n);
  for (let c = 0; c < n; ++c) {
    const a = anchor[c];
    const t = churn[c];
    if (t === t) {
      duration[c] = (t - a) / unitMs;
      event[c] = 1;
    } else {
      duration[c] = (asOf - a) / unitMs;
    }
  }
  return { duration, event };
}

/** Durations and events given directly, per customer, with their groups. */
export interface GivenDurations {
  count: number;
  /** Duration per customer (NaN = left out). */
  duration: Float64Array;
  /** 1 = churned (the event), 0 = censored. */
  event: Uint8Array;
  groups: Cohorts;
  report: LifetimeReport;
}

/**
 * givenDurations: durations and event flags read from columns (`--duration`, `--event`)
 * of the customers table (or the only table), one customer per distinct id (per row when
 * there is no id column). Rows with an empty duration or event, or a duration below 0, are
 * left out and counted. Fails with `eventNeverOccurs` when --event "<col>=<value>" names a
 * value the column never holds, `badEventColumn` when an event column is not 0/1, yes/no,
 * true/false, and `notNumeric` when no duration is a number.
 */
export function givenDurations(spec: NormalizedChurnInput, inputs: InputTables): GivenDurations {
  if (spec.churn.kind !== 'duration') throw new Error('givenDurations needs durations given directly');
  const d = (inputs.customers ?? inputs.activity)!;
  const { duration: durationColumn, event: rule } = spec.churn;
  const zone = timeZone(spec.tz);
  const load = emptyReport();
  const report = emptyLifetimeReport();
  const ex = report.customers.excluded;
  report.files.push({ role: 'customers', file: d.file, rows: d.rowsRead });
  const rows = d.table.numRows();

  let count = rows;
  let customersRow: Int32Array | undefined;
  if (spec.customers?.id) {
    const index = customerIndex(undefined, tableColumn(d.table, spec.customers.id), load, { strict: false });
    count = index.count;
    customersRow = index.customersRow!;
    ex.missingId = load.customers.excluded.missingId;
    ex.duplicateId = load.customers.excluded.duplicateId;
  }
  const rowOf = (c: number): number => (customersRow ? customersRow[c] : c);

  const keep = spec.filters.length ? filterMask(spec.filters, filterSource(d), zone) : undefined;
  const durByRow = readDurations(tableColumn(d.table, durationColumn), d.file, durationColumn);
  const eventByRow = readEvents(tableColumn(d.table, rule.column), rule, d.file);

  const duration = new Float64Array(count).fill(NaN);
  const event = new Uint8Array(count);
  const anchor = new Float64Array(count).fill(NaN);
  let used = 0;
  let churned = 0;
  for (let c = 0; c < count; ++c) {
    const row = rowOf(c);
    if (keep && !keep[row]) {
      ++ex.filtered;
      continue;
    }
    const t = durByRow[row];
    if (!(t === t && Math.abs(t) !== Infinity)) {
      ++ex.missingDuration;
      continue;
    }
    if (t < 0) {
      ++ex.negativeDuration;
      continue;
    }
    const e = eventByRow[row];
    if (e > 1) {
      ++ex.missingEvent;
      continue;
    }
    duration[c] = t;
    event[c] = e;
    anchor[c] = 0;
    ++used;
    churned += e;
  }
  const groups = groupCustomers(spec.by, anchor, zone, {
    customerRows: customersRow ?? 'self',
    activityRows: () => undefined,
    column: (a) => attributeColumn(d.table, a),
  });
  report.customers.read = count;
  report.customers.used = used;
  report.customers.churned = churned;
  report.customers.censored = used - churned;
  return { count, duration, event, groups, report };
}

/** A duration column as numbers; fails when values are present but none is a number. */
function readDurations(col: AnyColumn, file: string, column: string): Float64Array {
  const values = numericColumn(col);
  let numbers = 0;
  for (let i = 0; i < values.length; ++i) if (values[i] === values[i]) ++numbers;
  if (numbers === 0) {
    const at = rowReader(col);
    for (let i = 0; i < values.length; ++i) {
      const v = at(i);
      if (v !== null && v !== undefined && String(v).trim() !== '') {
        fail('notNumeric', { role: 'duration', field: 'duration', example: v }, { file, column, row: i + 1 });
      }
    }
  }
  return values;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'f']);

/** Per row: 1 = the event, 0 = censored, 2 = missing. */
export function readEvents(col: AnyColumn, rule: EventRule, file: string): Uint8Array {
  const k = columnKeys(col);
  const byKey = new Uint8Array(k.size);
  const text = (key: number): string | null => {
    const v = k.value(key);
    return v === null || v === undefined ? null : String(v).trim();
  };
  if (rule.value !== undefined) {
    const want = rule.value;
    let hit = false;
    for (let key = 0; key < k.size; ++key) if (text(key) === want) hit = true;
    // A value that occurs only in another case ("yes" for "Yes") is still meant.
    const same = hit ? (s: string) => s === want : (s: string) => s.toLowerCase() === want.toLowerCase();
    hit = false;
    for (let key = 0; key < k.size; ++key) {
      const s = text(key);
      if (s === null || s === '') byKey[key] = 2;
      else if (same(s)) {
        byKey[key] = 1;
        hit = true;
      }
    }
    if (!hit) fail('eventNeverOccurs', { value: want }, { file, column: rule.column });
  } else {
    for (let key = 0; key < k.size; ++key) {
      const s = text(key);
      if (s === null || s === '') {
        byKey[key] = 2;
        continue;
      }
      const w = s.toLowerCase();
      if (TRUE_WORDS.has(w)) byKey[key] = 1;
      else if (FALSE_WORDS.has(w)) byKey[key] = 0;
      else fail('badEventColumn', { example: k.value(key) }, { file, column: rule.column });
    }
  }
  const out = new Uint8Array(k.keys.length);
  for (let i = 0; i < out.length; ++i) out[i] = byKey[k.keys[i]];
  return out;
}
