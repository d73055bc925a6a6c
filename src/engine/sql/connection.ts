import type { Dialect } from './dialect.js';
import type { ColumnType, SqlTable } from './sql-builder.js';

/** A live database a compiled plan runs on: DuckDB embedded, or a server. */
export interface SqlConnection {
  dialect: Dialect;
  /** Run one SELECT; rows as objects keyed by column name (numbers may come as bigint or text). */
  query(sql: string): Promise<Record<string, unknown>[]>;
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
