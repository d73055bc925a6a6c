import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { clickhouseConnection } from '../../../src/engine/sql/connections/clickhouse-connection.js';
import { postgresConnection } from '../../../src/engine/sql/connections/postgres-connection.js';
import { loadClickhouse, loadPostgres, type TestTable } from './load-tables.js';
import { CLICKHOUSE_BIN, postgresBin, startClickhouseCluster, startPostgres, type ClickhouseCluster, type PostgresServer } from './servers.js';

export const HAS_PG = postgresBin() !== undefined;
export const HAS_CH = CLICKHOUSE_BIN !== undefined;

/** The servers a cross-engine test started, and their connections (pushed to `engines`). */
export interface TestServers {
  pg?: PostgresServer;
  ch?: ClickhouseCluster;
  /** Close the connections and stop the servers. */
  stop(): Promise<void>;
}

/**
 * Start a PostgreSQL server and a ClickHouse cluster of two shards (where their binaries
 * are installed), load every table into each (ClickHouse: split by its id column, a
 * Distributed table over the shards) and add their connections to `engines`.
 */
export async function startTestServers(
  tables: Record<string, TestTable>,
  ids: Record<string, string>,
  engines: { name: string; conn: SqlConnection }[],
): Promise<TestServers> {
  const s: TestServers = {
    async stop() {
      for (const e of engines) await e.conn.close().catch(() => undefined);
      await Promise.all([s.pg?.stop(), s.ch?.stop()]);
    },
  };
  // A server that started is stopped again when another part fails (no orphan processes).
  await Promise.all([
    HAS_PG &&
      (async () => {
        s.pg = await startPostgres();
        const conn = await postgresConnection(s.pg.url);
        for (const t of Object.values(tables)) await loadPostgres(conn, t);
        engines.push({ name: 'postgres', conn });
      })(),
    HAS_CH &&
      (async () => {
        s.ch = await startClickhouseCluster(2);
        for (const t of Object.values(tables)) await loadClickhouse(s.ch.urls, s.ch.cluster, t, ids[t.name]);
        engines.push({ name: 'clickhouse', conn: await clickhouseConnection(s.ch.urls[0]) });
      })(),
  ]).catch(async (e) => {
    await s.stop().catch(() => undefined);
    throw e;
  });
  return s;
}
