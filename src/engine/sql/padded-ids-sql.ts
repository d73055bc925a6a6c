import { messageText } from '../../errors.js';
import type { SqlConnection } from './connection.js';
import { hasIdSql, idSql } from './id-sql.js';
import { SqlBuilder, type SqlTable } from './sql-builder.js';

/** Distinct ids that had surrounding spaces or tabs, and the smallest of them (as read). */
export interface PaddedIds {
  count: number;
  example: string;
}

/**
 * The raw id of a row (`raw`, the column's value) whose id (`id`, as idSql gives it) lost
 * surrounding spaces or tabs, else NULL: memory's padded ids (id-bytes.ts), blank ids
 * aside. Undefined for a column that is not text (no padding).
 */
export function paddedIdSql(table: SqlTable, column: string, id: string, raw: string): string | undefined {
  if (table.types[column] !== 'text') return undefined;
  return `CASE WHEN ${id} <> ${raw} AND ${id} <> '' THEN ${raw} ELSE NULL END`;
}

/** The aggregate items `pn` (distinct padded ids) and `px` (the smallest) of a paddedIdSql expression. */
export function paddedItems(b: SqlBuilder, padded: string): string[] {
  return [`${b.d.bigint(`count(DISTINCT ${padded})`)} AS pn`, `min(${padded}) AS px`];
}

/** PaddedIds of an aggregate's row with paddedItems; undefined when none. */
export function paddedOfRow(r: Record<string, unknown>): PaddedIds | undefined {
  const n = Number(r.pn ?? 0);
  return n ? { count: n, example: String(r.px) } : undefined;
}

/**
 * activityPaddedWarning: memory's warning about padded activity ids (customer-index.ts).
 * Without a customers table the activity ids are the customers: then also how many padded
 * ids named the same customer as another id (distinct raw ids less distinct ids, a second
 * scan only when some id was padded).
 */
export async function activityPaddedWarning(
  conn: SqlConnection,
  table: SqlTable,
  column: string,
  padded: PaddedIds | undefined,
  customersTable: boolean,
): Promise<string | undefined> {
  if (!padded) return undefined;
  let merged = 0;
  if (!customersTable) {
    const b = new SqlBuilder(conn.dialect);
    const d = b.d;
    const r = (await conn.query(`SELECT ${d.bigint(`count(DISTINCT ${b.id(column)})`)} AS r, ${d.bigint(`count(DISTINCT ${idSql(b, table, column)})`)} AS i FROM ${table.from} WHERE ${hasIdSql(b, table, column)}`))[0] ?? {};
    merged = Number(r.r ?? 0) - Number(r.i ?? 0);
  }
  return messageText('paddedIds', { count: padded.count, example: padded.example, merged, file: table.name });
}
