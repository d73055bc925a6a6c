import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { MatrixResult } from './matrix-result.js';
import { cellShown, cohortKeyNames, nullable } from './tidy-table.js';

/**
 * wideTable: one row per cohort: the cohort key columns, cohort_size, then one column
 * per offset named "0", "1", ... holding the value (null where the cell is not shown).
 * With `average`, a last row "(average)" holds the size-weighted average of complete cells.
 */
export function wideTable(r: MatrixResult, opts: { average?: boolean } = {}): ColumnTable {
  const { width } = r;
  const H = r.cohorts.count;
  const extra = opts.average ? 1 : 0;
  const cols: Record<string, unknown[]> = {};
  const keys = cohortKeyNames(r);
  const sources = [
    ...(r.cohorts.label ? [r.cohorts.label] : []),
    ...r.cohorts.attributes.map((a) => a.values),
  ];
  keys.forEach((name, j) => {
    cols[name] = [...sources[j]];
    if (extra) cols[name].push(j === 0 ? '(average)' : null);
  });
  cols.cohort_size = Array.from(r.cohorts.size);
  if (extra) cols.cohort_size.push(null);
  for (let k = 0; k < width; ++k) {
    const col: (number | null)[] = new Array(H + extra);
    for (let h = 0; h < H; ++h) {
      const i = h * width + k;
      col[h] = cellShown(r, i) ? nullable(r.cells.value[i]) : null;
    }
    if (extra) col[H] = nullable(r.average.value[k]);
    cols[String(k)] = col;
  }
  // Integer-like keys ("0", "1") come first in a JS object: name the order explicitly.
  return aq.table(cols, [...keys, 'cohort_size', ...Array.from({ length: width }, (_, k) => String(k))]);
}
