import * as aq from 'arquero';
import type { ColumnKind, Dataset, InputFormat } from './dataset.js';
import type { DictColumn } from './dict/dict-column.js';

/** A finished column: its name, kind and values in the representation of its kind. */
export interface LoadedColumn {
  name: string;
  kind: ColumnKind;
  /** Float64Array for number/timestamp/wallclock, DictColumn for string, array for boolean. */
  values: Float64Array | DictColumn | (boolean | null)[];
  /** CSV number columns: the first value when every value may be "." grouping thousands ("1.000"). */
  groupedExample?: string;
}

/** Assemble a Dataset from finished columns, keeping their order. */
export function makeDataset(
  file: string,
  format: InputFormat,
  columns: readonly LoadedColumn[],
  rowsRead: number,
): Dataset {
  const data = new Map<string, LoadedColumn['values']>();
  // No prototype: a column may be called "constructor" or "toString".
  const kinds: Record<string, ColumnKind> = Object.create(null);
  const grouped: Record<string, string> = Object.create(null);
  for (const c of columns) {
    if (c.groupedExample !== undefined) grouped[c.name] = c.groupedExample;
    // Arquero keeps columns in a plain object, where "__proto__" cannot be a key: such a
    // column is left out (naming it then fails as a missing column, listing the others).
    if (c.name === '__proto__') continue;
    data.set(c.name, c.values);
    kinds[c.name] = c.kind;
  }
  // A Map keeps header order even for names such as "2019" that objects would reorder.
  const table = aq.table(data, [...data.keys()]);
  return { table, file, format, kinds, rowsRead, ...(Object.keys(grouped).length ? { groupedNumbers: grouped } : {}) };
}

export { uniqueNames } from './column-names.js';
