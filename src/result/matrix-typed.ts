import { NO_DAY } from '../time/local-days.js';
import { periodLabel, periodStartDay } from '../time/periods.js';
import type { MatrixResult } from './matrix-result.js';
import { cellShown, cohortKeyNames } from './tidy-table.js';
import { fixedColumn, groupColumn, type TypedColumn, type TypedTable } from './typed-table.js';

/** The shown cells, row-major (cohort after cohort, offset ascending). */
function shownCells(r: MatrixResult): Int32Array {
  const rows: number[] = [];
  const n = r.cohorts.count * r.width;
  for (let i = 0; i < n; ++i) if (cellShown(r, i)) rows.push(i);
  return Int32Array.from(rows);
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
  const cohortOf = Int32Array.from(cells, (cell) => Math.floor(cell / width));
  const columns: TypedColumn[] = [];
  const keyNames = cohortKeyNames(r);
  const timed = r.cohorts.label !== undefined;
  if (timed) columns.push(fixedColumn(kind, 'cohort', { text: Array.from(cohortOf, (h) => r.cohorts.label![h]) }));
  r.cohorts.attributes.forEach((a, j) => {
    columns.push(groupColumn(kind, 'key', keyNames[j + (timed ? 1 : 0)], { text: Array.from(cohortOf, (h) => a.values[h]) }));
  });
  columns.push(fixedColumn(kind, 'offset', { numbers: Int32Array.from(cells, (cell) => cell % width) }));
  columns.push(fixedColumn(kind, 'cohort_size', { numbers: Int32Array.from(cohortOf, (h) => r.cohorts.size[h]) }));
  const eligible = r.cells.eligible;
  if (eligible) columns.push(fixedColumn(kind, 'eligible', { numbers: Int32Array.from(cells, (cell) => eligible[cell]) }));
  columns.push(fixedColumn(kind, 'active', { numbers: Int32Array.from(cells, (cell) => r.cells.active[cell]) }));
  columns.push(fixedColumn(kind, 'value', { numbers: Float64Array.from(cells, (cell) => r.cells.value[cell]) }));
  columns.push(fixedColumn(kind, 'complete', { numbers: Uint8Array.from(cells, (cell) => r.cells.complete[cell]) }));
  if (r.cells.revenue) {
    const rev = r.cells.revenue;
    columns.push(fixedColumn(kind, 'revenue', { numbers: Float64Array.from(cells, (cell) => rev[cell]) }));
  }
  const g = r.spec.period;
  const ws = r.spec.weekStart;
  const periodIndex = Int32Array.from(cells, (cell) => {
    const base = r.cohorts.cellPeriod[Math.floor(cell / width)];
    return base === NO_DAY ? NO_DAY : base + (cell % width);
  });
  const valid = Uint8Array.from(periodIndex, (p) => (p === NO_DAY ? 0 : 1));
  columns.push(fixedColumn(kind, 'period', { text: Array.from(periodIndex, (p) => (p === NO_DAY ? null : periodLabel(p, g, ws))) }));
  const ct = r.spec.cohort.time;
  if (timed && r.cohorts.period && ct) {
    const starts = Int32Array.from(r.cohorts.period, (p) => periodStartDay(p, ct, ws));
    columns.push(fixedColumn(kind, 'cohort_start', { numbers: Int32Array.from(cohortOf, (h) => starts[h]) }));
  }
  columns.push(
    fixedColumn(kind, 'period_start', {
      numbers: Int32Array.from(periodIndex, (p) => (p === NO_DAY ? 0 : periodStartDay(p, g, ws))),
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
