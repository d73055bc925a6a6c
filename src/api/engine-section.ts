import type { SqlEngineOptions } from '../engine/sql/open-connection.js';
import { redactUrl, type EngineSpec } from '../spec/engine-spec.js';

export type { EngineSpec };

/** The SQL engine options of a spec file's `engine` section (undefined: the memory engine). */
export function engineOptions(e: EngineSpec | undefined): SqlEngineOptions | undefined {
  if (!e || e.name === 'memory') return undefined;
  const duckdb = e.memoryLimit !== undefined || e.tempDirectory !== undefined ? { memoryLimit: e.memoryLimit, tempDirectory: e.tempDirectory } : undefined;
  return { engine: e.name, url: e.url, table: e.table, customersTable: e.customersTable, ...(duckdb ? { duckdb } : {}) };
}

/**
 * engineSection: the `engine` section of a spec file for SQL engine options, as printed
 * (`--print-spec`): the URL without its password (PGPASSWORD / CLICKHOUSE_PASSWORD give it).
 */
export function engineSection(o: SqlEngineOptions): EngineSpec {
  const section: EngineSpec = { name: o.engine };
  if (o.url !== undefined) section.url = redactUrl(o.url);
  if (o.table !== undefined) section.table = o.table;
  if (o.customersTable !== undefined) section.customersTable = o.customersTable;
  if (o.duckdb?.memoryLimit !== undefined) section.memoryLimit = o.duckdb.memoryLimit;
  if (o.duckdb?.tempDirectory !== undefined) section.tempDirectory = o.duckdb.tempDirectory;
  return section;
}
