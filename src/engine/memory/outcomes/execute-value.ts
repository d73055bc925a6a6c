import { fsum, median } from 'd3-array';
import { fail, KohortError, messageText } from '../../../errors.js';
import { Rejects } from '../../../report/rejects.js';
import { groupedWarning, readAmounts } from '../prepare/amount-column.js';
import type { ValueResult, ValueStats } from '../../../result/value-table.js';
import type { NormalizedValueSpec } from '../../../spec/outcome-spec.js';
import { CHURNED, customerAmounts, customerOutcomes, OUT, segmentAttributes } from './customer-outcomes.js';
import type { InputTables } from '../../../load/input-tables.js';
import { tableColumn } from '../prepare/dataset-columns.js';
import type { SharedRejects } from '../../../report/rejects.js';

/**
 * executeValue: the lifetime value of churned vs retained customers by segment
 * (METRICS.md section 8), in memory.
 *
 *   customerOutcomes (churned / retained / out, --by groups, amounts with --amount)
 *       -> one value per customer (the --value column, or the summed activity amounts)
 *       -> valueStats: per (segment, status) customers, mean, median, total (d3-array)
 */
export function executeValue(spec: NormalizedValueSpec, inputs: InputTables, opts: { sharedRejects?: SharedRejects } = {}): ValueResult {
  const amounts = spec.value.kind === 'amount';
  const out = customerOutcomes(spec, inputs, { amounts, sharedRejects: opts.sharedRejects });
  const values = amounts ? customerAmounts(out.events, out.count) : columnValues(spec, inputs, out.customersRow!, out.report.warnings);
  const overallOf = Int32Array.from(out.groups.of, (g) => (g >= 0 ? 0 : -1));
  return {
    spec,
    by: segmentAttributes(out.groups).map((a) => a.name),
    valueName: spec.value.kind === 'column' ? spec.value.column : spec.value.columns.join('*'),
    groups: { count: out.groups.count, attributes: segmentAttributes(out.groups) },
    stats: valueStats(values, out.status, out.groups.of, out.groups.count),
    overall: valueStats(values, out.status, overallOf, 1),
    asOf: out.asOf,
    report: out.report,
  };
}

/**
 * The --value column per customer, read as activity amounts are ("$5", "1,000.50"; "NA" is
 * missing). Values present but no number are missing too, and a warning names them; fails
 * when values are present but none is a number.
 */
function columnValues(spec: NormalizedValueSpec, inputs: InputTables, customersRow: Int32Array, warnings: string[]): Float64Array {
  if (spec.value.kind !== 'column') throw new Error('columnValues needs a value column');
  const cus = inputs.customers!;
  const column = spec.value.column;
  const rejects = new Rejects();
  let byRow: Float64Array;
  try {
    byRow = readAmounts(tableColumn(cus.table, column), { file: cus.file, column, decimal: spec.decimal, rejects });
  } catch (e) {
    if (e instanceof KohortError && e.code === 'noAmountParsed') {
      fail('notNumeric', { role: 'value', field: 'value', example: (e.params as { example: string }).example }, { file: cus.file, column, row: e.row });
    }
    throw e;
  }
  const grouped = groupedWarning(cus, column, spec.decimal);
  if (grouped) warnings.push(grouped);
  const bad = rejects.list;
  if (bad.length) {
    const shown = bad.slice(0, 3).map((r) => `row ${r.row}: ${JSON.stringify(r.value)}`).join(', ') + (bad.length > 3 ? ', ...' : '');
    warnings.push(messageText('valuesNotNumbers', { count: bad.length, column, shown }));
  }
  return Float64Array.from(customersRow, (row) => byRow[row]);
}

/**
 * valueStats: per group, for churned (status 1) then retained (status 0) customers: their
 * count, how many have no value (missing, left out of the statistics), and the mean,
 * median and total of the others. One counting sort lays each bucket's values side by side.
 */
export function valueStats(values: Float64Array, status: Uint8Array, groupOf: Int32Array, groupCount: number): ValueStats {
  const B = groupCount * 2;
  const bucketOf = (c: number): number => {
    const g = groupOf[c];
    const s = status[c];
    return g < 0 || s === OUT ? -1 : g * 2 + (s === CHURNED ? 0 : 1);
  };
  const customers = new Int32Array(B);
  const missing = new Int32Array(B);
  const start = new Int32Array(B + 1);
  for (let c = 0; c < values.length; ++c) {
    const b = bucketOf(c);
    if (b < 0) continue;
    ++customers[b];
    if (values[c] === values[c]) ++start[b + 1];
    else ++missing[b];
  }
  for (let b = 0; b < B; ++b) start[b + 1] += start[b];
  const sorted = new Float64Array(start[B]);
  const at = start.slice(0, B);
  for (let c = 0; c < values.length; ++c) {
    const b = bucketOf(c);
    if (b >= 0 && values[c] === values[c]) sorted[at[b]++] = values[c];
  }
  const mean = new Float64Array(B).fill(NaN);
  const med = new Float64Array(B).fill(NaN);
  const total = new Float64Array(B);
  for (let b = 0; b < B; ++b) {
    const part = sorted.subarray(start[b], start[b + 1]);
    if (part.length === 0) continue;
    total[b] = fsum(part);
    mean[b] = total[b] / part.length;
    med[b] = median(part)!;
  }
  return { customers, missing, mean, median: med, total };
}

