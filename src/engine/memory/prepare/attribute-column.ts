import type { ColumnTable } from 'arquero';
import { dictColumn } from '../../../load/dict/dict-column.js';
import type { CohortAttribute } from '../../../spec/input-schema.js';
import { NPS_CLASSES, npsClassIndex } from '../../../stats/feedback-scores.js';
import { numericColumn, type AnyColumn } from './column-keys.js';
import { tableColumn } from './dataset-columns.js';

/**
 * attributeColumn: the column a cohort or group attribute is read from. A derived
 * "nps_class" is built from its NPS column (detractor / passive / promoter; a score that
 * is missing or not a whole number 0-10 has no class, the "(none)" group).
 */
export function attributeColumn(table: ColumnTable, a: CohortAttribute): AnyColumn {
  if (a.nps === undefined) return tableColumn(table, a.column);
  return npsClassColumn(numericColumn(tableColumn(table, a.nps)));
}

/** The NPS class of each score as a dictionary column (null = no class). */
export function npsClassColumn(scores: Float64Array): AnyColumn {
  const keys = new Int32Array(scores.length);
  for (let i = 0; i < scores.length; ++i) {
    const k = npsClassIndex(scores[i]);
    keys[i] = k < 0 ? NPS_CLASSES.length : k;
  }
  return dictColumn(keys, NPS_CLASSES);
}
