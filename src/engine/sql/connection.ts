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
  /**
   * Run one SELECT and keep its result for typed reading (large results of numbers:
   * DuckDB's vectors are copied, never converted value by value). Optional: columnarOf
   * over queryColumns() otherwise.
   */
  queryColumnar?(sql: string): Promise<ColumnarResult>;
  /** Describe a table (or file relation) the plan reads: its FROM text and column types. */
  describe(source: string): Promise<SqlTable>;
  /**
   * The described table with these columns read as the file's text (DuckDB over a CSV:
   * VARCHAR, whatever its sniffer guessed), or undefined where the database types the
   * values itself (a server table, Parquet). Absent: no table is read from a file's text.
   */
  asText?(table: SqlTable, columns: string[]): SqlTable | undefined;
  /** Likewise, these columns of the file's text read as DOUBLE, space around a number allowed (DuckDB: types). */
  asNumbers?(table: SqlTable, columns: string[]): SqlTable | undefined;
  close(): Promise<void>;
}

/** Map a database type name to what the SQL needs to know of it. */
export function columnType(dbType: string): ColumnType {
  const t = dbType.toLowerCase().replace(/^nullable\((.*)\)$/, '$1').replace(/^lowcardinality\((.*)\)$/, '$1');
  if (/with time zone|timestamptz|^datetime/.test(t)) return 'instant';
  if (/^(timestamp|date)/.test(t)) return 'local';
  if (/^(u?int|u?integer|u?bigint|u?smallint|u?tinyint|u?hugeint|double|float|real|decimal|numeric)/.test(t)) return 'number';
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

/** A result read column by column: numbers as doubles, texts decoded only where asked. */
export interface ColumnarResult {
  rows: number;
  /** The column names, in order. */
  names: string[];
  /** A column's values as doubles (NULL or text that is no number = NaN). */
  numbers(name: string): Float64Array;
  /** The texts of rows [0, end) of a column (NULL = null): labels that come first. */
  texts(name: string, end?: number): (string | null)[];
}

/** A ColumnarResult over columns already read (the fallback of queryColumnar). */
export function columnarOf(cols: Record<string, ArrayLike<unknown>>): ColumnarResult {
  const rows = Object.values(cols)[0]?.length ?? 0;
  const column = (name: string): ArrayLike<unknown> => {
    const c = cols[name];
    if (c) return c;
    // No rows: some drivers give no column names either.
    if (rows === 0) return [];
    throw new Error(`no column ${name} in the result`);
  };
  return {
    rows,
    names: Object.keys(cols),
    numbers(name) {
      const c = column(name);
      const out = new Float64Array(c.length);
      for (let i = 0; i < c.length; i++) {
        const v = c[i];
        out[i] = v === null || v === undefined || v === '' ? NaN : Number(v);
      }
      return out;
    },
    texts(name, end = rows) {
      const c = column(name);
      return Array.from({ length: Math.min(end, c.length) }, (_, i) => (c[i] === null || c[i] === undefined ? null : String(c[i])));
    },
  };
}

/** A result for typed reading, from the connection's reader or its columns. */
export async function queryColumnar(conn: SqlConnection, sql: string): Promise<ColumnarResult> {
  if (conn.queryColumnar) return conn.queryColumnar(sql);
  return columnarOf(await queryColumns(conn, sql));
}
