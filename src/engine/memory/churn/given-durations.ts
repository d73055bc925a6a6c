import { fail } from '../../../errors.js';
import type { InputTables } from '../../../load/input-tables.js';
import { emptyLifetimeReport, type LifetimeReport } from '../../../report/lifetime-report.js';
import { emptyReport } from '../../../report/load-report.js';
import type { NormalizedChurnInput } from '../../../spec/churn-spec.js';
import { timeZone } from '../../../time/zone.js';
import type { Cohorts } from '../prepare/assign-cohorts.js';
import { attributeColumn } from '../prepare/attribute-column.js';
import { numericColumn, rowReader, type AnyColumn } from '../prepare/column-keys.js';
import { customerIndex } from '../prepare/customer-index.js';
import { filterSource, tableColumn } from '../prepare/dataset-columns.js';
import { splitFilterMask } from '../prepare/filter-mask.js';
import { groupCustomers } from '../prepare/group-customers.js';
import { readEvents } from './read-events.js';
import { isBlankText, isMissingText } from '../../../load/bytes/parse-number.js';
import { listRejects, type Reject, type SharedRejects } from '../../../report/rejects.js';

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
 * true/false, and `notNumeric` when no duration is a number. A duration present but no
 * number (`x7`) is also listed to `rejectsTo` (--rejects, or the analysis's shared file), as
 * unreadable times and amounts are; --max-rejects does not count them (ids, times, amounts).
 */
export function givenDurations(spec: NormalizedChurnInput, inputs: InputTables, rejectsTo?: string | SharedRejects): GivenDurations {
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

  const masks = spec.filters.length ? splitFilterMask(spec.filters, filterSource(d), zone) : undefined;
  const keep = masks?.keep;
  let noGroup = 0;
  const durationRaw = tableColumn(d.table, durationColumn);
  const durByRow = readDurations(durationRaw, d.file, durationColumn);
  if (rejectsTo !== undefined) listRejects(durationRejects(durationRaw, durByRow, d.file, durationColumn), rejectsTo);
  const eventByRow = readEvents(tableColumn(d.table, rule.column), rule, d.file);

  const duration = new Float64Array(count).fill(NaN);
  const event = new Uint8Array(count);
  const anchor = new Float64Array(count).fill(NaN);
  let used = 0;
  let churned = 0;
  for (let c = 0; c < count; ++c) {
    const row = rowOf(c);
    if (keep && !keep[row]) {
      if (masks!.where === undefined || masks!.where[row]) ++noGroup;
      else ++ex.filtered;
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
  if (spec.filters.some((f) => f.group)) ex.noGroup = noGroup;
  return { count, duration, event, groups, report };
}

/** The rows of a duration column whose value is present but no finite number. */
function durationRejects(col: AnyColumn, values: Float64Array, file: string, column: string): Reject[] {
  const out: Reject[] = [];
  // A typed number column has no text to reject: its missing values are NaN.
  if (ArrayBuffer.isView(col)) return out;
  const at = rowReader(col);
  for (let i = 0; i < values.length; ++i) {
    const t = values[i];
    if (t === t && Math.abs(t) !== Infinity) continue;
    const v = at(i);
    if (v === null || v === undefined) continue;
    const s = String(v);
    if (!isBlankText(s) && !isMissingText(s)) out.push({ file, row: i + 1, column, value: s, reason: 'is not a number' });
  }
  return out;
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
