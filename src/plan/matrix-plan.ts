import type { NormalizedMatrixSpec } from '../spec/normalize.js';
import type { Mode } from '../spec/types.js';
import { textAttributes, type Projection } from './projection.js';

/** What the measure of a mode needs computed per cell; engines skip what is not needed. */
export interface MeasureNeeds {
  /** Distinct active customers per cell (every mode reports `active`). */
  active: boolean;
  /** The largest offset of each customer (unbounded). */
  lastOffset: boolean;
  /** Sum of amounts per cell (revenue, ltv). */
  revenue: boolean;
  /** Per customer and offset revenue, capped by the customer's offset-0 revenue (gross). */
  grossRevenue: boolean;
  /** Churn time per customer (survival). */
  churn: boolean;
}

/**
 * The plan: plain, JSON-serialisable data that says what to compute, free of Arquero
 * and engine types, so the in-memory kernels and a SQL engine execute the same thing.
 */
export interface MatrixPlan {
  kind: 'matrix';
  /** The columns each table must provide (projection pushed to the loaders). */
  read: Projection;
  spec: NormalizedMatrixSpec;
  needs: MeasureNeeds;
}

const NEEDS: Record<Mode, Omit<MeasureNeeds, 'active'>> = {
  classic: { lastOffset: false, revenue: false, grossRevenue: false, churn: false },
  unbounded: { lastOffset: true, revenue: false, grossRevenue: false, churn: false },
  revenue: { lastOffset: false, revenue: true, grossRevenue: false, churn: false },
  'gross-revenue': { lastOffset: false, revenue: true, grossRevenue: true, churn: false },
  ltv: { lastOffset: false, revenue: true, grossRevenue: false, churn: false },
  survival: { lastOffset: false, revenue: false, grossRevenue: false, churn: true },
};

/** plan: NormalizedMatrixSpec -> MatrixPlan (which columns to read, what each cell needs). */
export function plan(spec: NormalizedMatrixSpec): MatrixPlan {
  const read: MatrixPlan['read'] = {};
  const extra = (table: 'activity' | 'customers'): string[] => [
    ...spec.cohort.attributes.filter((a) => a.table === table).map((a) => a.nps ?? a.column),
    ...spec.filters.filter((f) => f.table === table).map((f) => f.column),
  ];
  const needs: MeasureNeeds = { active: true, ...NEEDS[spec.mode] };
  if (spec.activity) {
    const a = spec.activity;
    // An amount column found by name is read only when the measure sums amounts.
    const amount = needs.revenue ? (a.amount ?? []) : [];
    read.activity = {
      file: a.file, columns: unique([a.id, a.time, ...amount, ...extra('activity')]),
      text: [a.id], ...labelsOf(textAttributes('activity', spec.cohort.attributes)),
      // With a decimal comma, CSV amounts are read as text ("1.000" is a thousand, not 1).
      ...(spec.decimal === ',' && amount.length ? { csvText: amount } : {}),
    };
  }
  if (spec.customers) {
    const c = spec.customers;
    const cols = [c.id, c.signup, c.churn, ...extra('customers')].filter((x): x is string => x !== undefined);
    read.customers = { file: c.file, columns: unique(cols), text: [c.id], ...labelsOf(textAttributes('customers', spec.cohort.attributes)) };
  }
  return { kind: 'matrix', read, spec, needs };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function labelsOf(columns: string[]): { csvLabels?: string[] } {
  return columns.length ? { csvLabels: unique(columns) } : {};
}
