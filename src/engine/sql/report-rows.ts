import type { LifetimeReport } from '../../report/lifetime-report.js';
import type { SqlConnection } from './connection.js';
import type { SqlSources } from './sql-builder.js';
import { hasIdSql, idSql } from './id-sql.js';
import { SqlBuilder } from './sql-builder.js';

/**
 * withTableRows: a SQL run report's table sizes, where the query left them unknown (0):
 * the rows of each table read, and the customers found (distinct ids of the customers
 * table; without one, the customers used), so its summary says what the memory engine's
 * says ("read 2,000 rows of customers", "2,000 of 2,000 customers used").
 */
export async function withTableRows<R extends { report: LifetimeReport }>(
  conn: SqlConnection,
  src: SqlSources,
  id: string | undefined,
  result: R,
): Promise<R> {
  const d = conn.dialect;
  const report = result.report;
  for (const f of report.files) {
    const table = src[f.role];
    if (f.rows !== 0 || !table) continue;
    const distinct = f.role === 'customers' && id !== undefined && report.customers.read === 0;
    const b = new SqlBuilder(d);
    const u = distinct ? `CASE WHEN ${hasIdSql(b, table, id)} THEN ${idSql(b, table, id)} ELSE NULL END` : '';
    const r = await conn.query(`SELECT ${d.bigint('count(*)')} AS n${distinct ? `, ${d.bigint(`count(DISTINCT ${u})`)} AS u` : ''} FROM ${table.from}`);
    f.rows = Number(r[0]?.n ?? 0);
    if (distinct) report.customers.read = Number(r[0]?.u ?? 0);
  }
  if (report.customers.read === 0) report.customers.read = report.customers.used;
  return result;
}
