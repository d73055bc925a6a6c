import * as aq from 'arquero';
import type { ColumnKind, Dataset, InputFormat } from './dataset.js';
import type { DictColumn } from './dict/dict-column.js';

/** A finished column: its name, kind and values in the representation of its kind. */
export interface LoadedColumn {
  name: string;
  kind: ColumnKind;
  /** Float64Array for number/timestamp/wallclock, DictColumn for string, array for boolean. */
  values: Float64Array | DictColumn | (boolean | null)[];
}

/** Assemble a Dataset from finished columns, keeping their order. */
export function makeDataset(
  file: string,
  format: InputFormat,
  columns: readonly LoadedColumn[],
  rowsRead: number,
): Dataset {
  const data = new Map<string, LoadedColumn['values']>();
  const kinds: Record<string, ColumnKind> = {};
  for (const c of columns) {
    data.set(c.name, c.values);
    kinds[c.name] = c.kind;
  }
  // A Map keeps header order even for names such as "2019" that objects would reorder.
  const table = aq.table(data, [...data.keys()]);
  return { table, file, format, kinds, rowsRead };
}

export { uniqueNames } from './column-names.js';
