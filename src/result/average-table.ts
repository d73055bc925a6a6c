import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { MatrixResult } from './matrix-result.js';
import { nullable } from './tidy-table.js';

/**
 * averageTable: one row per offset with the size-weighted average over complete cells:
 * offset, cohorts (how many were complete), cohort_size (their total size), active, value.
 */
export function averageTable(r: MatrixResult): ColumnTable {
  const k = Int32Array.from({ length: r.width }, (_, i) => i);
  return aq.table({
    offset: k,
    cohorts: r.average.cohorts,
    cohort_size: Array.from(r.average.size),
    active: Array.from(r.average.active),
    value: Array.from(r.average.value, nullable),
  });
}
