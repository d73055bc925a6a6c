import type { LoadReport } from '../../../report/load-report.js';
import type { MatrixResult } from '../../../result/matrix-result.js';
import type { NormalizedMatrixSpec } from '../../../spec/normalize.js';
import type { Cohorts } from '../prepare/assign-cohorts.js';
import type { CellCounts } from './matrix-kernel.js';
import type { RollingCounts } from './rolling-limits.js';

export interface ValuesInput {
  spec: NormalizedMatrixSpec;
  asOf: number;
  cohorts: Cohorts;
  counts: CellCounts;
  /** Rolling completeness: the eligible members per cell and the revenue sums over them. */
  rolling?: RollingCounts;
  complete: Uint8Array;
  observed: Uint8Array;
  cellPeriod: Int32Array;
  report: LoadReport;
}

/**
 * matrixValues: cell counts -> the mode's values (METRICS.md section 4) and the
 * size-weighted average over complete cells (sum of numerators / sum of denominators),
 * leaving out the cells whose denominator is not > 0 (a revenue mode's cohort or eligible
 * members without offset-0 revenue), which are empty and weigh nothing.
 * Rolling (section 3): each cell is over its eligible members (complete when there are
 * any): shares divide by eligible(c, k), revenue modes by those members' offset-0
 * revenue, ltv's cumulative revenue leaves out the members no longer eligible.
 */
export function matrixValues(inp: ValuesInput): MatrixResult {
  const { spec, cohorts, counts, rolling } = inp;
  const eligible = rolling?.eligible;
  const complete = eligible ? Uint8Array.from(eligible, (e) => (e > 0 ? 1 : 0)) : inp.complete;
  const { width } = counts;
  const H = cohorts.count;
  const mode = spec.mode;
  const count =
    mode === 'unbounded' ? counts.activeOnOrAfter! : mode === 'survival' ? counts.survivors! : counts.active;
  const rev = counts.revenue;
  const num = new Float64Array(H * width);
  const den = new Float64Array(H * width);
  for (let h = 0; h < H; ++h) {
    let cumulative = 0;
    const base = h * width;
    for (let k = 0; k < width; ++k) {
      const i = base + k;
      const members = eligible ? eligible[i] : cohorts.size[h];
      const rev0 = !rev ? 0 : rolling ? (rolling.revenue0?.[i] ?? 0) : rev[base];
      switch (mode) {
        case 'revenue':
          num[i] = rev![i];
          den[i] = rev0;
          break;
        case 'gross-revenue':
          // At offset 0 each customer's min(revenue at 0, at 0) is its revenue at 0: the
          // sum is the denominator by definition (GRR = 1), whatever the summation order.
          num[i] = k === 0 ? rev0 : counts.grossRevenue![i];
          den[i] = rev0;
          break;
        case 'ltv':
          cumulative += rev![i] - (rolling?.expired?.[i] ?? 0);
          num[i] = cumulative;
          den[i] = members;
          break;
        default:
          num[i] = count[i];
          den[i] = members;
      }
    }
  }

  const value = new Float64Array(H * width);
  for (let i = 0; i < value.length; ++i) value[i] = den[i] > 0 ? num[i] / den[i] : NaN;

  const avg = {
    active: new Float64Array(width),
    size: new Float64Array(width),
    value: new Float64Array(width),
    cohorts: new Int32Array(width),
    eligible: eligible ? new Float64Array(width) : undefined,
  };
  const avgNum = new Float64Array(width);
  const avgDen = new Float64Array(width);
  for (let h = 0; h < H; ++h) {
    for (let k = 0; k < width; ++k) {
      const i = h * width + k;
      // A cell without a base (revenue modes: offset-0 revenue <= 0, value NaN) has no weight.
      if (!complete[i] || !(den[i] > 0)) continue;
      avgNum[k] += num[i];
      avgDen[k] += den[i];
      avg.active[k] += count[i];
      avg.size[k] += cohorts.size[h];
      if (avg.eligible) avg.eligible[k] += eligible![i];
      avg.cohorts[k]++;
    }
  }
  for (let k = 0; k < width; ++k) avg.value[k] = avgDen[k] > 0 ? avgNum[k] / avgDen[k] : NaN;

  return {
    spec,
    asOf: inp.asOf,
    width,
    cohorts: {
      count: H,
      size: cohorts.size,
      label: cohorts.label,
      period: cohorts.period,
      attributes: cohorts.attributes,
      cellPeriod: inp.cellPeriod,
    },
    cells: { active: count, value, complete, observed: inp.observed, revenue: rev, eligible },
    average: avg,
    report: inp.report,
  };
}
