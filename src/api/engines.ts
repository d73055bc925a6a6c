import { fail } from '../errors.js';
import { describeSources, sqlSchema, type SqlInput } from '../engine/sql/execute-matrix-sql.js';
import { checkFitsInMemory } from '../engine/sql/memory-fit.js';
import { openConnection, ENGINE_NAMES, type EngineName, type SqlEngineOptions } from '../engine/sql/open-connection.js';
import { churnSqlText, matrixSqlText, type ChurnSqlOptions, type PrintSqlOptions } from '../engine/sql/print-sql.js';
import { compareSqlText, type CompareSqlOptions } from '../engine/sql/print-compare-sql.js';
import { DIALECT_NAMES, type DialectName, type TimeType } from '../engine/sql/dialect.js';
import { sqlEngine } from '../engine/sql/sql-engine.js';
import type { SqlConnection } from '../engine/sql/connection.js';
import type { SqlSources } from '../engine/sql/sql-builder.js';
import type { CompareResult } from '../result/compare-result.js';
import type { CrrResult } from '../result/crr-table.js';
import type { MatrixResult } from '../result/matrix-result.js';
import type { SurvivalResult } from '../result/survival-result.js';
import type { CompareSpec } from '../spec/compare-spec.js';
import type { CrrSpec } from '../spec/crr-spec.js';
import type { SurvivalSpec } from '../spec/survival-spec.js';
import type { InputSpec, MatrixSpec } from '../spec/types.js';
import type { RejectSpec } from '../spec/reject-options.js';
import { writeRejects } from '../report/rejects.js';
import type { Analysis, PlanLike } from './analysis.js';
import { compareAnalysis } from './compare.js';
import { planExplained } from './explain-nested.js';
import { crrAnalysis } from './crr.js';
import { matrixAnalysis } from './matrix.js';
import { survivalAnalysis } from './survival.js';
import { feedbackAnalysis } from './feedback.js';
import { reasonsAnalysis } from './reasons.js';
import { valueAnalysis } from './value.js';
import type { FeedbackResult } from '../result/feedback-table.js';
import type { ReasonsResult } from '../result/reasons-table.js';
import type { ValueResult } from '../result/value-table.js';
import type { FeedbackSpec } from '../spec/feedback-spec.js';
import type { ReasonsSpec, ValueSpec } from '../spec/outcome-spec.js';

export { checkFitsInMemory, matrixSqlText, churnSqlText, compareSqlText, ENGINE_NAMES, DIALECT_NAMES };
export { outcomeSqlText } from '../engine/sql/print-outcome-sql.js';
export type { OutcomeSqlSpec, OutcomeSqlTextOptions } from '../engine/sql/print-outcome-sql.js';
export type { EngineName, SqlEngineOptions, PrintSqlOptions, ChurnSqlOptions, CompareSqlOptions, DialectName, TimeType };

/** The tables a SQL engine reads for a spec: DuckDB the spec's files, a server its tables. */
export function sqlInput(spec: { input: InputSpec }, o: SqlEngineOptions): SqlInput {
  if (o.engine === 'duckdb') {
    return { activity: o.table ?? spec.input.activity, customers: o.customersTable ?? spec.input.customers };
  }
  if (!o.table && !o.customersTable) fail('sqlEngineNeedsUrl', { engine: o.engine });
  return { activity: o.table, customers: o.customersTable };
}

/**
 * runOnEngine: an analysis where the data lives. The tables are described (column names
 * and types) instead of loaded, the spec is planned against those names exactly as for
 * the memory engine, and the plan runs on the SQL engine of the connection.
 */
export async function runOnEngine<S extends { input: InputSpec }, P extends PlanLike, R>(
  analysis: Analysis<S, P, R>,
  spec: S,
  o: SqlEngineOptions,
): Promise<R> {
  return onSources(spec, o, async (conn, src) => {
    const plan = await planExplained(() => analysis.plan(spec, sqlSchema(src)), spec.input);
    // A SQL engine rejects no value (one that does not read is an error naming it): its
    // rejects file lists none, and must not leave an earlier run's list standing.
    const rejects = (spec as RejectSpec).rejects;
    if (rejects !== undefined) writeRejects(rejects, []);
    return analysis.run(sqlEngine(conn, src), plan, {});
  });
}

/** Open the engine's connection, describe the tables of a spec, call `f`, close. */
async function onSources<T>(spec: { input: InputSpec }, o: SqlEngineOptions, f: (conn: SqlConnection, src: SqlSources) => T | Promise<T>): Promise<T> {
  const input = sqlInput(spec, o);
  const conn = await openConnection(o);
  try {
    return await f(conn, await describeSources(conn, input));
  } finally {
    await conn.close();
  }
}

/**
 * planOnEngine: plan an analysis against the tables an engine reads (their column names,
 * described by the database) without computing it: every column is found, every option
 * valid (`kohort run --check` with an engine section). Throws KohortError as a run would.
 */
export function planOnEngine<S extends { input: InputSpec }, P extends PlanLike, R>(analysis: Analysis<S, P, R>, spec: S, o: SqlEngineOptions): Promise<P> {
  return onSources(spec, o, (_conn, src) => planExplained(() => analysis.plan(spec, sqlSchema(src)), spec.input));
}

/**
 * matrixOnEngine: the retention matrix of a spec computed where the data lives (embedded
 * DuckDB over the files, or a PostgreSQL / ClickHouse server over its tables), as the same
 * MatrixResult the memory engine gives.
 *
 * @example
 * const m = await matrixOnEngine({ input: {}, cohort: ['month'] }, { engine: 'postgres', url: 'postgres://...', table: 'events' });
 */
export function matrixOnEngine(spec: MatrixSpec, o: SqlEngineOptions): Promise<MatrixResult> {
  return runOnEngine(matrixAnalysis, spec, o);
}

/** survivalOnEngine: Kaplan-Meier curves and the group test where the data lives. */
export function survivalOnEngine(spec: SurvivalSpec, o: SqlEngineOptions): Promise<SurvivalResult> {
  return runOnEngine(survivalAnalysis, spec, o);
}

/** crrOnEngine: the customer retention rate per period where the data lives. */
export function crrOnEngine(spec: CrrSpec, o: SqlEngineOptions): Promise<CrrResult> {
  return runOnEngine(crrAnalysis, spec, o);
}

/**
 * compareOnEngine: groups compared where the data lives: the database counts active and
 * eligible customers per group and offset, the durations per group and the revenue sums;
 * the differences, intervals and tests are finished here, as the same CompareResult.
 *
 * @example
 * const c = await compareOnEngine({ input: { activity: 'events.parquet', customers: 'customers.csv' }, by: 'channel' }, { engine: 'duckdb' });
 */
export function compareOnEngine(spec: CompareSpec, o: SqlEngineOptions): Promise<CompareResult> {
  return runOnEngine(compareAnalysis, spec, o);
}

/**
 * reasonsOnEngine: churned customers' reasons by segment where the data lives (the customers
 * table: `customersTable` on a server, the spec's file on DuckDB).
 *
 * @example
 * const r = await reasonsOnEngine({ input: {}, columns: { id: 'Customer ID' }, event: 'Customer Status=Churned', reason: 'Churn Category', by: ['Contract'] },
 *   { engine: 'postgres', url: 'postgres://...', customersTable: 'telecom' });
 */
export function reasonsOnEngine(spec: ReasonsSpec, o: SqlEngineOptions): Promise<ReasonsResult> {
  return runOnEngine(reasonsAnalysis, spec, o);
}

/** valueOnEngine: value of churned vs retained customers (customers, mean, exact median, total) where the data lives. */
export function valueOnEngine(spec: ValueSpec, o: SqlEngineOptions): Promise<ValueResult> {
  return runOnEngine(valueAnalysis, spec, o);
}

/** feedbackOnEngine: NPS (with its interval), CSAT and CES by segment where the data lives (the scores table: `customersTable` or `table`). */
export function feedbackOnEngine(spec: FeedbackSpec, o: SqlEngineOptions): Promise<FeedbackResult> {
  return runOnEngine(feedbackAnalysis, spec, o);
}
