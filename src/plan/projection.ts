import type { InputSchema } from '../load/input-tables.js';
import type { CohortAttribute } from '../spec/input-schema.js';

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
 * once); `ids`: each table's id column, read as text; `labels`: more columns read as text
 * (see textAttributes).
 */
export function projection(
  schema: InputSchema,
  columns: { activity?: (string | undefined)[]; customers?: (string | undefined)[] },
  ids: { activity?: string; customers?: string } = {},
  labels: { activity?: string[]; customers?: string[] } = {},
): Projection {
  const read: Projection = {};
  for (const table of ['activity', 'customers'] as const) {
    const t = schema[table];
    const names = columns[table];
    const id = ids[table];
    const text = [...new Set([...(id ? [id] : []), ...(labels[table] ?? [])])];
    if (t && names) read[table] = { file: t.file, columns: [...new Set(names.filter((c): c is string => c !== undefined))], ...(text.length ? { text } : {}) };
  }
  return read;
}

/**
 * The union of several projections: each table's columns, text and csvText columns, each
 * name once in first-seen order, so no part's reading rules are lost (ids stay text).
 */
export function unionProjections(parts: readonly (Projection | undefined)[]): Projection {
  const out: Projection = {};
  for (const table of ['activity', 'customers'] as const) {
    const tables = parts.map((p) => p?.[table]).filter((x): x is ReadTable => x !== undefined);
    if (!tables.length) continue;
    const merged = (k: 'columns' | 'text' | 'csvText') => [...new Set(tables.flatMap((x) => x[k] ?? []))];
    const text = merged('text');
    const csvText = merged('csvText');
    out[table] = { file: tables[tables.length - 1].file, columns: merged('columns'), ...(text.length ? { text } : {}), ...(csvText.length ? { csvText } : {}) };
  }
  return out;
}

/**
 * The attribute (cohort, group, segment) columns of `table` to read as text: a zip code,
 * product or reason code is a label ("02139" stays 02139, not 2139). An NPS class is made
 * from its score, and a column a filter orders (< <= > >=) stays as the file types it: the
 * filter may compare it as a number.
 */
export function textAttributes(
  table: 'activity' | 'customers',
  attributes: readonly CohortAttribute[],
  filters: readonly { table: string; column: string; op: string }[],
): string[] {
  const filtered = new Set(filters.filter((f) => f.table === table && /[<>]/.test(f.op)).map((f) => f.column));
  return attributes.filter((a) => a.table === table && a.nps === undefined && !filtered.has(a.column)).map((a) => a.column);
}
