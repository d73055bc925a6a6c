import type { ColumnTable } from 'arquero';
import type { ColumnKind, Dataset } from './dataset.js';
import { isDictionary } from './dict/dict-column.js';

/**
 * datasetFromTable: wrap an Arquero table the caller built (aq.table, aq.from, fromArrow)
 * as a Dataset, inferring each column's kind from its values: typed arrays and numbers
 * are numbers, Date values are instants, booleans are booleans, the rest strings.
 */
export function datasetFromTable(table: ColumnTable, file = '(table)'): Dataset {
  const kinds: Record<string, ColumnKind> = Object.create(null);
  for (const name of table.columnNames()) {
    const col = table.column(name) as unknown as ArrayLike<unknown> & { at?: (i: number) => unknown };
    kinds[name] = inferKind(col);
  }
  return { table, file, format: 'csv', kinds, rowsRead: table.numRows() };
}

function inferKind(col: ArrayLike<unknown> & { at?: (i: number) => unknown }): ColumnKind {
  if (ArrayBuffer.isView(col)) return 'number';
  if (isDictionary(col)) return 'string';
  const at = typeof col.at === 'function' ? (i: number) => col.at!(i) : (i: number) => col[i];
  for (let i = 0; i < col.length; ++i) {
    const v = at(i);
    if (v === null || v === undefined) continue;
    if (v instanceof Date) return 'timestamp';
    if (typeof v === 'number' || typeof v === 'bigint') return 'number';
    if (typeof v === 'boolean') return 'boolean';
    return 'string';
  }
  return 'string';
}
