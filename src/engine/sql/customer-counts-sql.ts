import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import type { LifetimeReport } from '../../report/lifetime-report.js';
import { timeZone } from '../../time/zone.js';
import type { SqlConnection } from './connection.js';
import { messageText } from '../../errors.js';
import { hasIdSql, idSql, isTextId } from './id-sql.js';
import { timeFilterOf } from './lifetimes-sql.js';
import { countIf, filterSql, SqlBuilder, timeColumn, type SqlSources } from './sql-builder.js';

/**
 * countCustomers: the customers table's part of the memory engine's load report for a
 * churn analysis anchored on signups, in one aggregate query over the customers table
 * (rows, not events): customers read (rows with an id), rows without an id, customers left
 * out by --where, without a signup, signed up at or after as-of, churned before their
 * signup, and churn times after as-of, counted in memory's order (customer-lifetimes.ts,
 * churn-times.ts). Leaves the report as it is for other anchors or without a customers table.
 */
export async function countCustomers(conn: SqlConnection, spec: NormalizedChurnInput, src: SqlSources, asOf: number, report: LifetimeReport): Promise<void> {
  if (spec.anchor !== 'signup' || !spec.customers?.signup) return;
  const churn = spec.churn.kind === 'column' ? spec.churn.column : undefined;
  const n = await customerCounts(conn, { ...spec, churn }, src, asOf, report.files.find((f) => f.role === 'customers')?.rows);
  if (!n) return;
  const ex = report.customers.excluded;
  Object.assign(ex, { missingId: n.missingId, filtered: n.filtered, missingAnchor: n.missingSignup, anchorAfterAsOf: n.afterAsOf, churnBeforeAnchor: n.churnBeforeSignup });
  // Customers read: rows with an id (ids of a server's table are taken as unique, see
  // docs/engines.md; a count(DISTINCT) would cost more than the rest of this query).
  report.customers.read = n.withId;
  report.customers.churnAfterAsOf = n.churnAfterAsOf;
  const w = paddedWarning(n, src);
  if (w) report.warnings.push(w);
}

/** Memory's warning of padded customer ids (customer-index.ts), from the counts. */
export function paddedWarning(n: CustomerCounts, src: SqlSources): string | undefined {
  return n.padded ? messageText('paddedIds', { count: n.padded.count, example: n.padded.example, merged: 0, file: src.customers?.name }) : undefined;
}

/** The counts of a customers table, as customerCounts returns them. */
export interface CustomerCounts {
  withId: number;
  missingId: number;
  filtered: number;
  missingSignup: number;
  afterAsOf: number;
  churnBeforeSignup: number;
  churnAfterAsOf: number;
  /** Rows with an id that the customers' filters keep. */
  kept: number;
  /** Distinct ids that had surrounding spaces or tabs, and the smallest of them. */
  padded?: { count: number; example: string };
}

/**
 * customerCounts: the one aggregate over the customers table behind countCustomers and
 * the matrix report (execute-matrix-sql.ts); anchored on first activity, only the id and
 * filter counts (and padded ids). Undefined without a customers table.
 */
export async function customerCounts(
  conn: SqlConnection,
  spec: Pick<NormalizedChurnInput, 'customers' | 'anchor' | 'filters' | 'tz' | 'dateFormat'> & { churn?: string },
  src: SqlSources,
  asOf: number,
  rows: number | undefined,
): Promise<CustomerCounts | undefined> {
  const C = src.customers;
  const cus = spec.customers;
  if (!C || !cus?.id || !Number.isFinite(asOf)) return undefined;
  // Anchored on first activity: only the rows with an id and those the filters keep.
  const signup = spec.anchor === 'signup' && cus.signup ? cus.signup : undefined;
  const b = new SqlBuilder(conn.dialect);
  const d = b.d;
  const zone = timeZone(spec.tz);
  const has = hasIdSql(b, C, cus.id);
  const filters = spec.filters.filter((f) => f.table === 'customers').map((f) => filterSql(b, f, C, timeFilterOf(b, spec, zone)));
  const kept = [has, ...filters].join(' AND ');
  const count = (cond: string): string => countIf(d, cond);
  const cols = [`${count(has)} AS i`, `${count(kept)} AS k`];
  const s = signup === undefined ? undefined : timeColumn(b, C, signup);
  const anchored = s && `${kept} AND ${s.expr} IS NOT NULL AND ${s.expr} < ${d.timeLiteral(asOf, asOf + zone.offsetAt(asOf), s)}`;
  if (s) cols.push(`${count(`${kept} AND ${s.expr} IS NULL`)} AS ms`, `${count(anchored!)} AS a`);
  if (s && spec.churn !== undefined) {
    const sMs = d.epochMs(s, spec.tz);
    const ch = timeColumn(b, C, spec.churn);
    const chMs = d.epochMs(ch, spec.tz);
    cols.push(`${count(`${anchored} AND ${ch.expr} IS NOT NULL AND ${chMs} < ${sMs}`)} AS cb`);
    cols.push(`${count(`${anchored} AND ${ch.expr} IS NOT NULL AND ${chMs} >= ${sMs} AND ${chMs} > ${b.num(asOf)}`)} AS ca`);
  }
  if (isTextId(C, cus.id)) {
    // Ids that lose surrounding spaces or tabs (memory's padded-id warning): rare, so the
    // distinct count runs over few values.
    const raw = b.id(cus.id);
    const padded = `CASE WHEN ${has} AND ${idSql(b, C, cus.id)} <> ${raw} THEN ${raw} ELSE NULL END`;
    cols.push(`${d.bigint(`count(DISTINCT ${padded})`)} AS pn`, `min(${padded}) AS px`);
  }
  const r = (await conn.query(`SELECT ${cols.join(', ')} FROM ${C.from}`))[0] ?? {};
  const n = (k: string): number => Number(r[k] ?? 0);
  return {
    withId: n('i'),
    missingId: (rows ?? n('i')) - n('i'),
    filtered: n('i') - n('k'),
    kept: n('k'),
    missingSignup: n('ms'),
    afterAsOf: s ? n('k') - n('ms') - n('a') : 0,
    churnBeforeSignup: n('cb'),
    churnAfterAsOf: n('ca'),
    padded: n('pn') ? { count: n('pn'), example: String(r.px) } : undefined,
  };
}
