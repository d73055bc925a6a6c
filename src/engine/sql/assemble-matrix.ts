import type { MatrixPlan } from '../../plan/matrix-plan.js';
import { emptyReport, type LoadReport } from '../../report/load-report.js';
import type { MatrixResult } from '../../result/matrix-result.js';
import { periodLabel } from '../../time/periods.js';
import type { Zone } from '../../time/zone.js';
import type { Cohorts } from '../memory/prepare/assign-cohorts.js';
import { offsetSpan } from '../memory/matrix/event-offsets.js';
import type { CellCounts } from '../memory/matrix/matrix-kernel.js';
import { matrixValues } from '../memory/matrix/matrix-values.js';
import type { RollingCounts } from '../memory/matrix/rolling-limits.js';
import { ALIVE } from './matrix-columns.js';
import { compareLabels } from '../../result/label-order.js';

/** One row of a compiled matrix query (matrix-sql.ts), numbers already numbers. */
export interface MatrixRow {
  kind: string;
  kt: number;
  /** Attribute values of the cohort (null = none). */
  attrs: (string | null)[];
  k: number;
  n: number;
  lo: number;
  hi: number;
  rev: number;
  gross: number;
}

/** Turn a driver's row object (bigint, string or number cells) into a MatrixRow. */
export function matrixRow(r: Record<string, unknown>, attributes: number): MatrixRow {
  const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
  const attrs: (string | null)[] = [];
  for (let i = 0; i < attributes; ++i) {
    const v = r[`ka${i}`];
    // An empty value is no value (as in the memory engine); ClickHouse's joins give '' for NULL.
    attrs.push(v === null || v === undefined || v === '' ? null : String(v));
  }
  return { kind: String(r.kind), kt: num(r.kt), attrs, k: num(r.k), n: num(r.n), lo: num(r.lo), hi: num(r.hi), rev: num(r.rev), gross: num(r.gross) };
}

function compareCohorts(a: MatrixRow, b: MatrixRow): number {
  if (a.kt !== b.kt) return a.kt - b.kt;
  for (let j = 0; j < a.attrs.length; ++j) {
    const va = a.attrs[j];
    const vb = b.attrs[j];
    if (va === vb) continue;
    if (va === null) return 1;
    if (vb === null) return -1;
    return compareLabels(va, vb);
  }
  return 0;
}

const keyOf = (r: MatrixRow): string => JSON.stringify([r.kt, r.attrs]);

/** What the run knew besides the rows: the as-of instant and the rows read. */
export interface AssembleInput {
  plan: MatrixPlan;
  rows: MatrixRow[];
  asOf: number;
  zone: Zone;
  report?: LoadReport;
}

/**
 * assembleMatrix: the few rows a database returned -> the MatrixResult the memory engine
 * gives, through the memory engine's own completeness (offsetSpan) and values
 * (matrixValues), so every exporter works and the numbers cannot drift apart.
 */
export function assembleMatrix(inp: AssembleInput): MatrixResult {
  const { plan, rows, asOf, zone } = inp;
  const spec = plan.spec;
  const report = inp.report ?? emptyReport();
  const sizes = rows.filter((r) => r.kind === 's').sort(compareCohorts);
  const H = sizes.length;
  const index = new Map(sizes.map((r, h) => [keyOf(r), h]));
  const cohorts: Cohorts = {
    count: H,
    of: new Int32Array(0),
    size: Int32Array.from(sizes, (r) => r.n),
    attributes: spec.cohort.attributes.map((a, j) => ({ name: a.column, values: sizes.map((r) => r.attrs[j]) })),
  };
  if (spec.cohort.time) {
    const g = spec.cohort.time;
    cohorts.period = Int32Array.from(sizes, (r) => r.kt);
    cohorts.label = Array.from(cohorts.period, (p) => periodLabel(p, g, spec.weekStart));
  }

  let span;
  if (spec.offsets === 'elapsed') {
    // offsetSpan reads only each cohort's earliest and latest anchor: two stand-ins per cohort.
    const anchor = new Float64Array(2 * H);
    const of = new Int32Array(2 * H);
    sizes.forEach((r, h) => {
      anchor[2 * h] = r.lo;
      anchor[2 * h + 1] = r.hi;
      of[2 * h] = of[2 * h + 1] = h;
    });
    span = offsetSpan(anchor, { ...cohorts, of }, spec, zone, asOf);
  } else {
    const range = { lo: Float64Array.from(sizes, (r) => r.lo), hi: Float64Array.from(sizes, (r) => r.hi) };
    span = offsetSpan(new Float64Array(0), cohorts, spec, zone, asOf, range);
  }
  const width = span.width;
  const counts: CellCounts = { width, active: new Int32Array(H * width) };
  if (plan.needs.revenue) counts.revenue = new Float64Array(H * width);
  if (plan.needs.grossRevenue) counts.grossRevenue = new Float64Array(H * width);
  const hist = plan.needs.lastOffset || plan.needs.churn ? new Float64Array(H * (width + 1)) : undefined;
  const rollingRun = spec.completeness === 'rolling';
  const eligible = rollingRun ? new Int32Array(H * width) : undefined;
  const revenue0 = rollingRun && plan.needs.revenue ? new Float64Array(H * width) : undefined;
  const expired = rollingRun && plan.needs.revenue ? new Float64Array(H * width) : undefined;
  let used = 0;
  // Bit-set queries (matrix-sql.ts activeBits) give the rows per cohort ('u': lo = rows in
  // counted offsets or before the anchor), not per cell; the rows before the anchor come apart.
  const totals = rows.some((r) => r.kind === 'u');
  for (const r of rows) {
    if (r.kind === 's') continue;
    const h = index.get(keyOf(r));
    if (h === undefined) continue;
    if (r.kind === 'u') {
      used += r.lo;
    } else if (r.kind === 'c') {
      if (r.k < 0) {
        report.excluded.beforeAnchor += r.lo;
        if (totals) used -= r.lo;
        continue;
      }
      used += r.lo;
      if (r.k >= width) continue;
      const i = h * width + r.k;
      counts.active[i] = r.n;
      if (counts.revenue) counts.revenue[i] = r.rev;
      if (counts.grossRevenue) counts.grossRevenue[i] = r.gross;
    } else if (r.kind === 'e') {
      // Rolling (rolling-limits.ts): customers whose last complete offset is m are eligible
      // at k <= m; their offset-0 revenue too; their counted revenue leaves ltv at m + 1.
      const m = r.k;
      if (m < 0 || !eligible) continue;
      const i = h * width + Math.min(m, width - 1);
      eligible[i] += r.n;
      if (revenue0) revenue0[i] += r.rev;
      if (expired && m + 1 < width) expired[h * width + m + 1] += r.gross;
    } else if (hist) {
      // Customers whose last offset is k count at every offset <= k: a histogram, summed from
      // the top. Rolling: capped by the customer's last complete offset (lo).
      const k = rollingRun ? Math.min(r.k, r.lo) : r.k;
      if (k < 0) continue;
      hist[h * (width + 1) + Math.min(k >= ALIVE ? width : k, width)] += r.n;
    }
  }
  if (hist) {
    const acc = new Int32Array(H * width);
    for (let h = 0; h < H; ++h) {
      let s = hist[h * (width + 1) + width];
      for (let k = width - 1; k >= 0; --k) {
        s += hist[h * (width + 1) + k];
        acc[h * width + k] = s;
      }
    }
    if (plan.needs.lastOffset) counts.activeOnOrAfter = acc;
    else counts.survivors = acc;
  }
  let rolling: RollingCounts | undefined;
  if (eligible) {
    for (let h = 0; h < H; ++h) {
      for (let k = width - 2; k >= 0; --k) {
        eligible[h * width + k] += eligible[h * width + k + 1];
        if (revenue0) revenue0[h * width + k] += revenue0[h * width + k + 1];
      }
    }
    rolling = { eligible, revenue0, expired };
  }
  report.rowsUsed = used;
  report.customers.inCohorts = cohorts.size.reduce((s, n) => s + n, 0);
  return matrixValues({ spec, asOf, cohorts, counts, rolling, complete: span.complete, observed: span.observed, cellPeriod: span.cellPeriod, report });
}
