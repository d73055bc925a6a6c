import * as aq from 'arquero';
import { snakeKeys } from '../report/snake-keys.js';
import type { ColumnTable } from 'arquero';
import type { NormalizedCrrSpec } from '../spec/crr-spec.js';
import type { Granularity, WeekStart } from '../spec/types.js';
import type { LifetimeReport } from '../report/lifetime-report.js';


/**
 * The counts of METRICS.md section 5 per group and period, row-major: the count of group g
 * in period first + p is at g * periods + p.
 */
export interface CrrCounts {
  periods: number;
  groupCount: number;
  /** CI: signup < s and (no churn or churn >= s). */
  start: Int32Array;
  /** CN: s <= signup < e. */
  newCustomers: Int32Array;
  /** CF: signup < e and (no churn or churn >= e). */
  end: Int32Array;
  /** Of CI, still customers at e (no churn or churn >= e). */
  retained: Int32Array;
  /** Of CI, churned within the period: CI - retained. */
  lost: Int32Array;
  /** Of CN, churned within the period. */
  newLost: Int32Array;
}

/** The customer retention rate per period (METRICS.md section 5): engine-neutral plain data. */
export interface CrrResult {
  spec: NormalizedCrrSpec;
  /** The as-of instant used (epoch ms). */
  asOf: number;
  period: Granularity;
  weekStart: WeekStart;
  /** The period index of each reported period, ascending and consecutive. */
  periods: Int32Array;
  /** Label of each period ("2024-03", "2024-Q1", the first day for day and week). */
  labels: string[];
  /** The --by groups (one group without --by). */
  groups: { count: number; attributes: { name: string; values: (string | null)[] }[] };
  /** Counts per group and period, row-major (group g, period p at g * periods.length + p). */
  counts: CrrCounts;
  /** True when --to asked for periods that had not ended at as-of (they are left out). */
  clipped: boolean;
  report: LifetimeReport;
}

/** Rates of one cell, in percent; null where customers_start = 0. */
export interface CrrRates {
  crr: number | null;
  churnRate: number | null;
  exact: number | null;
}

/** CRR = (CF - CN) / CI x 100, churn rate = 100 - CRR, exact = retained / CI x 100. */
export function crrRates(start: number, newCustomers: number, end: number, retained: number): CrrRates {
  if (start <= 0) return { crr: null, churnRate: null, exact: null };
  const crr = ((end - newCustomers) / start) * 100;
  return { crr, churnRate: 100 - crr, exact: (retained / start) * 100 };
}

// A group column named like a fixed column gets a suffix instead of clobbering it.
const FIXED = new Set([
  'period', 'customers_start', 'new_customers', 'customers_end', 'retained', 'lost', 'crr', 'churn_rate', 'crr_exact',
]);
function groupColumnName(name: string): string {
  return FIXED.has(name) ? `${name}_group` : name;
}

/**
 * crrTable: one row per group and period, group after group: the group columns (named as
 * the source column), period, customers_start, new_customers, customers_end, retained,
 * lost, crr, churn_rate, crr_exact (percent; null where customers_start = 0).
 */
export function crrTable(r: CrrResult): ColumnTable {
  const P = r.periods.length;
  const G = r.groups.count;
  const n = G * P;
  const c = r.counts;
  const crr: (number | null)[] = new Array(n);
  const churn: (number | null)[] = new Array(n);
  const exact: (number | null)[] = new Array(n);
  for (let i = 0; i < n; ++i) {
    const rates = crrRates(c.start[i], c.newCustomers[i], c.end[i], c.retained[i]);
    crr[i] = rates.crr;
    churn[i] = rates.churnRate;
    exact[i] = rates.exact;
  }
  const cols: Record<string, ArrayLike<unknown>> = {};
  for (const a of r.groups.attributes) {
    cols[groupColumnName(a.name)] = Array.from({ length: n }, (_, i) => a.values[Math.floor(i / P)]);
  }
  Object.assign(cols, {
    period: Array.from({ length: n }, (_, i) => r.labels[i % P]),
    customers_start: c.start,
    new_customers: c.newCustomers,
    customers_end: c.end,
    retained: c.retained,
    lost: c.lost,
    crr,
    churn_rate: churn,
    crr_exact: exact,
  });
  return aq.table(cols);
}

/** The JSON document of `kohort crr --format json`. */
export interface CrrJSON {
  period: Granularity;
  as_of: string;
  by: string[];
  rows: Record<string, unknown>[];
  /** The report, keys in snake_case. */
  report: Record<string, unknown>;
}

/** crrJSON: {"period", "as_of", "by", "rows" (crrTable's rows), "report"}. */
export function crrJSON(r: CrrResult): CrrJSON {
  return {
    period: r.period,
    as_of: new Date(r.asOf).toISOString(),
    by: r.groups.attributes.map((a) => a.name),
    rows: crrTable(r).objects() as Record<string, unknown>[],
    report: snakeKeys(r.report) as Record<string, unknown>,
  };
}
