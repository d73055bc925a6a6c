import type { InputSchema } from '../load/input-tables.js';

/** The columns each table must provide: the projection pushed down to the loaders. */
export interface Projection {
  activity?: { file: string; columns: string[] };
  customers?: { file: string; columns: string[] };
}

/** The projection of the named columns of each table (undefined names left out, repeats once). */
export function projection(schema: InputSchema, columns: { activity?: (string | undefined)[]; customers?: (string | undefined)[] }): Projection {
  const read: Projection = {};
  for (const table of ['activity', 'customers'] as const) {
    const t = schema[table];
    const names = columns[table];
    if (t && names) read[table] = { file: t.file, columns: [...new Set(names.filter((c): c is string => c !== undefined))] };
  }
  return read;
}
