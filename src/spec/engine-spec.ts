import { fail } from '../errors.js';

/** The engines a spec runs on; `memory` is kohort's own. */
export type EngineName = 'memory' | 'duckdb' | 'postgres' | 'clickhouse';

export const ENGINE_NAMES: readonly EngineName[] = ['memory', 'duckdb', 'postgres', 'clickhouse'];

/** The engines that run on a server, over tables that are already there. */
export const SERVER_ENGINES: readonly EngineName[] = ['postgres', 'clickhouse'];

/**
 * Where the analyses of a spec run (docs/engines.md). The results are the same on every
 * engine, and every output format works with every engine.
 *
 * @example { "name": "postgres", "url": "postgres://analyst@db:5432/app", "table": "public.events", "customersTable": "public.customers" }
 */
export interface EngineSpec {
  /**
   * "memory": kohort's own kernels over the input files (the default);
   * "duckdb": embedded DuckDB over the input files (CSV, Parquet), out of core: it spills to disk;
   * "postgres", "clickhouse": a server, over `table` and `customersTable` (no input files).
   */
  name: EngineName;
  /**
   * The server (postgres and clickhouse only, required there): postgres://user@host:5432/db,
   * http://host:8123/?database=db&user=u. Leave the password out: PostgreSQL reads it from
   * PGPASSWORD, ClickHouse from CLICKHOUSE_PASSWORD (kohort never prints it).
   */
  url?: string;
  /** The activity table on the server (schema.table allowed); with duckdb, a file read instead of `input.activity`. */
  table?: string;
  /** The customers table on the server; with duckdb, a file read instead of `input.customers`. */
  customersTable?: string;
  /** DuckDB's memory_limit, e.g. "4GB" (duckdb only; default DuckDB's, 80% of RAM): beyond it DuckDB spills to disk. */
  memoryLimit?: string;
  /** The directory DuckDB spills to (duckdb only; default DuckDB's own). */
  tempDirectory?: string;
}

/**
 * checkEngineSpec: the checks the JSON Schema cannot say: a server engine needs `url` and
 * a table; the server keys belong to servers, the DuckDB keys to duckdb. Errors name the
 * spec field (`path` is where the section is, "engine" in a spec file).
 */
export function checkEngineSpec(e: EngineSpec, path = 'engine'): void {
  const server = SERVER_ENGINES.includes(e.name);
  const bad = (key: string, problem: string): never => fail('specInvalid', { path: `${path}.${key}`, problem });
  if (!ENGINE_NAMES.includes(e.name)) bad('name', `must be one of ${ENGINE_NAMES.map((n) => JSON.stringify(n)).join(', ')}`);
  if (server) {
    if (!e.url) bad('url', `missing: ${JSON.stringify(e.name)} needs the server, e.g. ${e.name === 'postgres' ? '"postgres://user@host:5432/db"' : '"http://host:8123/"'}`);
    if (!e.table && !e.customersTable) bad('table', `missing: ${JSON.stringify(e.name)} reads tables on the server: give "table" (activity) and/or "customersTable"`);
  } else if (e.url !== undefined) {
    bad('url', `is for "postgres" and "clickhouse", not ${JSON.stringify(e.name)}`);
  }
  if (e.name !== 'duckdb') {
    for (const k of ['memoryLimit', 'tempDirectory'] as const) if (e[k] !== undefined) bad(k, `is for "duckdb", not ${JSON.stringify(e.name)}`);
  }
  if (e.name === 'memory') {
    for (const k of ['table', 'customersTable'] as const) if (e[k] !== undefined) bad(k, 'is for the SQL engines; the memory engine reads "input"');
  }
}

/**
 * redactUrl: a server URL without its password (userinfo or a `password` parameter), to
 * print or show in a message. Text that is no URL comes back as it is.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (u.password) {
    u.password = '';
    changed = true;
  }
  if (u.searchParams.has('password')) {
    u.searchParams.delete('password');
    changed = true;
  }
  return changed ? u.toString() : url;
}
