import { fail } from '../../../errors.js';
import { columnType, type SqlConnection } from '../connection.js';
import { postgres } from '../dialects/postgres.js';
import type { SqlTable } from '../sql-builder.js';

/** pg_class.relkind of relations whose rows have no ctid load order, as messages name them. */
const UNORDERED: Record<string, string> = { v: 'view', m: 'materialized view', p: 'partitioned table', f: 'foreign table' };

/**
 * A PostgreSQL server through `pg` (loaded on first use). Tables are named as given,
 * "schema.table" or "table" (the search path).
 */
export async function postgresConnection(url: string): Promise<SqlConnection> {
  let pg: { Client: typeof import('pg').Client };
  try {
    const m = await import('pg');
    pg = (m.default ?? m) as { Client: typeof import('pg').Client };
  } catch {
    return fail('sqlDriverMissing', { engine: 'postgres', pkg: 'pg' });
  }
  // Big integers and numerics as JS numbers/strings are converted by the caller (Number()).
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    return fail('sqlServerError', { engine: 'postgres', message: String((err as Error).message) });
  }
  const query = async (sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> => {
    try {
      return (await client.query(sql, params)).rows as Record<string, unknown>[];
    } catch (err) {
      return fail('sqlServerError', { engine: 'postgres', message: String((err as Error).message) });
    }
  };
  return {
    dialect: postgres,
    query: (sql) => query(sql),
    async describe(source: string): Promise<SqlTable> {
      const parts = source.split('.');
      const table = parts.pop()!;
      const schema = parts.pop();
      const rows = await query(
        `SELECT column_name, data_type FROM information_schema.columns
         WHERE table_name = $1 AND ($2::text IS NULL AND table_schema = ANY (current_schemas(false)) OR table_schema = $2)
         ORDER BY ordinal_position`,
        [table, schema ?? null],
      );
      if (!rows.length) fail('sqlServerError', { engine: 'postgres', message: `no table ${JSON.stringify(source)}` });
      const types: SqlTable['types'] = {};
      for (const r of rows) types[String(r.column_name)] = columnType(String(r.data_type));
      const from = [schema, table].filter((p): p is string => p !== undefined).map((p) => postgres.ident(p)).join('.');
      // ctid is a load order only within one heap table: no view, no table with partitions or children.
      const [rel] = await query(
        `SELECT c.relkind::text AS kind, EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = c.oid) AS parent
         FROM pg_class c WHERE c.oid = to_regclass($1)`,
        [from],
      );
      const unordered = rel && (UNORDERED[String(rel.kind)] ?? (rel.parent === true ? 'table with inheriting tables' : undefined));
      return unordered ? { from, name: source, types, unordered } : { from, name: source, types };
    },
    async close() {
      await client.end();
    },
  };
}
