import { max, quantile } from 'd3-array';
import type { MatrixResult } from '../../result/matrix-result.js';
import { cellShown } from '../../result/tidy-table.js';
import { NO_DAY } from '../../time/local-days.js';
import { periodLabel } from '../../time/periods.js';
import { rounded } from './number-format.js';
import { valueLabel } from '../../result/key-columns.js';

/** One cohort row of a heatmap view: only its shown cells, trailing absent ones dropped. */
export interface HeatRow {
  /** The cohort's label: its time part and attribute values, joined by " · ". */
  label: string;
  size: number;
  /** Period index of the cohort's offset 0 (null when its members start in different periods). */
  base: number | null;
  /**
   * Values as shown: percent for shares, rounded to the view's digits from the exact value
   * (so the page shows what the CSV and terminal show; rounding twice could differ); null
   * where there is none.
   */
  v: (number | null)[];
  /** The count behind each value; -1 for a cell not shown (not yet observed) inside the row. */
  c: number[];
  /** Offsets of incomplete cells shown with `partial`. */
  inc?: number[];
  /** Eligible customers per cell (rolling mode). */
  e?: number[];
  /** Interval bounds per cell (shares, 4 decimals), where computed. */
  lo?: (number | null)[];
  hi?: (number | null)[];
}

/** One computed mode of the matrix, as the page embeds it (see heat-rows.ts). */
export interface HeatView {
  mode: string;
  /** What a value is called: "Retention", "Net revenue retention"... */
  name: string;
  /** share: shown as a percentage; amount: a number per customer (ltv). */
  kind: 'share' | 'amount';
  /** Decimals shown in cells. */
  digits: number;
  /** Colour domain [lo, hi] in the measure's units (shares, not percent); values outside are clamped. */
  lo: number;
  hi: number;
  width: number;
  rows: HeatRow[];
  avg: { v: (number | null)[]; c: number[]; n: number[]; k: number[] };
}

/** The heatmap part of a page: the views (one per mode computed) and the period labels. */
export interface HeatmapData {
  /** The offset unit: "month", "week"... */
  unit: string;
  /** "calendar" or "elapsed" offsets. */
  offsets: string;
  /** Labels of period indices first .. first + labels.length - 1. */
  periods: { first: number; labels: string[] } | null;
  views: HeatView[];
}

const MODE_NAMES: Record<string, string> = {
  classic: 'Retention',
  unbounded: 'Unbounded retention',
  rolling: 'Rolling retention',
  revenue: 'Net revenue retention',
  'gross-revenue': 'Gross revenue retention',
  ltv: 'Cumulative revenue per customer',
  survival: 'Share not churned',
};

/** What a mode's value is called in the page. */
export function modeName(mode: string): string {
  return MODE_NAMES[mode] ?? mode;
}

// Fields another stage may add to the cells (rolling mode's eligible counts, intervals):
// read when present.
interface OptionalCells {
  eligible?: ArrayLike<number>;
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

/** The colour domain: 0 to a high value that ignores offset 0 and the top 2% (clamped). */
function domain(r: MatrixResult, kind: HeatView['kind']): [number, number] {
  const vals: number[] = [];
  for (let i = 0; i < r.cells.value.length; ++i) {
    const v = r.cells.value[i];
    if ((r.width === 1 || i % r.width > 0) && cellShown(r, i) && Number.isFinite(v)) vals.push(v);
  }
  if (!vals.length) return [0, 1];
  if (kind === 'amount') return [0, max(vals)! || 1];
  const top = r.spec.mode === 'revenue' || r.spec.mode === 'gross-revenue' ? quantile(vals, 0.98)! : max(vals)!;
  // Round up to a multiple of 10% so the legend reads in round numbers.
  return [0, Math.max(0.1, Math.ceil(top * 10 - 1e-9) / 10)];
}

/** heatView: a MatrixResult as the page embeds it. */
export function heatView(r: MatrixResult): HeatView {
  const { width } = r;
  const kind: HeatView['kind'] = r.spec.mode === 'ltv' ? 'amount' : 'share';
  const [lo, hi] = domain(r, kind);
  const opt = r.cells as MatrixResult['cells'] & OptionalCells;
  const digits = kind === 'amount' ? 2 : width > 24 ? 0 : 1;
  const shown = (x: number): number | null => {
    if (!Number.isFinite(x)) return null;
    return Number((kind === 'share' ? x * 100 : x).toFixed(digits));
  };
  const rows: HeatRow[] = [];
  for (let h = 0; h < r.cohorts.count; ++h) {
    const parts: string[] = [];
    if (r.cohorts.label) parts.push(r.cohorts.label[h]);
    for (const a of r.cohorts.attributes) parts.push(valueLabel(a.values[h]));
    let last = -1;
    for (let k = 0; k < width; ++k) if (cellShown(r, h * width + k)) last = k;
    const row: HeatRow = {
      label: parts.join(' · ') || 'all',
      size: r.cohorts.size[h],
      base: r.cohorts.cellPeriod[h] === NO_DAY ? null : r.cohorts.cellPeriod[h],
      v: [],
      c: [],
    };
    for (let k = 0; k <= last; ++k) {
      const i = h * width + k;
      const on = cellShown(r, i);
      row.v.push(on ? shown(r.cells.value[i]) : null);
      row.c.push(on ? r.cells.active[i] : -1);
      if (on && !r.cells.complete[i]) (row.inc ??= []).push(k);
      if (opt.eligible) (row.e ??= []).push(opt.eligible[i]);
      if (opt.lower && opt.upper) {
        (row.lo ??= []).push(rounded(opt.lower[i]));
        (row.hi ??= []).push(rounded(opt.upper[i]));
      }
    }
    rows.push(row);
  }
  return {
    mode: r.spec.mode,
    name: modeName(r.spec.mode),
    kind,
    digits,
    lo,
    hi,
    width,
    rows,
    avg: {
      v: Array.from(r.average.value, shown),
      c: Array.from(r.average.active),
      n: Array.from(r.average.size),
      k: Array.from(r.average.cohorts),
    },
  };
}

/** heatmapData: the views of one or more modes computed on the same cohorts. */
export function heatmapData(results: MatrixResult[]): HeatmapData {
  const first = results[0];
  let minP = Infinity;
  let maxP = -Infinity;
  for (const r of results) {
    for (const p of r.cohorts.cellPeriod) {
      if (p === NO_DAY) continue;
      minP = Math.min(minP, p);
      maxP = Math.max(maxP, p + r.width - 1);
    }
  }
  const periods =
    minP <= maxP
      ? {
          first: minP,
          labels: Array.from({ length: maxP - minP + 1 }, (_, i) => periodLabel(minP + i, first.spec.period, first.spec.weekStart)),
        }
      : null;
  return { unit: first.spec.period, offsets: first.spec.offsets, periods, views: results.map(heatView) };
}
