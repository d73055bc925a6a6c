import { fail } from '../../errors.js';
import { groupColumnName, type GroupBy } from '../../spec/compare-spec.js';
import { checkCompareGroups } from '../../spec/group-limit.js';
import { NPS_CLASSES, npsClassIndex } from '../../stats/feedback-scores.js';
import type { DateFormat } from '../../time/date-format.js';
import type { Zone } from '../../time/zone.js';
import type { LoadReport } from '../../report/load-report.js';
import type { LifetimeReport } from '../../report/lifetime-report.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import { activityCounts } from './activity-counts-sql.js';
import type { SqlConnection } from './connection.js';
import { customerCounts } from './customer-counts-sql.js';
import { filterSql, SqlBuilder, type SqlSources, type SqlTable, timeLiterals, labelText } from './sql-builder.js';

/** The values of a condition's two groups (as in memory: group-column.ts). */
const CONDITION_GROUPS = ['true', 'false'];

/** The sources with the group column, its name and the rows in no compared group. */
export interface GroupedSources {
  src: SqlSources;
  name: string;
  table: 'activity' | 'customers';
  /** Rows of the group column's table in no compared group. */
  outside: number;
}

/** How the group column is read: its expression over the source table, before the --groups selection. */
export function groupExpression(b: SqlBuilder, table: SqlTable, by: GroupBy, zone: Zone, dateFormat: DateFormat | undefined, npsScores?: readonly string[]): string {
  const d = b.d;
  if (by.kind === 'column') {
    if (by.nps) return npsClassExpression(b, by.nps, npsScores ?? DEFAULT_NPS_TEXTS);
    // A blank text (only spaces and tabs) is no group, as the memory engine's loaders read it.
    return labelText(b, table, by.column);
  }
  const column = by.filter.column;
  const type = table.types[column] ?? 'text';
  const col = b.id(column);
  // Present: a value that is not null (nor empty text, as the memory engine reads CSV).
  const present = type === 'text' ? `${col} IS NOT NULL AND ${d.text(col)} <> ''` : `${col} IS NOT NULL`;
  // The condition compiles like a --where filter: the column quoted, the value escaped or checked.
  const pass = filterSql(b, by.filter, table, timeLiterals(d, zone, dateFormat).timeFilter);
  return `CASE WHEN ${present} THEN (CASE WHEN ${pass} THEN ${b.str('true')} ELSE ${b.str('false')} END) ELSE NULL END`;
}

/** The texts of the scores 0-10 (as integers and as DuckDB writes doubles): what kohort sql assumes. */
const DEFAULT_NPS_TEXTS = Array.from({ length: 11 }, (_, i) => [String(i), `${i}.0`]).flat();

/**
 * The NPS class (detractor 0-6, passive 7-8, promoter 9-10; none for anything else) of the
 * score column's text, classed here by the memory engine's rule (npsClassIndex over
 * Number(text)) from the distinct texts the column holds, so SQL only compares texts.
 */
function npsClassExpression(b: SqlBuilder, column: string, scores: readonly string[]): string {
  const text = b.d.text(b.id(column));
  const byClass: string[][] = NPS_CLASSES.map(() => []);
  for (const s of scores) {
    const k = s.trim() === '' ? -1 : npsClassIndex(Number(s));
    if (k >= 0) byClass[k].push(s);
  }
  const whens = NPS_CLASSES.flatMap((c, k) => (byClass[k].length ? [`WHEN ${text} IN (${byClass[k].map((s) => b.str(s)).join(', ')}) THEN ${b.str(c)}`] : []));
  return whens.length ? `CASE ${whens.join(' ')} ELSE NULL END` : 'NULL';
}

/** The distinct texts of an NPS score column (a few: the scale's points and stray values). */
export function npsScoresSql(b: SqlBuilder, table: SqlTable, column: string): string {
  const text = b.d.text(b.id(column));
  return `SELECT ${text} AS v FROM ${table.from} WHERE ${b.id(column)} IS NOT NULL GROUP BY ${text}`;
}

/** The count of rows per raw group value (before the --groups selection): `g`, `n`. */
export function groupCountsSql(b: SqlBuilder, table: SqlTable, by: GroupBy, zone: Zone, dateFormat: DateFormat | undefined, npsScores?: readonly string[]): string {
  const expr = groupExpression(b, table, by, zone, dateFormat, npsScores);
  return `SELECT ${expr} AS g, ${b.d.bigint('count(*)')} AS n FROM ${table.from} GROUP BY ${expr}`;
}

/**
 * groupedTable: the table read through a subquery that adds (or, for a column, replaces)
 * the group column: its text, or "true"/"false" for a condition, NULL outside the groups
 * asked for. The matrix and lifetimes compilers then read it as one more text column,
 * exactly as the memory engine reads the column withGroupColumn adds.
 */
export function groupedTable(
  b: SqlBuilder,
  table: SqlTable,
  by: GroupBy,
  groups: readonly string[] | undefined,
  zone: Zone,
  dateFormat: DateFormat | undefined,
  npsScores?: readonly string[],
): { table: SqlTable; name: string } {
  const name = groupColumnName(by, Object.keys(table.types));
  const others = Object.keys(table.types).filter((c) => c !== name);
  // A column goes in again under a name of kohort's own, so the group column may take its
  // name (ClickHouse rejects an alias that names a column its own expression reads).
  let readFrom = table;
  let readBy = by;
  if (by.kind === 'column' && !by.nps) {
    const all = Object.keys(table.types).map((c) => b.id(c));
    readFrom = {
      ...table,
      from: `(SELECT ${[...all, `${b.id(by.column)} AS kohort_by`].join(', ')} FROM ${table.from}) AS kohort_src`,
      types: { ...table.types, kohort_by: table.types[by.column] },
    };
    readBy = { ...by, column: 'kohort_by' };
  }
  const raw = groupExpression(b, readFrom, readBy, zone, dateFormat, npsScores);
  const selected = groups ? `CASE WHEN ${raw} IN (${groups.map((g) => b.str(g)).join(', ')}) THEN ${raw} ELSE NULL END` : raw;
  const from = `(SELECT ${[...others.map((c) => b.id(c)), `${selected} AS ${b.id(name)}`].join(', ')} FROM ${readFrom.from}) AS kohort_grouped`;
  return { table: { ...table, from, types: { ...Object.fromEntries(others.map((c) => [c, table.types[c]])), [name]: 'text' } }, name };
}

/**
 * groupedSources: the sources with the group column (groupedTable), after one small query
 * that lists the groups present (to check --groups) and counts the rows in none.
 */
export async function groupedSources(
  conn: SqlConnection,
  src: SqlSources,
  by: GroupBy,
  groups: readonly string[] | undefined,
  zone: Zone,
  dateFormat: DateFormat | undefined,
): Promise<GroupedSources> {
  const table = src[by.table];
  if (!table) return fail('noInput', {});
  const b = new SqlBuilder(conn.dialect);
  const npsScores = by.kind === 'column' && by.nps ? (await conn.query(npsScoresSql(b, table, by.nps))).map((r) => String(r.v)) : undefined;
  const rows = await conn.query(groupCountsSql(b, table, by, zone, dateFormat, npsScores));
  const counts = new Map<string | null, number>();
  for (const r of rows) {
    const g = r.g === null || r.g === undefined || r.g === '' ? null : String(r.g);
    counts.set(g, (counts.get(g) ?? 0) + Number(r.n));
  }
  const present = by.kind === 'condition' ? CONDITION_GROUPS.filter((g) => counts.has(g)) : [...counts.keys()].filter((g): g is string => g !== null).sort();
  if (groups) {
    const allowed = by.kind === 'condition' ? CONDITION_GROUPS : present;
    for (const g of groups) if (!allowed.includes(g)) fail('unknownGroup', { option: 'groups', value: g, groups: present });
  }
  checkCompareGroups(by, groups ? present.filter((g) => groups.includes(g)).length : present.length);
  let outside = 0;
  for (const [g, n] of counts) if (g === null || (groups && !groups.includes(g))) outside += n;
  const { table: grouped, name } = groupedTable(b, table, by, groups, zone, dateFormat, npsScores);
  return { src: { ...src, [by.table]: grouped }, name, table: by.table, outside };
}

/** What a part of a comparison read: its columns, filters (the group filter among them) and anchor. */
type PartSpec = Pick<NormalizedChurnInput, 'activity' | 'customers' | 'anchor' | 'filters' | 'tz' | 'dateFormat'>;

/**
 * noGroupCounts: the activity rows and customers of a part's report that the group filter
 * alone removed, moved from filtered to noGroup, as the memory engine counts them
 * (prepare-run.ts: a row --where removes is --where's). The part's queries counted both
 * filters as one; the --where counts alone are taken again (one aggregate per table) only
 * when --where and rows in no group meet in one run.
 */
export async function noGroupCounts(
  conn: SqlConnection,
  spec: PartSpec,
  src: SqlSources,
  asOf: number,
  outside: number,
  report: { activity?: { filtered: number; noGroup?: number }; customers?: { filtered: number; noGroup?: number }; customerRows?: number },
): Promise<void> {
  const where = { ...spec, filters: spec.filters.filter((f) => !f.group) };
  const some = outside > 0 && where.filters.length > 0;
  const acts = some && report.activity ? await activityCounts(conn, where, src, asOf) : undefined;
  const cus = some && report.customers ? await customerCounts(conn, { ...where, churn: undefined }, src, asOf, report.customerRows) : undefined;
  // Added to what the report already counts (lifetime-report-sql.ts: customers without an anchor for the groups).
  const move = (ex: { filtered: number; noGroup?: number }, byWhere: number): void => {
    ex.noGroup = (ex.noGroup ?? 0) + ex.filtered - byWhere;
    ex.filtered = byWhere;
  };
  // Without rows in no group nothing moves; without --where all of filtered does.
  if (report.activity) move(report.activity, outside === 0 ? report.activity.filtered : (acts?.excluded.filtered ?? 0));
  if (report.customers) move(report.customers, outside === 0 ? report.customers.filtered : (cus?.filtered ?? 0));
}

/** noGroupCounts of a comparison's curves (the load report) and survival part (the lifetime report). */
export async function noGroupReports(
  conn: SqlConnection,
  grouped: GroupedSources,
  curves: { spec: PartSpec; asOf: number; report: LoadReport } | undefined,
  survival: { spec: PartSpec; src: SqlSources; asOf: number | undefined; report: LifetimeReport } | undefined,
): Promise<void> {
  if (curves) {
    const r = curves.report;
    const customerRows = r.files.find((f) => f.role === 'customers')?.rows;
    await noGroupCounts(conn, curves.spec, grouped.src, curves.asOf, grouped.outside, { activity: r.excluded, customers: r.customers.excluded, customerRows });
  }
  if (survival && survival.asOf !== undefined) {
    const r = survival.report;
    const customerRows = r.files.find((f) => f.role === 'customers')?.rows;
    await noGroupCounts(conn, survival.spec, survival.src, survival.asOf, grouped.outside, { activity: r.activity?.excluded, customers: r.customers.excluded, customerRows });
  }
}
