import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { NormalizedReasonsSpec } from '../spec/outcome-spec.js';
import { keyColumnNames, NO_VALUE, valueLabel } from './key-columns.js';
import type { LifetimeReport } from '../report/lifetime-report.js';

/**
 * The label of churned customers without a reason, in every output; a reason that is
 * itself the text "(none)" is written quoted, '"(none)"' (valueLabel), so the two rows differ.
 */
export const NO_REASON = NO_VALUE;

/** Churned customers per (segment, reason), columnar. */
export interface ReasonRows {
  /** Segment of each row (index into the groups). */
  group: Int32Array;
  /** Per reason level, the reason of each row (null = no reason, written "(none)"). */
  labels: (string | null)[][];
  /** Churned customers of the row. */
  churned: Int32Array;
}

/** What `kohort reasons` computes. */
export interface ReasonsResult {
  spec: NormalizedReasonsSpec;
  /** The --by columns. */
  by: string[];
  /** The reason columns (one, or category and reason). */
  reasonColumns: string[];
  /** The segments: their values, customers in the run and churned customers. */
  groups: { count: number; attributes: { name: string; values: (string | null)[] }[]; customers: Int32Array; churned: Int32Array };
  /** Rows per segment. */
  rows: ReasonRows;
  /** Rows over all segments together (group 0). */
  overall: ReasonRows;
  totalCustomers: number;
  totalChurned: number;
  /** The as-of instant, when churn came from times. */
  asOf?: number;
  report: LifetimeReport;
}

const MEASURES = ['churned', 'share', 'share_of_all', 'segment_churned', 'segment_customers'];

/** The output names of the segment and reason columns (named after the input columns). */
export function reasonKeyNames(r: ReasonsResult): { by: string[]; reasons: string[] } {
  const by = keyColumnNames(r.by, MEASURES, '_group');
  return { by, reasons: keyColumnNames(r.reasonColumns, [...MEASURES, ...by], '_reason') };
}

/**
 * reasonsTable: the tidy rows of `kohort reasons`: the --by columns, the reason column(s)
 * ("(none)" for churned customers without a reason, '"(none)"' for the reason text "(none)"), then
 * - churned: churned customers of the segment with this reason,
 * - share: churned / the segment's churned customers (the reasons of a segment sum to 1),
 * - share_of_all: churned / all churned customers (every row sums to 1),
 * - segment_churned, segment_customers: the segment's churned and all its customers.
 * With `overall`, the rows over all segments together (no --by columns).
 */
export function reasonsTable(r: ReasonsResult, opts: { overall?: boolean } = {}): ColumnTable {
  const rows = opts.overall ? r.overall : r.rows;
  const names = reasonKeyNames(r);
  const n = rows.churned.length;
  const cols: Record<string, ArrayLike<unknown>> = {};
  const segChurned = (g: number): number => (opts.overall ? r.totalChurned : r.groups.churned[g]);
  const segCustomers = (g: number): number => (opts.overall ? r.totalCustomers : r.groups.customers[g]);
  if (!opts.overall) {
    r.groups.attributes.forEach((a, j) => {
      cols[names.by[j]] = Array.from(rows.group, (g) => a.values[g]);
    });
  }
  rows.labels.forEach((labels, l) => {
    cols[names.reasons[l]] = labels.map(valueLabel);
  });
  const share = new Float64Array(n);
  const ofAll = new Float64Array(n);
  const sc = new Int32Array(n);
  const sn = new Int32Array(n);
  for (let i = 0; i < n; ++i) {
    const g = rows.group[i];
    sc[i] = segChurned(g);
    sn[i] = segCustomers(g);
    share[i] = rows.churned[i] / sc[i];
    ofAll[i] = rows.churned[i] / r.totalChurned;
  }
  Object.assign(cols, { churned: rows.churned, share, share_of_all: ofAll, segment_churned: sc, segment_customers: sn });
  return aq.table(cols);
}

/**
 * reasonsWideTable: one row per reason (over all segments), then `churned` and
 * `share_of_all`, then one column per segment with its share of the segment's churn
 * (the wide CSV). Without --by, the same as the overall tidy rows.
 */
export function reasonsWideTable(r: ReasonsResult): ColumnTable {
  const names = reasonKeyNames(r);
  const o = r.overall;
  const n = o.churned.length;
  const cols: Record<string, ArrayLike<unknown>> = {};
  o.labels.forEach((labels, l) => {
    cols[names.reasons[l]] = labels.map(valueLabel);
  });
  cols.churned = o.churned;
  cols.share_of_all = Float64Array.from(o.churned, (c) => c / r.totalChurned);
  const taken = new Set([...names.reasons, 'churned', 'share_of_all']);
  if (r.by.length) {
    const key = (labels: (string | null)[][], i: number): string => JSON.stringify(labels.map((ls) => ls[i]));
    const rowOf = new Map<string, number>();
    for (let i = 0; i < n; ++i) rowOf.set(key(o.labels, i), i);
    for (let g = 0; g < r.groups.count; ++g) {
      let name = r.groups.attributes.map((a) => valueLabel(a.values[g])).join(' / ');
      while (taken.has(name)) name += '_';
      taken.add(name);
      const col = new Float64Array(n);
      for (let i = 0; i < r.rows.churned.length; ++i) {
        if (r.rows.group[i] === g) col[rowOf.get(key(r.rows.labels, i))!] = r.rows.churned[i] / r.groups.churned[g];
      }
      cols[name] = col;
    }
  }
  // Segments named like integers ("10001", "2024") would come first in a JS object: the order is named.
  return aq.table(cols, [...taken]);
}

/** The JSON document of `kohort reasons --format json`. */
export interface ReasonsJSON {
  by: string[];
  reasons: string[];
  as_of: string | null;
  customers: number;
  churned: number;
  segments: { key: Record<string, string | null>; customers: number; churned: number }[];
  rows: Record<string, unknown>[];
  overall: Record<string, unknown>[];
  report: LifetimeReport;
}

/** reasonsJSON: {"by", "reasons", "as_of", "customers", "churned", "segments", "rows", "overall", "report"}. */
export function reasonsJSON(r: ReasonsResult): ReasonsJSON {
  return {
    by: r.by,
    reasons: r.reasonColumns,
    as_of: r.asOf === undefined || !Number.isFinite(r.asOf) ? null : new Date(r.asOf).toISOString(),
    customers: r.totalCustomers,
    churned: r.totalChurned,
    segments: Array.from({ length: r.groups.count }, (_, g) => ({
      key: Object.fromEntries(r.groups.attributes.map((a) => [a.name, a.values[g]])),
      customers: r.groups.customers[g],
      churned: r.groups.churned[g],
    })),
    rows: reasonsTable(r).objects() as Record<string, unknown>[],
    overall: reasonsTable(r, { overall: true }).objects() as Record<string, unknown>[],
    report: r.report,
  };
}
