import { ID_SPACE } from '../memory/prepare/id-bytes.js';
import { type SqlBuilder, type SqlTable, wholeNumberText } from './sql-builder.js';
import { numberText } from './number-text-sql.js';

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
  if (!isTextId(table, column)) return asText ? numberIdText(b, col) : col;
  return b.d.trimId(table?.types[column] === 'text' ? col : b.d.text(col));
}

/**
 * A number id as the memory engine's loaders write it (String(v), -0 as "-0"): a whole
 * number below 2^53 without a ".0" (a DOUBLE 7.0, as pandas writes an int column with a
 * null, joins a text "7"), other numbers as JS writes them (numberText: 10000000000000000,
 * not 1e+16; 9.5; 1e+21).
 */
function numberIdText(b: SqlBuilder, col: string): string {
  const d = b.d;
  const text = d.text(col);
  return `CASE WHEN ${col} = 0 AND ${text} LIKE '-%' THEN '-0' ELSE ${wholeNumberText(d, col, '9007199254740992', numberText(d, col))} END`;
}

/** The condition that a row has an id (not NULL, not blank after trimming). */
export function hasIdSql(b: SqlBuilder, table: SqlTable | undefined, column: string): string {
  if (!isTextId(table, column)) return `${b.id(column)} IS NOT NULL`;
  return `${idSql(b, table, column)} <> ''`;
}
