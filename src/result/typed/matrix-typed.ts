import { NO_DAY } from '../../time/local-days.js';
import { periodLabel, periodStartDay } from '../../time/periods.js';
import type { MatrixResult } from '../matrix-result.js';
import { cellShown, cohortKeyNames } from '../tidy-table.js';
import { fixedColumn, groupColumn, type TypedColumn, type TypedTable } from './typed-table.js';

/** The shown cells, row-major (cohort after cohort, offset ascending). */
function shownCells(r: MatrixResult): Int32Array {
  const n = r.cohorts.count * r.width;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; ++i) if (cellShown(r, i)) out[k++] = i;
  return out.subarray(0, k);
}

// TypedArray.from(source, map) takes V8's slow generic path: plain loops instead.
function ints(n: number, f: (i: number) => number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; ++i) out[i] = f(i);
  return out;
}
function doubles(n: number, f: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; ++i) out[i] = f(i);
  return out;
}
function texts<T>(n: number, f: (i: number) => T): T[] {
  const out: T[] = new Array(n);
  for (let i = 0; i < n; ++i) out[i] = f(i);
  return out;
}

/**
 * tidyTyped: the tidy matrix (output schema "matrix-tidy"): one row per shown cell with
 * the cohort's and the cell's period starts as dates.
 */
export function tidyTyped(r: MatrixResult): TypedTable {
  const kind = 'matrix-tidy';
  const { width } = r;
  const cells = shownCells(r);
  const n = cells.length;
  const cohortOf = ints(n, (i) => Math.floor(cells[i] / width));
  const columns: TypedColumn[] = [];
  const keyNames = cohortKeyNames(r);
  const timed = r.cohorts.label !== undefined;
  if (timed) {
    const label = r.cohorts.label!;
    columns.push(fixedColumn(kind, 'cohort', { text: texts(n, (i) => label[cohortOf[i]]) }));
  }
  r.cohorts.attributes.forEach((a, j) => {
    columns.push(groupColumn(kind, 'key', keyNames[j + (timed ? 1 : 0)], { text: texts(n, (i) => a.values[cohortOf[i]]) }));
  });
  const { active, value, complete, revenue } = r.cells;
  columns.push(fixedColumn(kind, 'offset', { numbers: ints(n, (i) => cells[i] % width) }));
  columns.push(fixedColumn(kind, 'cohort_size', { numbers: ints(n, (i) => r.cohorts.size[cohortOf[i]]) }));
  const eligible = r.cells.eligible;
  if (eligible) columns.push(fixedColumn(kind, 'eligible', { numbers: ints(n, (i) => eligible[cells[i]]) }));
  columns.push(fixedColumn(kind, 'active', { numbers: ints(n, (i) => active[cells[i]]) }));
  columns.push(fixedColumn(kind, 'value', { numbers: doubles(n, (i) => value[cells[i]]) }));
  columns.push(fixedColumn(kind, 'complete', { numbers: ints(n, (i) => complete[cells[i]]) }));
  if (revenue) columns.push(fixedColumn(kind, 'revenue', { numbers: doubles(n, (i) => revenue[cells[i]]) }));
  const g = r.spec.period;
  const ws = r.spec.weekStart;
  const cellPeriod = r.cohorts.cellPeriod;
  const periodIndex = ints(n, (i) => {
    const base = cellPeriod[cohortOf[i]];
    return base === NO_DAY ? NO_DAY : base + (cells[i] % width);
  });
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; ++i) valid[i] = periodIndex[i] === NO_DAY ? 0 : 1;
  // Few distinct periods, many cells: each label is made once.
  const labels = new Map<number, string>();
  const labelOf = (p: number): string => {
    let l = labels.get(p);
    if (l === undefined) labels.set(p, (l = periodLabel(p, g, ws)));
    return l;
  };
  columns.push(fixedColumn(kind, 'period', { text: texts(n, (i) => (periodIndex[i] === NO_DAY ? null : labelOf(periodIndex[i]))) }));
  const ct = r.spec.cohort.time;
  if (timed && r.cohorts.period && ct) {
    const period = r.cohorts.period;
    const starts = ints(period.length, (h) => periodStartDay(period[h], ct, ws));
    columns.push(fixedColumn(kind, 'cohort_start', { numbers: ints(n, (i) => starts[cohortOf[i]]) }));
  }
  columns.push(
    fixedColumn(kind, 'period_start', {
      numbers: ints(n, (i) => (periodIndex[i] === NO_DAY ? 0 : periodStartDay(periodIndex[i], g, ws))),
      valid,
    }),
  );
  return { kind, length: n, columns };
}

/**
 * wideTyped: the wide matrix (output schema "matrix-wide"): one row per cohort, one
 * column per offset; with `average`, a last row "(average)".
 */
export function wideTyped(r: MatrixResult, opts: { average?: boolean } = {}): TypedTable {
  const kind = 'matrix-wide';
  const { width } = r;
  const H = r.cohorts.count;
  const extra = opts.average ? 1 : 0;
  const n = H + extra;
  const keyNames = cohortKeyNames(r);
  const sources = [...(r.cohorts.label ? [r.cohorts.label] : []), ...r.cohorts.attributes.map((a) => a.values)];
  const columns: TypedColumn[] = keyNames.map((name, j) => {
    const text: (string | null)[] = [...sources[j]];
    if (extra) text.push(j === 0 ? '(average)' : null);
    return name === 'cohort' && r.cohorts.label ? fixedColumn(kind, 'cohort', { text }) : groupColumn(kind, 'key', name, { text });
  });
  const size = new Int32Array(n);
  size.set(r.cohorts.size);
  const sizeValid = new Uint8Array(n).fill(1);
  if (extra) sizeValid[H] = 0;
  columns.push(fixedColumn(kind, 'cohort_size', { numbers: size, ...(extra ? { valid: sizeValid } : {}) }));
  for (let k = 0; k < width; ++k) {
    const col = new Float64Array(n);
    for (let h = 0; h < H; ++h) {
      const i = h * width + k;
      col[h] = cellShown(r, i) ? r.cells.value[i] : NaN;
    }
    if (extra) col[H] = r.average.value[k];
    columns.push(groupColumn(kind, 'offset', String(k), { numbers: col }));
  }
  return { kind, length: n, columns };
}

/** averageTyped: the size-weighted average per offset (output schema "matrix-average"). */
export function averageTyped(r: MatrixResult): TypedTable {
  const kind = 'matrix-average';
  return {
    kind,
    length: r.width,
    columns: [
      fixedColumn(kind, 'offset', { numbers: Int32Array.from({ length: r.width }, (_, k) => k) }),
      fixedColumn(kind, 'cohorts', { numbers: r.average.cohorts }),
      fixedColumn(kind, 'cohort_size', { numbers: r.average.size }),
      ...(r.average.eligible ? [fixedColumn(kind, 'eligible', { numbers: r.average.eligible })] : []),
      fixedColumn(kind, 'active', { numbers: r.average.active }),
      fixedColumn(kind, 'value', { numbers: r.average.value }),
    ],
  };
}
