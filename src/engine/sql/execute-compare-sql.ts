import { plan as matrixPlan } from '../../plan/matrix-plan.js';
import type { ComparePlan } from '../../plan/compare-plan.js';
import type { CompareResult } from '../../result/compare-result.js';
import type { MatrixResult } from '../../result/matrix-result.js';
import { compareOptions, compareParts, groupColumnName, resolveGroupBy, revenueColumn, type CompareSpec, type GroupBy, type RevenueColumn } from '../../spec/compare-spec.js';
import { normalize } from '../../spec/normalize.js';
import { normalizeSurvival, type NormalizedSurvivalSpec } from '../../spec/survival-spec.js';
import { combineMoments, type Moments } from '../../stats/mean-interval.js';
import { resolveDateFormat } from '../../time/date-format.js';
import { timeZone } from '../../time/zone.js';
import { finishCompare, type GroupRevenue } from '../compare/finish-compare.js';
import { queryColumns, type SqlConnection } from './connection.js';
import { executeMatrixSql, sqlSchema } from './execute-matrix-sql.js';
import { executeSurvivalSql } from './execute-survival-sql.js';
import { countDuplicates, firstCustomerRows } from './first-rows-sql.js';
import { eventsOf } from './given-events.js';
import { givenDurationsCounts } from './given-durations-report.js';
import { groupedSources, noGroupReports, type GroupedSources } from './group-column-sql.js';
import { compileDurationRevenue, compileRevenue } from './revenue-sql.js';
import { readSum, SqlBuilder, type SqlSources } from './sql-builder.js';
import { readNumberColumns } from './text-number-sql.js';
import type { DecimalMark } from '../../load/locale-number.js';

/**
 * executeCompareSql: groups compared where the data lives. The group column is added by a
 * subquery over its table (group-column-sql.ts); the database then computes the rolling
 * matrix with the group as cohort (counts: active and eligible per group and offset), the
 * durations per group (survival) and the moments of revenue per group: a few rows each.
 * The curves, Newcombe differences, adjusted p-values, Kaplan-Meier, log-rank, revenue
 * intervals and the summary are finished by the memory engine's own code (finishCompare,
 * src/stats), so the CompareResult is the same.
 */
export async function executeCompareSql(conn: SqlConnection, plan: ComparePlan, input: SqlSources): Promise<CompareResult> {
  const spec = plan.spec;
  compareOptions(spec);
  // Durations given directly read one table of customers, whichever role it came in (as memory).
  const durations = spec.duration !== undefined || spec.event !== undefined;
  const given = durations && !input.customers ? { customers: input.activity } : input;
  const zone = timeZone(spec.tz ?? 'UTC');
  const by = resolveGroupBy(spec.by, sqlSchema(given), spec.nps);
  // A customers table that repeats ids: its ids' first rows, as memory reads it.
  const { src, duplicates } = await firstCustomerRows(conn, given, customersId(spec, by, given));
  const dateFormat = spec.dateFormat === undefined ? undefined : resolveDateFormat(spec.dateFormat);
  const grouped = await groupedSources(conn, src, by, spec.groups, zone, dateFormat);
  const { name } = grouped;
  const schema = sqlSchema(grouped.src);

  const first = compareParts(spec, name, schema);
  const matrix = first.matrix ? await executeMatrixSql(conn, matrixPlan(normalize(first.matrix, schema)), grouped.src) : undefined;
  // The same as-of as the curves, so both parts see the same customers.
  const parts = matrix ? compareParts(spec, name, schema, new Date(matrix.asOf).toISOString()) : first;
  const survivalSpec = parts.survival ? normalizeSurvival(parts.survival, schema) : undefined;
  const survivalSrc = survivalSpec && survivalSources(survivalSpec, grouped.src);
  const survival = survivalSpec ? await executeSurvivalSql(conn, survivalSpec, survivalSrc!) : null;
  // The rows the group filter alone removed: their own reason in both reports.
  await noGroupReports(conn, grouped, matrix && { spec: matrix.spec, asOf: matrix.asOf, report: matrix.report }, survival ? { spec: survivalSpec!, src: survivalSrc!, asOf: survival.asOf, report: survival.report } : undefined);

  const amount = spec.columns?.amount;
  const revenue = amount === undefined ? undefined : await revenueByGroup(conn, grouped, revenueColumn(amount, schema, !matrix), matrix, survivalSpec, matrix?.spec.decimal ?? survivalSpec?.decimal);
  const result = finishCompare({ spec, by, name, matrix, survival, revenue, outside: { table: given === input ? grouped.table : 'activity', rows: grouped.outside } });
  countDuplicates(result, result.report, duplicates);
  return countDuplicates(result, result.survival?.report, duplicates);
}

/** The customers table's id column of a comparison: its curves' (else its survival part's), as planned. */
function customersId(spec: CompareSpec, by: GroupBy, src: SqlSources): string | undefined {
  const schema = sqlSchema(src);
  const t = schema[by.table]!;
  const name = groupColumnName(by, t.columns);
  const grouped = { ...schema, [by.table]: { ...t, columns: t.columns.includes(name) ? t.columns : [...t.columns, name] } };
  const parts = compareParts(spec, name, grouped);
  if (parts.matrix) return normalize(parts.matrix, grouped).customers?.id;
  return parts.survival ? normalizeSurvival(parts.survival, grouped).customers?.id : undefined;
}

/**
 * The tables the survival part reads, by memory's rule (execute-compare.ts survivalTables):
 * without the activity when lifetimes run from signup to a churn column and nothing is
 * read from activity, so its report lists and counts the same tables.
 */
function survivalSources(spec: NormalizedSurvivalSpec, src: SqlSources): SqlSources {
  const fromActivity = spec.by.some((a) => a.table === 'activity') || spec.filters.some((f) => f.table === 'activity');
  if (spec.churn.kind !== 'column' || spec.anchor !== 'signup' || spec.asOf === undefined || fromActivity) return src;
  return { customers: src.customers };
}

/** The revenue moments of each group, from the database's per-group sums. */
async function revenueByGroup(
  conn: SqlConnection,
  grouped: GroupedSources,
  column: RevenueColumn,
  matrix: MatrixResult | undefined,
  survivalSpec: NormalizedSurvivalSpec | undefined,
  decimal: DecimalMark | undefined,
): Promise<Map<string, GroupRevenue>> {
  const b = new SqlBuilder(conn.dialect);
  const src = grouped.src;
  const out = new Map<string, GroupRevenue>();
  const add = (g: string, m: Moments, missing: number): void => {
    const was = out.get(g);
    out.set(g, was ? { moments: combineMoments(was.moments, m), missing: was.missing + missing } : { moments: m, missing });
  };
  const moments = (cols: Record<string, ArrayLike<unknown>>, i: number): Moments => {
    const n = Number(cols.n[i]);
    const total = readSum(cols.s[i]);
    return { n, mean: n > 0 ? total / n : 0, m2: readSum(cols.m2[i]), total };
  };
  // Text amounts ("1,234.56", "1.234,56") are read as the memory engine reads them.
  const table = column.table === 'activity' ? src.activity : (src.customers ?? src.activity);
  await readNumberColumns(conn, table, column.table === 'activity' ? column.columns : [column.column], decimal);
  if (matrix) {
    const sql = compileRevenue(b, matrix.spec, src, { asOf: matrix.asOf, zone: timeZone(matrix.spec.tz), group: grouped.name, column });
    const cols = await queryColumns(conn, sql);
    for (let i = 0; i < (cols.g?.length ?? 0); ++i) {
      const g = cols.g[i];
      if (g === null || g === undefined || g === '') continue;
      add(String(g), moments(cols, i), Number(cols.c[i]) - Number(cols.n[i]));
    }
    return out;
  }
  // Durations given directly: the rows the survival fit keeps (a usable duration and event).
  const spec = survivalSpec!;
  if (spec.churn.kind !== 'duration') throw new Error('durations given directly only');
  await readNumberColumns(conn, table, [spec.churn.duration], undefined, 'duration');
  const sql = compileDurationRevenue(b, spec, table!, column.table === 'customers' ? column.column : column.columns[0], grouped.name);
  const cols = await queryColumns(conn, sql);
  const ev = eventsOf(cols.evt ?? [], (await givenDurationsCounts(conn, spec, src)).eventOf);
  for (let i = 0; i < (cols.g?.length ?? 0); ++i) {
    const g = cols.g[i];
    if (g === null || g === undefined || g === '' || ev[i] > 1 || Number(cols.dv[i]) !== 1) continue;
    add(String(g), moments(cols, i), Number(cols.c[i]) - Number(cols.n[i]));
  }
  return out;
}
