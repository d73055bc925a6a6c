import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { NO_DAY } from '../time/local-days.js';
import { periodLabel } from '../time/periods.js';
import type { MatrixResult } from './matrix-result.js';

/** The key columns of a cohort: "cohort" (time part) then one column per attribute. */
export function cohortKeyNames(r: MatrixResult): string[] {
  const names = r.cohorts.label ? ['cohort'] : [];
  for (const a of r.cohorts.attributes) names.push(attributeName(a.name));
  return names;
}

// An attribute named like a fixed column gets a suffix instead of clobbering it.
const FIXED = new Set(['cohort', 'offset', 'cohort_size', 'eligible', 'active', 'value', 'complete', 'revenue', 'period']);
function attributeName(name: string): string {
  return FIXED.has(name) ? `${name}_attr` : name;
}

/** Which cells appear: complete ones, plus (with partial) incomplete but begun ones. */
export function cellShown(r: MatrixResult, i: number): boolean {
  return r.cells.complete[i] === 1 || (r.spec.partial && r.cells.observed[i] === 1);
}

/**
 * tidyTable: one row per shown cell, in this column order: cohort, attribute columns,
 * offset, cohort_size, [eligible], active, value, complete, [revenue], period (the cell's
 * period start, null where the cohort's members start in different periods). `eligible`
 * (rolling completeness) is the cell's denominator: the members whose period had ended.
 */
export function tidyTable(r: MatrixResult): ColumnTable {
  const { width } = r;
  const rows: number[] = [];
  for (let h = 0; h < r.cohorts.count; ++h) {
    for (let k = 0; k < width; ++k) if (cellShown(r, h * width + k)) rows.push(h * width + k);
  }
  const cohortOf = (i: number): number => Math.floor(rows[i] / width);
  const cols: Record<string, unknown> = {};
  if (r.cohorts.label) cols.cohort = rows.map((_, i) => r.cohorts.label![cohortOf(i)]);
  for (const a of r.cohorts.attributes) cols[attributeName(a.name)] = rows.map((_, i) => a.values[cohortOf(i)]);
  cols.offset = Int32Array.from(rows, (cell) => cell % width);
  cols.cohort_size = Int32Array.from(rows, (cell) => r.cohorts.size[Math.floor(cell / width)]);
  const eligible = r.cells.eligible;
  if (eligible) cols.eligible = Int32Array.from(rows, (cell) => eligible[cell]);
  cols.active = Int32Array.from(rows, (cell) => r.cells.active[cell]);
  cols.value = rows.map((cell) => nullable(r.cells.value[cell]));
  cols.complete = rows.map((cell) => r.cells.complete[cell] === 1);
  if (r.cells.revenue) cols.revenue = rows.map((cell) => nullable(r.cells.revenue![cell]));
  const g = r.spec.period;
  const ws = r.spec.weekStart;
  cols.period = rows.map((cell) => {
    const base = r.cohorts.cellPeriod[Math.floor(cell / width)];
    return base === NO_DAY ? null : periodLabel(base + (cell % width), g, ws);
  });
  return aq.table(cols as Record<string, ArrayLike<unknown>>);
}

/** NaN -> null, for outputs. */
export function nullable(x: number): number | null {
  return x === x ? x : null;
}
