import { fail } from '../../errors.js';
import type { MatrixPlan } from '../../plan/matrix-plan.js';
import { emptyReport, type Exclusions, type LoadReport } from '../../report/load-report.js';
import type { MatrixResult } from '../../result/matrix-result.js';
import { timeZone } from '../../time/zone.js';
import { endOfLatestDay } from '../../time/end-of-latest-day.js';
import { assembleMatrix, matrixRow } from './assemble-matrix.js';
import type { SqlConnection } from './connection.js';
import { compileMatrix, type MatrixSqlOptions } from './matrix-sql.js';
import { countIf, SqlBuilder, type SqlSources, type SqlTable, timeColumn } from './sql-builder.js';
import { hasIdSql, idSql } from './id-sql.js';
import { readSpecTimes } from './read-times-sql.js';
import { neverLatest, refuseNeverTime } from './never-time-sql.js';
import { readNumberColumns } from './text-number-sql.js';
import { customerCounts, paddedWarning } from './customer-counts-sql.js';
import { activityPaddedWarning, paddedIdSql, paddedItems, paddedOfRow, type PaddedIds } from './padded-ids-sql.js';
import { activityCounts, type ActivityCounts } from './activity-counts-sql.js';
import { activeBits, mayUseBits } from './active-bits.js';
import { activityAttributes } from './first-activity-values.js';
import { foldedCounts, type FoldOptions } from './folded-counts-sql.js';
import { matrixChurnReport } from './matrix-churn-report.js';
import { parseMaxRejects } from '../../report/rejects.js';
import { asOfWarning, noCompleteCellWarning } from '../../result/as-of-warning.js';

/** Where the tables of a plan are, for a SQL engine: a file (DuckDB) or a table name. */
export interface SqlInput {
  activity?: string;
  customers?: string;
}

/** describe each table a plan reads, and check the plan's columns are there. */
export async function describeSources(conn: SqlConnection, input: SqlInput): Promise<SqlSources> {
  // One after the other: a connection runs one query at a time (two at once on DuckDB, the
  // caller closing it when one failed, crashed the process: SIGSEGV).
  const activity = input.activity ? await conn.describe(input.activity) : undefined;
  const customers = input.customers ? await conn.describe(input.customers) : undefined;
  return { activity, customers };
}

/** The column names of the described tables, the InputSchema normalize() needs. */
export function sqlSchema(src: SqlSources): { activity?: { file: string; columns: string[] }; customers?: { file: string; columns: string[] } } {
  const one = (t: SqlTable | undefined) => (t ? { file: t.name, columns: Object.keys(t.types) } : undefined);
  return { activity: one(src.activity), customers: one(src.customers) };
}

/**
 * The as-of instant: the spec's, or the end of the local day of the latest activity time
 * (and signup / churn time where the plan reads them), as the memory engine takes it;
 * with the activity row count for the report, and from the same scan the activity rows
 * the memory engine leaves out, by reason: with a customers table or filters, activityCounts
 * (`counts`, joined to the customers' ids); else the rows without an id, without a time
 * and at or after a given as-of (`excluded`).
 */
export async function resolveAsOf(
  conn: SqlConnection,
  plan: MatrixPlan,
  src: SqlSources,
): Promise<{ asOf: number; rows: number; first?: number; latest?: number; excluded: Partial<Exclusions>; counts?: ActivityCounts; padded?: PaddedIds; fold?: FoldOptions }> {
  const spec = plan.spec;
  await readSpecTimes(conn, spec, src);
  const b = new SqlBuilder(conn.dialect);
  const zone = timeZone(spec.tz);
  const latest: number[] = [];
  let rows = 0;
  let first: number | undefined;
  let latestActivity: number | undefined;
  const excluded: Partial<Exclusions> = {};
  let padded: PaddedIds | undefined;
  // With customers or filters, one aggregate over activity joined to the customers' ids
  // counts every reason, with the rows and the time range (one scan, not two).
  const alone = !src.customers && spec.filters.length === 0;
  const churn = spec.mode === 'survival' && spec.anchor !== 'signup' ? spec.customers?.churn : undefined;
  // A bit-set matrix query counts the activity rows itself (folded-counts-sql.ts): here only
  // the row count and time range (Parquet statistics), unless the range rules bit sets out.
  const foldable = !alone && mayUseBits(conn.dialect, plan, activityAttributes(spec.cohort.attributes).length > 0);
  let counts = alone || foldable ? undefined : await activityCounts(conn, spec, src, spec.asOf, { churn, first: !!conn.dialect.bits });
  if (counts) {
    rows = counts.rows;
    first = counts.first;
    latestActivity = counts.latest;
    if (latestActivity !== undefined) latest.push(latestActivity);
  } else if (spec.activity && src.activity) {
    const t = timeColumn(b, src.activity, spec.activity.time);
    const ms = (agg: string): string => conn.dialect.epochMs({ expr: `${agg}(${t.expr})`, type: t.type }, spec.tz);
    const count = (cond: string): string => countIf(b.d, cond);
    const hasId = hasIdSql(b, src.activity, spec.activity.id);
    const after = spec.asOf !== undefined ? `, ${count(`${hasId} AND ${t.expr} IS NOT NULL AND ${conn.dialect.epochMs(t, spec.tz)} >= ${spec.asOf}`)} AS aa` : '';
    // NOT (NULL) is NULL: a NULL id counts through the CASE's ELSE.
    const more = foldable ? '' : `, ${b.d.bigint(`sum(CASE WHEN ${hasId} THEN 0 ELSE 1 END)`)} AS mi, ${count(`${hasId} AND ${t.expr} IS NULL`)} AS mt${after}`;
    // The earliest time too where the dialect has bit sets (compileMatrix's firstActivity).
    const pad = foldable ? undefined : paddedIdSql(src.activity, spec.activity.id, idSql(b, src.activity, spec.activity.id), b.id(spec.activity.id));
    const pads = pad ? `, ${paddedItems(b, pad).join(', ')}` : '';
    const r = await conn.query(`SELECT ${b.d.bigint('count(*)')} AS n, ${ms('max')} AS m${conn.dialect.bits ? `, ${ms('min')} AS f` : ''}${more}${pads} FROM ${src.activity.from}`);
    padded = r[0] ? paddedOfRow(r[0]) : undefined;
    rows = Number(r[0]?.n ?? 0);
    if (r[0]?.m !== null && r[0]?.m !== undefined) latest.push((latestActivity = Number(r[0].m)));
    if (r[0]?.f !== null && r[0]?.f !== undefined) first = Number(r[0].f);
    excluded.missingId = Number(r[0]?.mi ?? 0);
    excluded.missingTime = Number(r[0]?.mt ?? 0);
    // Without a given as-of, an activity-only run's as-of ends the latest activity's day: no row after it.
    excluded.afterAsOf = Number(r[0]?.aa ?? 0);
  }
  padded = counts ? counts.padded : padded;
  const done = async (asOf: number) => {
    if (!foldable) return { asOf, rows, first, latest: latestActivity, excluded, counts, padded };
    if (activeBits(conn.dialect, plan, { asOf, zone, firstActivity: first }, false)) return { asOf, rows, first, latest: latestActivity, excluded, fold: { churn } };
    counts = await activityCounts(conn, spec, src, spec.asOf, { churn, first: true });
    return { asOf, rows, first, latest: latestActivity, excluded, counts, padded: counts?.padded };
  };
  // A given as-of: a year-9999 signup or activity time is after it, left out and counted as
  // later ones are. The latest activity is then the one memory reads (also where the dialect
  // holds it as its last day).
  if (spec.asOf !== undefined) {
    latestActivity = neverLatest(conn.dialect, src.activity, spec.activity?.time, spec.tz, latestActivity);
    return done(spec.asOf);
  }
  // Else a year-9999 signup or activity time is refused before an as-of is made of it.
  await refuseNeverTime(conn, src.activity, spec.activity?.time, 'activity', spec.tz, { ms: latestActivity });
  const signup = spec.anchor === 'signup' ? spec.customers?.signup : undefined;
  const cus = spec.customers;
  if (cus && src.customers) {
    const cols = [signup, spec.mode === 'survival' ? cus.churn : undefined].filter((c): c is string => c !== undefined);
    for (const c of cols) {
      const t = timeColumn(b, src.customers, c);
      const r = await conn.query(`SELECT ${conn.dialect.epochMs({ expr: `max(${t.expr})`, type: t.type }, spec.tz)} AS m FROM ${src.customers.from}`);
      const m = r[0]?.m === null || r[0]?.m === undefined ? undefined : Number(r[0].m);
      if (c === signup) await refuseNeverTime(conn, src.customers, c, 'signup', spec.tz, { ms: m });
      if (m !== undefined) latest.push(m);
    }
  }
  if (!latest.length) fail('noActivity', {});
  return done(endOfLatestDay([Float64Array.from(latest)], zone));
}

/** The SQL of a plan on a connection's dialect, with the as-of instant resolved. */
export function matrixQuery(conn: SqlConnection, plan: MatrixPlan, src: SqlSources, asOf: number, more: Omit<MatrixSqlOptions, 'asOf' | 'zone'> = {}): string {
  return compileMatrix(new SqlBuilder(conn.dialect), plan, src, { asOf, zone: timeZone(plan.spec.tz), ...more });
}

/**
 * executeMatrixSql: run a matrix plan where the data lives. One query returns the cohort
 * sizes and cell counts; the values, completeness and average come from the memory
 * engine's own code (assembleMatrix), so the result is the same MatrixResult.
 */
export async function executeMatrixSql(conn: SqlConnection, plan: MatrixPlan, src: SqlSources): Promise<MatrixResult> {
  const zone = timeZone(plan.spec.tz);
  if (plan.spec.strict) await checkKnownIds(conn, plan.spec.activity?.id, plan.spec.customers?.id, src);
  const resolved = await resolveAsOf(conn, plan, src);
  // Text amounts ("1,234.56", "1.234,56") are read as the memory engine reads them.
  if (plan.needs.revenue) await readNumberColumns(conn, src.activity, plan.spec.activity?.amount ?? [], plan.spec.decimal);
  const { asOf, rows: rowsRead, first, latest, excluded } = resolved;
  let { counts: acts, padded } = resolved;
  const attributes = plan.spec.cohort.attributes.length;
  let rows = (await conn.query(matrixQuery(conn, plan, src, asOf, { firstActivity: first, fold: resolved.fold }))).map((r) => matrixRow(r, attributes));
  if (resolved.fold && src.activity && plan.spec.activity) {
    const churn = resolved.fold.churn !== undefined && !!src.customers && !!plan.spec.customers?.id;
    const idText = !!(src.customers && plan.spec.customers && src.activity.types[plan.spec.activity.id] !== src.customers.types[plan.spec.customers.id]);
    acts = await foldedCounts(conn, rows, { src: src.activity, id: plan.spec.activity.id, idText }, { rows: rowsRead, latest, first, churn });
    padded = acts.padded;
    rows = rows.filter((r) => r.kind !== 'a');
  }
  // Customers with rows before their anchor (bit sets count no rows per period): count those rows.
  if (rows.some((r) => r.kind === 'u' && r.n > 0)) {
    for (const r of await conn.query(matrixQuery(conn, plan, src, asOf, { beforeAnchorOnly: true }))) rows.push(matrixRow(r, attributes));
  }
  const report: LoadReport = emptyReport();
  report.anchor = plan.spec.anchor === 'signup' ? `signup (${plan.spec.customers?.signup})` : 'first activity';
  if (src.activity) report.files.push({ role: 'activity', file: src.activity.name, rows: rowsRead });
  if (src.customers) report.files.push({ role: 'customers', file: src.customers.name, rows: await countRows(conn, src.customers) });
  report.rowsRead = rowsRead;
  // Unreadable values never get here (the SQL engines refuse them): no row was rejected.
  report.rejects = { rows: 0, byColumn: {}, limit: parseMaxRejects(plan.spec.maxRejects).text };
  // After rejects, as memory's report has its keys (the JSON's order).
  if (latest !== undefined) report.latestActivity = new Date(latest).toISOString();
  const survival = plan.spec.mode === 'survival';
  const churn = survival ? plan.spec.customers?.churn : undefined;
  Object.assign(report.excluded, acts ? acts.excluded : excluded);
  const e = report.excluded;
  const kept = acts ? acts.kept : rowsRead - e.missingId - e.missingTime - e.afterAsOf;
  // The customers table's counts, as memory reports them (one aggregate over that table).
  const counts = await customerCounts(conn, { ...plan.spec, churn }, src, asOf, report.files.find((f) => f.role === 'customers')?.rows);
  if (counts) {
    Object.assign(report.customers.excluded, { missingId: counts.missingId, filtered: counts.filtered, missingSignup: counts.missingSignup, afterAsOf: counts.afterAsOf });
    const w = paddedWarning(counts, src);
    if (w) report.warnings.push(w);
  }
  const wa = src.activity && plan.spec.activity ? await activityPaddedWarning(conn, src.activity, plan.spec.activity.id, padded, !!src.customers) : undefined;
  if (wa) report.warnings.push(wa);
  if (kept === 0 && plan.spec.anchor !== 'signup') {
    // As memory fails (execute-matrix.ts): no counted activity, no anchor, nothing to show.
    const { badTimeRows: _rows, ...left } = e;
    fail('noActivity', { rows: rowsRead, left, warnings: report.warnings });
  }
  // The memory engine's two warnings about as-of (execute-matrix.ts), from the same helpers.
  const spec = plan.spec;
  const late = asOfWarning({ asOf, latestActivity: latest ?? NaN, period: spec.period, weekStart: spec.weekStart, zone });
  if (late) report.warnings.push(late.message);
  const result = assembleMatrix({ plan, rows, asOf, zone, report });
  const blank = noCompleteCellWarning(result, { period: spec.period, partial: spec.partial, zone });
  if (blank) report.warnings.push(blank);
  // Kept rows in no cell and not before an anchor belong to customers in no cohort.
  e.customerLeftOut = kept - e.beforeAnchor - report.rowsUsed;
  // Anchored on first activity, a kept customer in no cohort had no counted activity.
  if (counts && plan.spec.anchor !== 'signup') {
    report.customers.withoutActivity = counts.kept - report.customers.inCohorts;
  }
  if (survival) report.churn = matrixChurnReport(plan.spec, rows, report.customers.inCohorts, counts, acts);
  return result;
}

/** The number of rows of a table (what the load report says was read). */
export async function countRows(conn: SqlConnection, table: SqlTable): Promise<number> {
  const r = await conn.query(`SELECT ${conn.dialect.bigint('count(*)')} AS n FROM ${table.from}`);
  return Number(r[0]?.n ?? 0);
}

/**
 * --strict: fail when activity rows name ids the customers table does not have (the
 * memory engine's unknownIdsStrict), with their count and one example.
 */
export async function checkKnownIds(conn: SqlConnection, actId: string | undefined, cusId: string | undefined, src: SqlSources): Promise<void> {
  if (!actId || !cusId || !src.activity || !src.customers) return;
  const d = conn.dialect;
  const b = new SqlBuilder(d);
  const a = idSql(b, src.activity, actId, true);
  const c = idSql(b, src.customers, cusId, true);
  const r = await conn.query(
    `SELECT ${d.bigint('count(*)')} AS n, min(${a}) AS example FROM ${src.activity.from} WHERE ${hasIdSql(b, src.activity, actId)} AND ${a} NOT IN (SELECT ${c} FROM ${src.customers.from} WHERE ${hasIdSql(b, src.customers, cusId)})`,
  );
  const n = Number(r[0]?.n ?? 0);
  if (n > 0) fail('unknownIdsStrict', { count: n, example: r[0]?.example }, { file: src.activity.name });
}
