import { fail } from '../../errors.js';
import type { SqlConnection } from './connection.js';
import { clickhouseConnection } from './connections/clickhouse-connection.js';
import { duckdbConnection, type DuckdbOptions } from './connections/duckdb-connection.js';
import { postgresConnection } from './connections/postgres-connection.js';

import { ENGINE_NAMES, type EngineName } from '../../spec/engine-spec.js';

export { ENGINE_NAMES, type EngineName };

/** Where a SQL engine runs and what it reads. */
export interface SqlEngineOptions {
  engine: Exclude<EngineName, 'memory'>;
  /** Server url (postgres://..., http://host:8123/); not for duckdb. */
  url?: string;
  /** The activity table on the server (duckdb: the activity file, else this). */
  table?: string;
  /** The customers table on the server. */
  customersTable?: string;
  /** Embedded DuckDB settings (spill directory, memory limit, threads). */
  duckdb?: DuckdbOptions;
}

/** Open the connection an engine option names. */
export async function openConnection(o: SqlEngineOptions): Promise<SqlConnection> {
  if (o.engine === 'duckdb') return duckdbConnection(o.duckdb);
  if (!o.url) return fail('sqlEngineNeedsUrl', { engine: o.engine });
  return o.engine === 'postgres' ? postgresConnection(o.url) : clickhouseConnection(o.url);
}
