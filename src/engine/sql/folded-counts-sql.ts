import type { NormalizedMatrixSpec } from '../../spec/normalize.js';
import type { ActivityCounts } from './activity-counts-sql.js';
import type { MatrixRow } from './assemble-matrix.js';
import type { SqlConnection } from './connection.js';
import { hasIdSql, idSql } from './id-sql.js';
import { paddedIdSql, paddedItems, paddedOfRow } from './padded-ids-sql.js';
import type { TimeColumn } from './dialect.js';
import { filterSql, SqlBuilder, timeColumn, type SqlSources, type SqlTable } from './sql-builder.js';

/**
 * The activity counts folded into a bit-set matrix query (matrix-sql.ts), instead of
 * activityCounts' own pass over the events: the query's per-customer aggregate reads every
 * row with an id and counts, per id, its rows, those with a time, those its filters keep and
 * those that count (kept, before as-of); one join of those per-id totals to the customers'
 * ids then gives memory's reasons (activity-counts-sql.ts), as the query's 'a' rows.
 */
export interface FoldOptions {
  /** A customers-table churn column: count the customers with a kept row, and those churned after a given as-of. */
  churn?: string;
}

/** What compileMatrix needs of a fold: the row flags of `ev` and the conditions behind them. */
export interface Fold {
  /** The columns `ev` adds (q: the row counts in the matrix; tv: it has a time; fv: and its filters keep it; pd: padded id). */
  evCols: string[];
  /** Whether activity filters apply (else fv is tv, not kept twice). */
  filters: boolean;
  /** An expression taken only over the rows that count (NULL on the others, which aggregates skip). */
  kept(expr: string): string;
}

/** Fold: the flags of each row with an id, from the matrix's own conditions on the row (time, as-of, activity filters). */
export function fold(b: SqlBuilder, table: SqlTable, id: string, idExpr: string, t: TimeColumn, before: string, filters: string[]): Fold {
  const flag = (cond: string): string => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
  const timed = `${t.expr} IS NOT NULL`;
  const kept = [timed, ...filters].join(' AND ');
  const evCols = [`${flag(timed)} AS tv`, ...(filters.length ? [`${flag(kept)} AS fv`] : []), `${flag(`${kept} AND ${before}`)} AS q`];
  const pad = paddedIdSql(table, id, idExpr, b.id(id));
  evCols.push(pad ? `${flag(`${pad} IS NOT NULL`)} AS pd` : '0 AS pd');
  return { evCols, filters: filters.length > 0, kept: (expr) => `CASE WHEN q = 1 THEN ${expr} ELSE NULL END` };
}

/** The per-id totals the fold's aggregate adds beside the matrix's (n0 rows, n1 with a time, n2 kept by filters, pd padded). */
export function foldTotals(b: SqlBuilder, f: Fold): string[] {
  const d = b.d;
  return [`${d.bigint('count(*)')} AS n0`, `${d.bigint('sum(tv)')} AS n1`, ...(f.filters ? [`${d.bigint('sum(fv)')} AS n2`] : []), 'max(pd) AS pd'];
}

/**
 * foldedParts: the 'a' rows of the matrix query, from `ca` (the per-id aggregate with
 * foldTotals and nr, the rows that count): k = 0: n rows with an id, lo with a known id, hi
 * and a time, rev kept by the filters (customers' too), gross and before as-of; k = 1: n ids
 * with padding, lo customers with a kept row, hi of those churned after a given as-of.
 * The customers table's ids are unique here (read as their first rows, first-rows-sql.ts).
 */
export function foldedParts(
  b: SqlBuilder,
  spec: Pick<NormalizedMatrixSpec, 'customers' | 'filters' | 'tz' | 'asOf'>,
  src: SqlSources,
  idText: boolean,
  keys: { kt: string; ka: string[] },
  timeFilter: (value: string, t: TimeColumn) => string,
  opts: FoldOptions & { filters: boolean },
): string[] {
  const d = b.d;
  const C = spec.customers?.id ? src.customers : undefined;
  let from = b.from('ca');
  let known = '1 = 1';
  let kept = known;
  let after = '0';
  if (C && spec.customers) {
    const cusFilters = spec.filters.filter((f) => f.table === 'customers').map((f) => filterSql(b, f, C, timeFilter));
    const cols = [`${idSql(b, C, spec.customers.id, idText)} AS cid`, '1 AS kk', `${cusFilters.length ? `CASE WHEN ${cusFilters.join(' AND ')} THEN 1 ELSE 0 END` : '1'} AS f0`];
    if (opts.churn !== undefined && spec.asOf !== undefined) {
      const ch = timeColumn(b, C, opts.churn);
      cols.push(`CASE WHEN ${ch.expr} IS NOT NULL AND ${d.epochMs(ch, spec.tz)} > ${b.num(spec.asOf)} THEN 1 ELSE 0 END AS c0`);
      after = 'c0 = 1';
    }
    b.def('ck', `SELECT ${cols.join(', ')}\nFROM ${C.from}\nWHERE ${hasIdSql(b, C, spec.customers.id)}`);
    from = `${b.from('ca')} ${d.leftJoin} ${b.from('ck')} USING (cid)`;
    known = 'kk = 1';
    kept = cusFilters.length ? 'kk = 1 AND f0 = 1' : known;
  }
  // Rows kept by the activity filters (n1 without any); with no given as-of every kept row is
  // before it (as activityCounts has it).
  const n2 = opts.filters ? 'n2' : 'n1';
  const counted = spec.asOf === undefined ? n2 : 'nr';
  const sum = (cond: string, v: string): string => d.bigint(`sum(CASE WHEN ${cond} THEN ${v} ELSE 0 END)`);
  const one = (cond: string): string => sum(cond, '1');
  b.def(
    'ac',
    `SELECT ${d.bigint('sum(n0)')} AS ni, ${sum(known, 'n0')} AS nk, ${sum(known, 'n1')} AS nt, ${sum(kept, n2)} AS np, ${sum(kept, counted)} AS nb, ` +
      `${d.bigint('sum(pd)')} AS pd, ${one(`${kept} AND ${counted} > 0`)} AS na, ${one(`${kept} AND ${counted} > 0 AND ${after}`)} AS nc\nFROM ${from}`,
  );
  const head = (k: number): string => `SELECT 'a' AS kind, ${d.bigint('0')} AS ${keys.kt}, ${keys.ka.map((a) => `${d.text('NULL')} AS ${a}`).join(', ')}${keys.ka.length ? ', ' : ''}${d.bigint(String(k))} AS k`;
  return [
    `${head(0)}, ni AS n, nk AS lo, nt AS hi, ${d.double('np')} AS rev, ${d.double('nb')} AS gross\nFROM ${b.from('ac')}`,
    `${head(1)}, pd AS n, na AS lo, nc AS hi, ${d.double('0')} AS rev, ${d.double('0')} AS gross\nFROM ${b.from('ac')}`,
  ];
}

/**
 * foldedCounts: ActivityCounts from a folded matrix query's 'a' rows and the activity
 * table's row count and time range; the padded ids' count and smallest come from one more
 * query, only when some id was padded.
 */
export async function foldedCounts(
  conn: SqlConnection,
  rows: readonly MatrixRow[],
  table: { src: SqlTable; id: string; idText: boolean },
  read: { rows: number; latest?: number; first?: number; churn: boolean },
): Promise<ActivityCounts> {
  const a = rows.find((r) => r.kind === 'a' && r.k === 0);
  const p = rows.find((r) => r.kind === 'a' && r.k === 1);
  const [ni, nk, nt, np, nb] = [a?.n ?? 0, a?.lo ?? 0, a?.hi ?? 0, a?.rev ?? 0, a?.gross ?? 0];
  let padded: ActivityCounts['padded'];
  if (p && p.n > 0) {
    const b = new SqlBuilder(conn.dialect);
    const pad = paddedIdSql(table.src, table.id, idSql(b, table.src, table.id, table.idText), b.id(table.id))!;
    const r = (await conn.query(`SELECT ${paddedItems(b, pad).join(', ')} FROM ${table.src.from}`))[0];
    padded = r ? paddedOfRow(r) : undefined;
  }
  return {
    rows: read.rows,
    excluded: { missingId: read.rows - ni, unknownCustomer: ni - nk, missingTime: nk - nt, filtered: nt - np, afterAsOf: np - nb },
    kept: nb,
    active: read.churn ? { customers: p?.lo ?? 0, churnAfter: p?.hi ?? 0 } : undefined,
    latest: read.latest,
    first: read.first,
    padded,
  };
}
