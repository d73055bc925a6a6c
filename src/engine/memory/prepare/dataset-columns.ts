import type { ColumnTable } from 'arquero';
import type { ColumnKind, Dataset } from '../../../load/dataset.js';
import type { AnyColumn } from './column-keys.js';
import type { FilterSource } from './filter-mask.js';

/** A Dataset seen as a filter source (columns by name, kinds, row count). */
export function filterSource(d: Dataset): FilterSource {
  return {
    file: d.file,
    rows: d.table.numRows(),
    column: (name) => tableColumn(d.table, name),
    kind: (name) => d.kinds[name] ?? 'string',
  };
}

/** A column of an Arquero table by name. */
export function tableColumn(table: ColumnTable, name: string): AnyColumn {
  return table.column(name) as unknown as AnyColumn;
}

/** The kind of a column ('string' when the loader did not say). */
export function columnKind(d: Dataset, name: string): ColumnKind {
  return d.kinds[name] ?? 'string';
}
