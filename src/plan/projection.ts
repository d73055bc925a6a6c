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
  /** Label columns (see textAttributes): text from CSV unless DuckDB would read decimal numbers (see numericLabels). */
  csvLabels?: string[];
}

/**
 * The projection of the named columns of each table (undefined names left out, repeats
 * once); `ids`: each table's id column, read as text; `labels`: label columns, text from CSV
 * unless DuckDB would read decimal numbers (see textAttributes).
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
    const csvLabels = [...new Set(labels[table] ?? [])];
    if (t && names) read[table] = { file: t.file, columns: [...new Set(names.filter((c): c is string => c !== undefined))], ...(id ? { text: [id] } : {}), ...(csvLabels.length ? { csvLabels } : {}) };
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
    const merged = (k: 'columns' | 'text' | 'csvText' | 'csvLabels') => [...new Set(tables.flatMap((x) => x[k] ?? []))];
    const text = merged('text');
    const csvText = merged('csvText');
    const csvLabels = merged('csvLabels');
    out[table] = { file: tables[tables.length - 1].file, columns: merged('columns'), ...(text.length ? { text } : {}), ...(csvText.length ? { csvText } : {}), ...(csvLabels.length ? { csvLabels } : {}) };
  }
  return out;
}

/**
 * The attribute (cohort, group, segment) columns of `table` read as labels: a zip code,
 * product or reason code keeps its text ("02139" stays 02139, not 2139); a column of decimal
 * numbers (19.00, 49.5) becomes numbers, as DuckDB's CSV sniffer reads it (see numericLabels).
 * An NPS class is made from its score. A column a filter orders (zip < 5000) stays a label
 * too: the filter compares texts that are numbers as numbers (filterMask).
 */
export function textAttributes(
  table: 'activity' | 'customers',
  attributes: readonly CohortAttribute[],
): string[] {
  return attributes.filter((a) => a.table === table && a.nps === undefined).map((a) => a.column);
}
