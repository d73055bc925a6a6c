import type { Dialect } from './dialect.js';
import type { ColumnType, SqlTable } from './sql-builder.js';

/** A live database a compiled plan runs on: DuckDB embedded, or a server. */
export interface SqlConnection {
  dialect: Dialect;
  /** Run one SELECT; rows as objects keyed by column name (numbers may come as bigint or text). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /**
   * Run one SELECT and read its result column by column (large results: DuckDB converts
   * columns far faster than row objects). Optional: rowsToColumns over query() otherwise.
   */
  queryColumns?(sql: string): Promise<Record<string, ArrayLike<unknown>>>;
  /** Describe a table (or file relation) the plan reads: its FROM text and column types. */
  describe(source: string): Promise<SqlTable>;
  close(): Promise<void>;
}

/** Map a database type name to what the SQL needs to know of it. */
export function columnType(dbType: string): ColumnType {
  const t = dbType.toLowerCase().replace(/^nullable\((.*)\)$/, '$1').replace(/^lowcardinality\((.*)\)$/, '$1');
  if (/with time zone|timestamptz|^datetime/.test(t)) return 'instant';
  if (/^(timestamp|date)/.test(t)) return 'local';
  if (/^(u?int|integer|bigint|smallint|tinyint|hugeint|double|float|real|decimal|numeric)/.test(t)) return 'number';
  return 'text';
}

/** A result's columns, from the connection's column reader or its rows. */
export async function queryColumns(conn: SqlConnection, sql: string): Promise<Record<string, ArrayLike<unknown>>> {
  if (conn.queryColumns) return conn.queryColumns(sql);
  const rows = await conn.query(sql);
  const out: Record<string, unknown[]> = {};
  const names = rows.length ? Object.keys(rows[0]) : [];
  for (const n of names) out[n] = rows.map((r) => r[n]);
  return out;
}
