import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { MatrixResult } from './matrix-result.js';
import { nullable } from './tidy-table.js';

/**
 * averageTable: one row per offset with the size-weighted average over complete cells:
 * offset, cohorts (how many were complete), cohort_size (their total size), [eligible
 * (rolling completeness: the total of the cells' denominators)], active, value.
 */
export function averageTable(r: MatrixResult): ColumnTable {
  const k = Int32Array.from({ length: r.width }, (_, i) => i);
  const cols: Record<string, ArrayLike<unknown>> = {
    offset: k,
    cohorts: r.average.cohorts,
    cohort_size: Array.from(r.average.size),
  };
  if (r.average.eligible) cols.eligible = Array.from(r.average.eligible);
  cols.active = Array.from(r.average.active);
  cols.value = Array.from(r.average.value, nullable);
  return aq.table(cols);
}
