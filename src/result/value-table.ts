import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { NormalizedValueSpec } from '../spec/outcome-spec.js';
import { keyColumnNames } from './key-columns.js';
import type { LifetimeReport } from '../report/lifetime-report.js';
import { counted } from '../messages.js';

/** The two statuses, in bucket order: bucket 2g is churned, 2g + 1 retained. */
export const VALUE_STATUSES = ['churned', 'retained'] as const;

/** Per (group, status) bucket: counts and statistics of the customers' values. */
export interface ValueStats {
  /** Customers of the bucket. */
  customers: Int32Array;
  /** Of those, customers without a value (left out of mean, median and total). */
  missing: Int32Array;
  /** NaN where no customer has a value. */
  mean: Float64Array;
  median: Float64Array;
  total: Float64Array;
}

/** What `kohort value` computes. */
export interface ValueResult {
  spec: NormalizedValueSpec;
  by: string[];
  /** The value's input name: the --value column, or the --amount column(s). */
  valueName: string;
  groups: { count: number; attributes: { name: string; values: (string | null)[] }[] };
  /** Buckets per segment. */
  stats: ValueStats;
  /** The two buckets over all segments. */
  overall: ValueStats;
  asOf?: number;
  report: LifetimeReport;
}

const MEASURES = ['status', 'customers', 'mean', 'median', 'total', 'share_of_total', 'missing'];

/**
 * valueTable: the tidy rows of `kohort value`, two per segment: the --by columns, `status`
 * (churned, retained), `customers`, `mean`, `median`, `total` (of the customers with a
 * value; null where none has one), `share_of_total` (total / the segment's total over both
 * statuses), `missing` (customers without a value). With `overall`, the two rows over all
 * segments (no --by columns).
 */
export function valueTable(r: ValueResult, opts: { overall?: boolean } = {}): ColumnTable {
  const s = opts.overall ? r.overall : r.stats;
  const B = s.customers.length;
  const names = keyColumnNames(r.by, MEASURES, '_group');
  const cols: Record<string, ArrayLike<unknown>> = {};
  if (!opts.overall) {
    r.groups.attributes.forEach((a, j) => {
      cols[names[j]] = Array.from({ length: B }, (_, b) => a.values[b >> 1]);
    });
  }
  const orNull = (x: number): number | null => (x === x ? x : null);
  const share = Array.from({ length: B }, (_, b) => {
    const sum = s.total[b & ~1] + s.total[b | 1];
    return sum !== 0 ? s.total[b] / sum : null;
  });
  Object.assign(cols, {
    status: Array.from({ length: B }, (_, b) => VALUE_STATUSES[b & 1]),
    customers: s.customers,
    mean: Array.from(s.mean, orNull),
    median: Array.from(s.median, orNull),
    total: s.total,
    share_of_total: share,
    missing: s.missing,
  });
  return aq.table(cols);
}

/** The JSON document of `kohort value --format json`. */
export interface ValueJSON {
  by: string[];
  value: string;
  as_of: string | null;
  rows: Record<string, unknown>[];
  overall: Record<string, unknown>[];
  report: LifetimeReport;
}

/** valueJSON: {"by", "value", "as_of", "rows", "overall", "report"}. */
export function valueJSON(r: ValueResult): ValueJSON {
  return {
    by: r.by,
    value: r.valueName,
    as_of: r.asOf === undefined || !Number.isFinite(r.asOf) ? null : new Date(r.asOf).toISOString(),
    rows: valueTable(r).objects() as Record<string, unknown>[],
    overall: valueTable(r, { overall: true }).objects() as Record<string, unknown>[],
    report: r.report,
  };
}

/**
 * valueWideTable: one row per segment (the wide CSV): the --by columns, then per measure
 * its churned and retained figures side by side (customers_churned, customers_retained,
 * mean_churned, ...). Without --by, one row.
 */
export function valueWideTable(r: ValueResult): ColumnTable {
  const tidy = valueTable(r);
  const G = r.groups.count;
  const names = keyColumnNames(r.by, MEASURES, '_group');
  const cols: Record<string, ArrayLike<unknown>> = {};
  r.groups.attributes.forEach((a, j) => {
    cols[names[j]] = a.values.slice(0, G);
  });
  for (const m of ['customers', 'mean', 'median', 'total', 'missing']) {
    const col = tidy.array(m) as ArrayLike<unknown>;
    for (const [k, status] of VALUE_STATUSES.entries()) {
      cols[`${m}_${status}`] = Array.from({ length: G }, (_, g) => col[2 * g + k]);
    }
  }
  return aq.table(cols);
}

/** A note on customers without a value (the `missing` column), for the run's summary. */
export function valueNotes(r: ValueResult): string[] {
  const missing = r.overall.missing[0] + r.overall.missing[1];
  if (!missing) return [];
  return [`  ${counted(missing, 'customer')} without a ${JSON.stringify(r.valueName)} value: counted in "missing", left out of mean, median and total`];
}
