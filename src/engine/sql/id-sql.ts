import { ID_SPACE } from '../memory/prepare/id-bytes.js';
import type { SqlBuilder, SqlTable } from './sql-builder.js';

/**
 * Customer ids in SQL, by the memory engine's rule (id-bytes.ts): a text id is its text
 * without surrounding spaces and tabs (ID_SPACE, through Dialect.trimId), and an id that is
 * empty after trimming is no id. Number columns are taken as they are.
 */

/** The code points an id is trimmed of (space, tab), for dialects that spell them with chr(). */
export const ID_SPACE_CODES: readonly number[] = [...ID_SPACE].map((c) => c.codePointAt(0)!);

/** Leading or trailing spaces and tabs, as a regular expression (RE2, Java). */
export const ID_EDGES = '^[ \\t]+|[ \\t]+$';

/** Whether a table's id column is text (the one that is trimmed). */
export function isTextId(table: SqlTable | undefined, column: string): boolean {
  return table?.types[column] !== 'number';
}

/** The id of a row: trimmed text (`asText`: a number column's id as text too, for a join with text ids). */
export function idSql(b: SqlBuilder, table: SqlTable | undefined, column: string, asText = false): string {
  const col = b.id(column);
  if (!isTextId(table, column)) return asText ? b.d.text(col) : col;
  return b.d.trimId(table?.types[column] === 'text' ? col : b.d.text(col));
}

/** The condition that a row has an id (not NULL, not blank after trimming). */
export function hasIdSql(b: SqlBuilder, table: SqlTable | undefined, column: string): string {
  if (!isTextId(table, column)) return `${b.id(column)} IS NOT NULL`;
  return `${idSql(b, table, column)} <> ''`;
}
