import { fail } from '../../../errors.js';
import { columnType, type SqlConnection } from '../connection.js';
import { clickhouse } from '../dialects/clickhouse.js';
import type { SqlTable } from '../sql-builder.js';

/**
 * A ClickHouse server over its HTTP interface (plain fetch: the official client sends
 * settings that ClickHouse 18.16 rejects). Results come as FORMAT JSON.
 * `url`: http://host:8123[/?database=db&user=u&password=p].
 */
export async function clickhouseConnection(url: string): Promise<SqlConnection> {
  const endpoint = clickhouseEndpoint(url);
  const post = async (sql: string): Promise<string> => {
    let res: Response;
    try {
      res = await fetch(endpoint, { method: 'POST', body: sql });
    } catch (err) {
      return fail('sqlServerError', { engine: 'clickhouse', message: `${endpoint.origin}: ${String((err as Error).message)}` });
    }
    const text = await res.text();
    if (!res.ok) fail('sqlServerError', { engine: 'clickhouse', message: text.trim().split('\n')[0] });
    return text;
  };
  const query = async (sql: string): Promise<Record<string, unknown>[]> => {
    const text = await post(`${sql}\nFORMAT JSON`);
    return (JSON.parse(text) as { data: Record<string, unknown>[] }).data;
  };
  return {
    dialect: clickhouse,
    query,
    async describe(source: string): Promise<SqlTable> {
      const parts = source.split('.');
      const table = parts.pop()!;
      const db = parts.pop();
      const rows = await query(
        `SELECT name, type FROM system.columns WHERE table = ${clickhouse.string(table)} AND database = ${db === undefined ? 'currentDatabase()' : clickhouse.string(db)}`,
      );
      if (!rows.length) fail('sqlServerError', { engine: 'clickhouse', message: `no table ${JSON.stringify(source)}` });
      const types: SqlTable['types'] = {};
      for (const r of rows) types[String(r.name)] = columnType(String(r.type));
      const from = [db, table].filter((p): p is string => p !== undefined).map((p) => clickhouse.ident(p)).join('.');
      return { from, name: source, types };
    },
    async close() {},
  };
}

/**
 * The HTTP endpoint of a ClickHouse URL: user and password of http://user:pass@host/ move
 * to the `user` / `password` parameters (fetch refuses credentials in a URL); without a
 * password there, CLICKHOUSE_USER / CLICKHOUSE_PASSWORD from the environment (so a
 * printed spec or command line need not carry it).
 */
export function clickhouseEndpoint(url: string, env: NodeJS.ProcessEnv = process.env): URL {
  let endpoint: URL | undefined;
  try {
    endpoint = new URL(url);
  } catch {
    endpoint = undefined;
  }
  // Not echoed: a URL may hold a password.
  if (endpoint?.protocol !== 'http:' && endpoint?.protocol !== 'https:') {
    return fail('sqlServerError', { engine: 'clickhouse', message: 'the server URL is not an HTTP URL such as http://host:8123/' });
  }
  const p = endpoint.searchParams;
  if (endpoint.username) p.set('user', decodeURIComponent(endpoint.username));
  if (endpoint.password) p.set('password', decodeURIComponent(endpoint.password));
  endpoint.username = '';
  endpoint.password = '';
  if (!p.has('user') && env.CLICKHOUSE_USER) p.set('user', env.CLICKHOUSE_USER);
  if (!p.has('password') && env.CLICKHOUSE_PASSWORD) p.set('password', env.CLICKHOUSE_PASSWORD);
  return endpoint;
}

/** Run a statement that returns nothing (DDL, INSERT ... FORMAT with its data). */
export async function clickhouseExec(url: string, sql: string, body?: string): Promise<void> {
  const endpoint = new URL(url);
  if (body !== undefined) endpoint.searchParams.set('query', sql);
  const res = await fetch(endpoint, { method: 'POST', body: body ?? sql });
  if (!res.ok) fail('sqlServerError', { engine: 'clickhouse', message: (await res.text()).trim().split('\n')[0] });
}
