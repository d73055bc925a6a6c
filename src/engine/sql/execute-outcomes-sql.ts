import { fail } from '../../errors.js';
import { readSpecTimes } from './read-times-sql.js';
import { refuseNeverTime } from './never-time-sql.js';
import type { FeedbackPlan, ReasonsPlan, ValuePlan } from '../../plan/outcome-plan.js';
import type { FeedbackCounts, FeedbackReport, FeedbackResult } from '../../result/feedback-table.js';
import type { ReasonsResult } from '../../result/reasons-table.js';
import type { ValueResult, ValueStats } from '../../result/value-table.js';
import type { CohortAttribute } from '../../spec/input-schema.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import { NPS_SCALE } from '../../spec/feedback-spec.js';
import type { NormalizedOutcome } from '../../spec/outcome-spec.js';
import type { Granularity } from '../../spec/types.js';
import type { Scale } from '../../stats/feedback-scores.js';
import { timeZone, type Zone } from '../../time/zone.js';
import { readEvents } from '../memory/churn/read-events.js';
import { feedbackCounts, readScores } from '../memory/outcomes/execute-feedback.js';
import { nullReasonWarning, reasonCounts } from '../memory/outcomes/execute-reasons.js';
import { segmentAttributes } from '../memory/outcomes/customer-outcomes.js';
import type { Cohorts } from '../memory/prepare/assign-cohorts.js';
import { columnKeys } from '../memory/prepare/column-keys.js';
import { groupCustomers } from '../memory/prepare/group-customers.js';
import { queryColumns, type SqlConnection } from './connection.js';
import { checkKnownIds } from './execute-matrix-sql.js';
import { churnAsOf } from './churn-as-of.js';
import { lifetimeReport } from './lifetime-report-sql.js';
import { countIf, readSum, SqlBuilder, type SqlSources, type SqlTable } from './sql-builder.js';
import { compileFeedback, compileFlagReport, compileReasons, compileValue, FEEDBACK_SCORES, type OutcomeSqlOptions } from './outcome-sql.js';
import type { LifetimeReport } from '../../report/lifetime-report.js';
import { hasIdSql } from './id-sql.js';
import { activityCounts } from './activity-counts-sql.js';
import { emptyReport } from '../../report/load-report.js';
import { firstRows } from './first-rows-sql.js';
import { readTextNumbers, rejectedWarning } from './text-number-sql.js';

/*
 * Churned vs retained and feedback where the data lives: the database reduces the tables
 * to a few rows per group (counts of distinct reasons, scores and statuses; the value
 * statistics with an exact median), and the memory engine's own functions finish them
 * (groupCustomers, reasonCounts, readScores, feedbackCounts), so the results are the
 * memory engine's.
 */

type Columns = Record<string, ArrayLike<unknown>>;

/** The rows of a table and, with an id column, the rows with an id (one per id: the table is its first rows). */
async function tableIds(conn: SqlConnection, table: SqlTable, id: string | undefined): Promise<{ rows: number; ids: number }> {
  const d = conn.dialect;
  const b = new SqlBuilder(d);
  const c = id === undefined ? undefined : hasIdSql(b, table, id);
  const r = (await conn.query(`SELECT ${d.bigint('count(*)')} AS r${c ? `, ${countIf(d, c)} AS i` : ''} FROM ${table.from}`))[0] ?? {};
  const rows = Number(r.r ?? 0);
  return { rows, ids: c ? Number(r.i ?? 0) : rows };
}

/** As-of, the status flag's values, the id checks: what every churned-vs-retained query needs first. */
async function outcomeOptions(conn: SqlConnection, spec: NormalizedOutcome, src: SqlSources): Promise<OutcomeSqlOptions> {
  const zone = timeZone(spec.tz);
  await readSpecTimes(conn, spec, src);
  if (spec.strict) await checkKnownIds(conn, spec.activity?.id, spec.customers?.id, src);
  const churnInput = spec as NormalizedChurnInput;
  if (spec.churn.kind !== 'flag') return { asOf: await churnAsOf(conn, churnInput, src), zone };
  // A status needs no time: as-of only counts activity (amounts) and signups, as in memory.
  const asOf = spec.asOf ?? (spec.activity && src.activity ? await churnAsOf(conn, churnInput, src) : undefined);
  if (spec.asOf === undefined && !(spec.activity && src.activity)) {
    // churnAsOf did not look: a year-9999 signup is refused all the same (a given as-of is earlier: counted as after it).
    await refuseNeverTime(conn, src.activity, spec.activity?.time, 'activity', spec.tz);
    await refuseNeverTime(conn, src.customers, spec.anchor === 'signup' ? spec.customers?.signup : undefined, 'signup', spec.tz);
  }
  const C = src.customers!;
  const rule = spec.churn.event;
  // Over every row (C.whole: repeated ids' rows too), as memory's readEvents reads the column.
  const rows = await conn.query(`SELECT DISTINCT ${conn.dialect.ident(rule.column)} AS v FROM ${C.whole ?? C.from}`);
  const values = rows.map((r) => (typeof r.v === 'bigint' ? Number(r.v) : r.v)).filter((v) => v !== null && v !== undefined);
  const code = readEvents(values, rule, C.name);
  return {
    asOf,
    zone,
    flag: { churned: values.filter((_, i) => code[i] === 1), missing: values.filter((_, i) => code[i] > 1) },
  };
}

/**
 * The run report: the tables, the customers used, churned and retained; with a status
 * flag also why rows were left out (one more query, counted as the memory engine does).
 */
async function outcomeReport(conn: SqlConnection, spec: NormalizedOutcome, src: SqlSources, o: OutcomeSqlOptions, used: number, churned: number): Promise<LifetimeReport> {
  // A churn time or inferred churn: the customers' counts as survival reports them (memory's customerLifetimes).
  const counts = spec.churn.kind !== 'flag' && o.asOf !== undefined ? { spec: spec as NormalizedChurnInput, asOf: o.asOf } : undefined;
  const report = await lifetimeReport(conn, src, used, churned, counts);
  if (spec.churn.kind !== 'flag') return report;
  const r = (await conn.query(compileFlagReport(new SqlBuilder(conn.dialect), spec, src, o)))[0] ?? {};
  const n = (k: string): number => Number(r[k] ?? 0);
  const cus = report.files.find((f) => f.role === 'customers');
  if (cus) cus.rows = n('r');
  const ex = report.customers.excluded;
  Object.assign(ex, { missingId: n('r') - n('i'), filtered: n('f'), missingEvent: n('me'), missingAnchor: n('ma'), anchorAfterAsOf: n('aa') });
  report.customers.read = n('i');
  // With an activity table (amounts, attributes of the first activity) memory reports its rows
  // read and used and why the others were left out (customer-outcomes.ts flagOutcomes).
  const acts = spec.activity && src.activity ? await activityCounts(conn, spec, src, spec.asOf) : undefined;
  if (acts) report.activity = { rowsRead: acts.rows, rowsUsed: acts.kept, excluded: { ...emptyReport().excluded, ...acts.excluded } };
  return report;
}

/**
 * The groups of the returned rows, each row standing for its customers: the memory
 * engine's groupCustomers over the rows' keys (nps_class already classed in SQL), the
 * smallest anchor of a row giving its cohort period.
 */
function rowGroups(by: CohortAttribute[], cols: Columns, zone: Zone, cohort?: Granularity): Cohorts {
  const rows = cols.n?.length ?? 0;
  const anchor = cohort ? Float64Array.from({ length: rows }, (_, i) => Number(cols.am[i])) : new Float64Array(rows);
  return groupCustomers(by, anchor, zone, {
    // Every key is a column of the rows, groups of the activity table included (first activity's value).
    customerRows: 'self',
    activityRows: () => Int32Array.from({ length: rows }, (_, i) => i),
    column: (a) => cols[`ka${by.indexOf(a)}`],
  }, cohort);
}

/** The number of customers (answers) each returned row stands for. */
function rowCounts(cols: Columns): Int32Array {
  return Int32Array.from({ length: cols.n?.length ?? 0 }, (_, i) => Number(cols.n[i]));
}

/** executeReasonsSql: churned customers' reasons by segment (METRICS.md section 8) where the data lives. */
export async function executeReasonsSql(conn: SqlConnection, plan: ReasonsPlan, src: SqlSources): Promise<ReasonsResult> {
  const spec = plan.spec;
  const o = await outcomeOptions(conn, spec, src);
  const cols = await queryColumns(conn, compileReasons(new SqlBuilder(conn.dialect), spec, src, o));
  const groups = rowGroups(spec.by, cols, o.zone, spec.cohort);
  // Each row stands for its n customers: the memory engine's counting, weighted.
  const n = rowCounts(cols);
  const of = groups.of;
  const status = Uint8Array.from(n, (_, i) => Number(cols.st[i]));
  const rowOf = Int32Array.from(n, (_, i) => i);
  const G = groups.count;
  const customers = new Int32Array(G);
  const churned = new Int32Array(G);
  for (let i = 0; i < n.length; ++i) {
    customers[of[i]] += n[i];
    churned[of[i]] += status[i] * n[i];
  }
  const levels = spec.reasons.map((_, l) => columnKeys(cols[`r${l}`] ?? []));
  const totalChurned = churned.reduce((s, x) => s + x, 0);
  const totalCustomers = customers.reduce((s, x) => s + x, 0);
  const report = await outcomeReport(conn, spec, src, o, totalCustomers, totalChurned);
  const nullReasons = nullReasonWarning(of, status, rowOf, levels, spec.reasons, n);
  if (nullReasons) report.warnings.push(nullReasons);
  return {
    spec,
    by: segmentAttributes(groups).map((a) => a.name),
    reasonColumns: spec.reasons,
    groups: { count: G, attributes: segmentAttributes(groups), customers, churned },
    rows: reasonCounts(of, G, status, rowOf, levels, n),
    overall: reasonCounts(new Int32Array(n.length), 1, status, rowOf, levels, n),
    totalCustomers,
    totalChurned,
    asOf: o.asOf,
    report,
  };
}

/** Value statistics per (group, status) bucket (2g churned, 2g + 1 retained) from the aggregated rows. */
function valueStats(cols: Columns, bucketOf: (row: number) => number, buckets: number): ValueStats {
  const s: ValueStats = {
    customers: new Int32Array(buckets),
    missing: new Int32Array(buckets),
    mean: new Float64Array(buckets).fill(NaN),
    median: new Float64Array(buckets).fill(NaN),
    total: new Float64Array(buckets),
  };
  const rows = cols.n?.length ?? 0;
  for (let i = 0; i < rows; ++i) {
    const b = bucketOf(i);
    const n = Number(cols.n[i]);
    const nv = Number(cols.nv[i]);
    // A median cannot be merged: each bucket must be one row (one key per group in SQL).
    if (s.customers[b] > 0) throw new Error(`two SQL rows for value bucket ${b}: the group keys differ in SQL but not in memory`);
    s.customers[b] += n;
    s.missing[b] += n - nv;
    if (nv > 0) {
      s.total[b] = readSum(cols.tot[i]);
      s.mean[b] = s.total[b] / nv;
      s.median[b] = Number(cols.med[i]);
    }
  }
  return s;
}

/** executeValueSql: value of churned vs retained customers by segment where the data lives (exact medians in SQL). */
export async function executeValueSql(conn: SqlConnection, plan: ValuePlan, src: SqlSources): Promise<ValueResult> {
  const spec = plan.spec;
  const o = await outcomeOptions(conn, spec, src);
  // Text columns are read as the memory engine reads them: their shapes first (text-number-sql.ts).
  const warnings: string[] = [];
  const v = spec.value;
  const texts: ['customers' | 'activity', string][] = v.kind === 'column' ? [['customers', v.column]] : v.columns.map((c) => ['activity', c]);
  o.textNumbers = {};
  for (const [role, column] of texts) {
    const table = src[role];
    if (table?.types[column] !== 'text') continue;
    const reading = await readTextNumbers(conn, table, column, spec.decimal);
    o.textNumbers[`${role}.${column}`] = reading;
    const w = role === 'customers' ? rejectedWarning(column, reading) : undefined;
    if (w) warnings.push(w);
  }
  const sql = compileValue(new SqlBuilder(conn.dialect), spec, src, o);
  // One after the other: a connection runs one query at a time (describeSources).
  const cols = await queryColumns(conn, sql.groups);
  const all = await queryColumns(conn, sql.overall);
  const groups = rowGroups(spec.by, cols, o.zone, spec.cohort);
  const side = (c: Columns, i: number): number => (Number(c.st[i]) === 1 ? 0 : 1);
  const overall = valueStats(all, (i) => side(all, i), 2);
  return {
    spec,
    by: segmentAttributes(groups).map((a) => a.name),
    valueName: spec.value.kind === 'column' ? spec.value.column : spec.value.columns.join('*'),
    groups: { count: groups.count, attributes: segmentAttributes(groups) },
    stats: valueStats(cols, (i) => groups.of[i] * 2 + side(cols, i), groups.count * 2),
    overall,
    asOf: o.asOf,
    report: withWarnings(await outcomeReport(conn, spec, src, o, overall.customers[0] + overall.customers[1], overall.customers[0]), warnings),
  };
}

/** A report with `warnings` added (before its own). */
function withWarnings<R extends { warnings: string[] }>(report: R, warnings: string[]): R {
  report.warnings.unshift(...warnings);
  return report;
}

/** executeFeedbackSql: NPS, CSAT and CES by segment (METRICS.md section 8) where the data lives. */
export async function executeFeedbackSql(conn: SqlConnection, plan: FeedbackPlan, src: SqlSources): Promise<FeedbackResult> {
  const spec = plan.spec;
  const table = src.customers ?? src.activity;
  if (!table) return fail('noInput', {});
  const zone = timeZone(spec.tz);
  // Answers: each id's first row (firstRows); the repeats are counted, as in memory.
  const first = spec.id === undefined ? { table: src.customers ?? src.activity!, duplicates: 0 } : await firstRows(conn, table, spec.id);
  const { rows, ids } = await tableIds(conn, first.table, spec.id);
  const cols = await queryColumns(conn, compileFeedback(new SqlBuilder(conn.dialect), spec, first.table, zone));
  const groups = rowGroups(spec.by, cols, zone);
  // Each row stands for its n answers with the same scores: the memory engine's reading and counting, weighted.
  const n = rowCounts(cols);
  const of = groups.of;
  const used = n.reduce((s, x) => s + x, 0);
  const rejectedAt = new Uint8Array(n.length);
  const report: FeedbackReport = {
    file: table.name, rows: rows + first.duplicates, answers: ids, used, missingId: rows - ids, duplicateId: first.duplicates, filtered: ids - used, rejected: {},
  };
  const scales: Record<(typeof FEEDBACK_SCORES)[number], Scale> = { nps: NPS_SCALE, csat: spec.csatScale, ces: spec.cesScale };
  const scores: Partial<Record<(typeof FEEDBACK_SCORES)[number], Float64Array>> = {};
  for (const s of FEEDBACK_SCORES) {
    const column = spec[s];
    if (column === undefined) continue;
    const read = readScores(cols[`s_${s}`], scales[s], of, (a) => a, rejectedAt, n);
    scores[s] = read.scores;
    // A SQL table has no row numbers: the examples stand alone.
    report.rejected[s] = { column, scale: scales[s], count: read.rejected.count, rows: [], examples: read.rejected.examples };
  }
  const size = new Int32Array(groups.count);
  for (let i = 0; i < n.length; ++i) size[of[i]] += n[i];
  const measures = { ...scores, rejected: rejectedAt };
  const counts: FeedbackCounts = feedbackCounts(measures, of, groups.count, spec.csatScale, n);
  return {
    spec,
    by: groups.attributes.map((a) => a.name),
    groups: { count: groups.count, attributes: groups.attributes, size },
    counts,
    overall: feedbackCounts(measures, new Int32Array(n.length), 1, spec.csatScale, n),
    report,
  };
}
