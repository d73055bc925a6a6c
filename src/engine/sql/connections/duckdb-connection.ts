import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fail } from '../../../errors.js';
import { fileExtension } from '../../../load/sniff.js';
import { columnType, type SqlConnection } from '../connection.js';
import { duckdb } from '../dialects/duckdb.js';
import { duckdbColumnar } from './duckdb-columnar.js';
import { ZONED_TEXT } from '../read-text-times.js';
import type { SqlTable } from '../sql-builder.js';

/** Options of the embedded DuckDB. */
export interface DuckdbOptions {
  /** Where DuckDB spills when a query outgrows memory (default: its own temp directory). */
  tempDirectory?: string;
  /** DuckDB's memory_limit, e.g. "4GB" (default: DuckDB's, 80% of RAM). */
  memoryLimit?: string;
  /** Worker threads (default: DuckDB's, one per core). */
  threads?: number;
}

/**
 * An embedded DuckDB (@duckdb/node-api, an optional dependency loaded on first use so the
 * memory engine never pays for its native binary) reading CSV and Parquet files in place:
 * out of core, it spills to disk past memory_limit.
 */
export async function duckdbConnection(opts: DuckdbOptions = {}): Promise<SqlConnection> {
  let api: typeof import('@duckdb/node-api');
  try {
    // require, not import(): the package is CommonJS, and import() would first scan each of
    // its ~100 files for their exports (about 0.3 s of a run).
    api = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
  } catch {
    return fail('sqlDriverMissing', { engine: 'duckdb', pkg: '@duckdb/node-api' });
  }
  const db = await api.DuckDBInstance.create(':memory:');
  const con = await db.connect();
  // Session settings: UTC so no local zone leaks into casts; the options as given.
  await con.run("SET TimeZone = 'UTC'");
  if (opts.tempDirectory) await con.run(`SET temp_directory = ${duckdb.string(opts.tempDirectory)}`);
  if (opts.memoryLimit) await con.run(`SET memory_limit = ${duckdb.string(opts.memoryLimit)}`);
  if (opts.threads) await con.run(`SET threads = ${Math.max(1, Math.floor(opts.threads))}`);
  // The CSV relations described here: the plain read_csv(...) and the columns it reads as VARCHAR.
  const csvText = new Map<string, { base: string; text: string[]; numbers?: string[] }>();
  const query = async (sql: string): Promise<Record<string, unknown>[]> => {
    try {
      const reader = await con.runAndReadAll(sql);
      return reader.getRowObjects() as Record<string, unknown>[];
    } catch (err) {
      return fail('sqlServerError', { engine: 'duckdb', message: String((err as Error).message).split('\n')[0] });
    }
  };
  return {
    dialect: duckdb,
    query,
    async queryColumns(sql: string) {
      try {
        return (await con.runAndReadAll(sql)).getColumnsObjectJS() as Record<string, ArrayLike<unknown>>;
      } catch (err) {
        return fail('sqlServerError', { engine: 'duckdb', message: String((err as Error).message).split('\n')[0] });
      }
    },
    async queryColumnar(sql: string) {
      try {
        return duckdbColumnar(await con.run(sql));
      } catch (err) {
        return fail('sqlServerError', { engine: 'duckdb', message: String((err as Error).message).split('\n')[0] });
      }
    },
    async describe(source: string): Promise<SqlTable> {
      const base = duckdbRelation(source);
      let from = base;
      let rows = await query(`DESCRIBE SELECT * FROM ${from}`);
      // CSV text stays text where kohort reads it as text: ids ("00123"), yes/no columns
      // (DuckDB's sniffer would make them integers and booleans). Numbers in text still
      // compare and sum as numbers (the SQL casts them).
      // Day-month dates (05/01/2024) the sniffer read in an order of its own guess: text, so
      // the order is decided as kohort decides it (--date-format, else the values: read-times-sql.ts).
      const csv = from.startsWith('read_csv(');
      const dayMonth = csv ? await sniffedDayMonth(query, source) : [];
      // Times with an offset mixed with times without one: the sniffer types the column
      // TIMESTAMPTZ and reads the naive ones as UTC, where memory reads them in --tz. As text,
      // read-text-times.ts refuses the mix clearly, as PostgreSQL and ClickHouse do.
      const mixedZones = csv ? await mixedZoneColumns(query, from, rows) : [];
      const asText = rows
        .filter((r) => String(r.column_type) === 'BOOLEAN' || INT_TYPE.test(String(r.column_type)) || dayMonth.includes(String(r.column_type)))
        .map((r) => String(r.column_name))
        .concat(mixedZones);
      const numberText = rows.filter((r) => INT_TYPE.test(String(r.column_type))).map((r) => String(r.column_name));
      if (csv && asText.length) {
        from = withTextColumns(base, asText);
        rows = await query(`DESCRIBE SELECT * FROM ${from}`);
      }
      if (csv) csvText.set(from, { base, text: asText });
      const types: SqlTable['types'] = {};
      for (const r of rows) types[String(r.column_name)] = columnType(String(r.column_type));
      return { from, name: source, types, ...(csv && numberText.length ? { numberText } : {}) };
    },
    asText(table: SqlTable, columns: string[]): SqlTable | undefined {
      const rel = csvText.get(table.from);
      if (!rel) return undefined;
      const text = [...new Set([...rel.text, ...columns])];
      const numbers = rel.numbers?.filter((c) => !columns.includes(c));
      const from = withTextColumns(rel.base, text, numbers);
      csvText.set(from, { base: rel.base, text, numbers });
      const types = { ...table.types };
      for (const c of columns) if (c in types) types[c] = 'text';
      return { ...table, from, types };
    },
    asNumbers(table: SqlTable, columns: string[]): SqlTable | undefined {
      const rel = csvText.get(table.from);
      if (!rel) return undefined;
      const text = rel.text.filter((c) => !columns.includes(c));
      const numbers = [...new Set([...(rel.numbers ?? []), ...columns])];
      const from = withTextColumns(rel.base, text, numbers);
      csvText.set(from, { base: rel.base, text, numbers });
      const types = { ...table.types };
      for (const c of columns) if (c in types) types[c] = 'number';
      return { ...table, from, types };
    },
    async close() {
      con.closeSync();
      db.closeSync();
    },
  };
}

/** DuckDB's integer types: a CSV column the sniffer typed so is read as text (ids like "00123"). */
const INT_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/;

/** The column types (DATE, TIMESTAMP) DuckDB's CSV sniffer read with a day-month order it guessed. */
async function sniffedDayMonth(query: (sql: string) => Promise<Record<string, unknown>[]>, source: string): Promise<string[]> {
  const r = (await query(`SELECT DateFormat AS d, TimestampFormat AS t FROM sniff_csv(${duckdb.string(source)})`))[0] ?? {};
  const guessed = (f: unknown): boolean => typeof f === 'string' && /^%[dm][-/]%[dm]/.test(f);
  return [...(guessed(r.d) ? ['DATE'] : []), ...(guessed(r.t) ? ['TIMESTAMP'] : [])];
}

/**
 * The CSV columns the sniffer typed TIMESTAMP WITH TIME ZONE that also hold times without an
 * offset (read again as text; only these columns, so clean TIMESTAMP columns cost nothing).
 */
async function mixedZoneColumns(query: (sql: string) => Promise<Record<string, unknown>[]>, from: string, rows: Record<string, unknown>[]): Promise<string[]> {
  const zoned = rows.filter((r) => String(r.column_type) === 'TIMESTAMP WITH TIME ZONE').map((r) => String(r.column_name));
  if (!zoned.length) return [];
  const naive = (c: string): string => {
    const v = `lower(trim(${duckdb.ident(c)}))`;
    return `bool_or(${v} <> '' AND NOT regexp_matches(${v}, ${duckdb.string(ZONED_TEXT)})) AS ${duckdb.ident(c)}`;
  };
  const r = (await query(`SELECT ${zoned.map(naive).join(', ')} FROM ${withTextColumns(from, zoned)}`))[0] ?? {};
  return zoned.filter((c) => r[c] === true);
}

/** A read_csv(...) relation with these columns read as VARCHAR. */
function withTextColumns(from: string, columns: string[], numbers: string[] = []): string {
  const types = [...columns.map((c) => `${duckdb.string(c)}: 'VARCHAR'`), ...numbers.map((c) => `${duckdb.string(c)}: 'DOUBLE'`)];
  return types.length ? `${from.slice(0, -1)}, types = {${types.join(', ')}})` : from;
}

/** A file as a DuckDB relation (the path escaped), or a table name quoted. */
export function duckdbRelation(source: string): string {
  if (!existsSync(source)) return source.split('.').map((p) => duckdb.ident(p)).join('.');
  const ext = fileExtension(source);
  const path = duckdb.string(source);
  if (ext === 'parquet') return `read_parquet(${path})`;
  if (ext === 'ndjson' || ext === 'jsonl' || ext === 'json' || ext === 'arrow' || ext === 'feather' || ext === 'ipc') {
    return fail('sqlNeedsFiles', { format: ext });
  }
  return `read_csv(${path}, header = true)`;
}
