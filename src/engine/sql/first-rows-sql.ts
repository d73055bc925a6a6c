import { fail } from '../../errors.js';
import type { SqlConnection } from './connection.js';
import { hasIdSql, idSql } from './id-sql.js';
import { SqlBuilder, type SqlSources, type SqlTable } from './sql-builder.js';

/** A table of a run as its ids' first rows, and how many rows repeated an earlier id. */
export interface FirstRows {
  table: SqlTable;
  duplicates: number;
}

/** Engine names in messages. */
const ENGINE_LABEL: Record<string, string> = { clickhouse: 'ClickHouse', postgres: 'PostgreSQL' };

/**
 * firstRows: a table whose id column repeats ids, as the memory engine reads it
 * (customer-numbers.ts): each id's first row in load order is kept, rows without an id
 * stay (they are counted as such), the other rows are duplicates. One aggregate finds
 * the repeats; only then is the table read through a window that drops them (`from`
 * becomes that relation, every query of the run reads it). Ids follow id-sql.ts (trimmed,
 * blank = none). A dialect without a load order refuses repeats (never a silent pick).
 */
export async function firstRows(conn: SqlConnection, table: SqlTable, id: string): Promise<FirstRows> {
  const d = conn.dialect;
  const b = new SqlBuilder(d);
  const has = hasIdSql(b, table, id);
  const key = idSql(b, table, id);
  const c = `CASE WHEN ${has} THEN ${key} ELSE NULL END`;
  const r = (await conn.query(`SELECT ${d.bigint(`count(${c})`)} AS i, ${d.bigint(`count(DISTINCT ${c})`)} AS u FROM ${table.from}`))[0] ?? {};
  const duplicates = Number(r.i ?? 0) - Number(r.u ?? 0);
  if (duplicates === 0) return { table, duplicates };
  if (!d.loadOrder || table.unordered) {
    const engine = ENGINE_LABEL[d.name] ?? d.name;
    return fail('sqlDuplicateIds', { column: id, count: duplicates, engine, relation: table.unordered ?? 'table' }, { file: table.name, column: id });
  }
  const cols = Object.keys(table.types).map((n) => b.id(n)).join(', ');
  // NOT of a NULL test is NULL: rows without an id are kept through the CASE.
  const ranked = `SELECT ${cols}, CASE WHEN ${has} THEN 0 ELSE 1 END AS kohort_noid, row_number() OVER (PARTITION BY ${c} ORDER BY kohort_row) AS kohort_n FROM ${d.loadOrder(table.from)}`;
  const from = `(SELECT ${cols} FROM (${ranked}) AS kohort_ranked WHERE kohort_n = 1 OR kohort_noid = 1) AS kohort_first`;
  return { table: { ...table, from, whole: table.whole ?? table.from }, duplicates };
}

/** The sources of a run with the customers table as its ids' first rows (firstRows). */
export async function firstCustomerRows(conn: SqlConnection, src: SqlSources, id: string | undefined): Promise<{ src: SqlSources; duplicates: number }> {
  if (!src.customers || id === undefined) return { src, duplicates: 0 };
  const f = await firstRows(conn, src.customers, id);
  return { src: f.duplicates ? { ...src, customers: f.table } : src, duplicates: f.duplicates };
}

/** A report's customers-table counts: the rows read and the repeats left out. */
export interface CustomersCounts {
  files: { role: 'activity' | 'customers'; rows: number }[];
  customers: { excluded: { duplicateId: number } };
}

/**
 * countDuplicates: a report computed over the first rows (firstCustomerRows) as memory's:
 * the customers table read whole, its repeated ids counted. Returns the result.
 */
export function countDuplicates<R>(result: R, report: CustomersCounts | undefined, duplicates: number): R {
  if (!report || !duplicates) return result;
  report.customers.excluded.duplicateId = duplicates;
  const f = report.files.find((x) => x.role === 'customers');
  if (f) f.rows += duplicates;
  return result;
}
