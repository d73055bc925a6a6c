import type { InputSchema } from '../load/input-tables.js';

/** The columns each table must provide: the projection pushed down to the loaders. */
export interface Projection {
  activity?: ReadTable;
  customers?: ReadTable;
}

/** What to read of one table: the columns, and which of them are text whatever they look like (the id). */
export interface ReadTable {
  file: string;
  columns: string[];
  /** Columns read as text: "007" and "7" stay two ids, a 19-digit id stays exact. */
  text?: string[];
  /** Columns read as text from CSV only: amounts with a decimal comma ("1.000" is a thousand). */
  csvText?: string[];
}

/**
 * The projection of the named columns of each table (undefined names left out, repeats
 * once); `ids`: each table's id column, read as text.
 */
export function projection(
  schema: InputSchema,
  columns: { activity?: (string | undefined)[]; customers?: (string | undefined)[] },
  ids: { activity?: string; customers?: string } = {},
): Projection {
  const read: Projection = {};
  for (const table of ['activity', 'customers'] as const) {
    const t = schema[table];
    const names = columns[table];
    const id = ids[table];
    if (t && names) read[table] = { file: t.file, columns: [...new Set(names.filter((c): c is string => c !== undefined))], ...(id ? { text: [id] } : {}) };
  }
  return read;
}
