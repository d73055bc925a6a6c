import type { LifetimeReport } from '../../report/lifetime-report.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import { fail } from '../../errors.js';
import type { SqlConnection } from './connection.js';
import { hasIdSql } from './id-sql.js';
import { eventOfColumn, type EventOf } from './given-events.js';
import { countIf, filterSql, SqlBuilder, type SqlSources, type SqlTable } from './sql-builder.js';
import { readNumberColumns } from './text-number-sql.js';

/** The one table of durations given directly: the customers, else the only table (as memory reads it). */
export function durationsTable(src: SqlSources): SqlTable {
  const table = src.customers ?? src.activity;
  return table ?? fail('noInput', {});
}

/** The condition that a row of the durations table has an id (every row without an id column). */
export function durationsHaveId(b: SqlBuilder, spec: Pick<NormalizedChurnInput, 'customers'>, table: SqlTable): string | undefined {
  const id = spec.customers?.id;
  return id === undefined ? undefined : hasIdSql(b, table, id);
}

/** The filters of durations given directly, as SQL conditions over their one table (no time filters). */
export function durationsFilters(b: SqlBuilder, filters: NormalizedChurnInput['filters'], table: SqlTable): string[] {
  const noTime = (): string => fail('sqlUnsupported', { what: 'time filters with durations given directly' });
  return filters.map((f) => filterSql(b, f, table, noTime));
}

/** The counts of a table of durations given directly (givenDurationsCounts). */
export interface GivenDurationsCounts {
  /** Rows of the table, rows with an id, of those kept by --where, and of those in a compared group. */
  rows: number;
  withId: number;
  kept: number;
  inGroup?: number;
  /** The event of a value of the event column, by memory's rules over the whole column. */
  eventOf: EventOf;
}

/**
 * givenDurationsCounts: one aggregate over the table of durations given directly, per
 * distinct text of the event column: its rows, those with an id (a table that repeats ids
 * is read as its ids' first rows, first-rows-sql.ts), of those kept by --where and (compare)
 * in a compared group. The event texts decide how the event column is read (eventOfColumn:
 * over the whole column, as memory reads it, so neither filters nor repeated ids change
 * the rule).
 */
export async function givenDurationsCounts(conn: SqlConnection, spec: NormalizedChurnInput, src: SqlSources): Promise<GivenDurationsCounts> {
  if (spec.churn.kind !== 'duration') throw new Error('durations given directly only');
  const b = new SqlBuilder(conn.dialect);
  const d = b.d;
  const table = durationsTable(src);
  // A text column of durations reads as memory reads numbers; a value that is none is refused.
  await readNumberColumns(conn, table, [spec.churn.duration], undefined, 'duration');
  const has = durationsHaveId(b, spec, table);
  const where = durationsFilters(b, spec.filters.filter((f) => !f.group), table);
  const grouped = spec.filters.some((f) => f.group);
  const group = durationsFilters(b, spec.filters.filter((f) => f.group), table);
  const all = (conds: (string | undefined)[]): string => conds.filter((c) => c !== undefined).join(' AND ') || '1 = 1';
  const evt = d.text(b.id(spec.churn.event.column));
  const cols = [
    `${evt} AS v`,
    `${d.bigint('count(*)')} AS r`,
    `${countIf(d, all([has]))} AS i`,
    `${countIf(d, all([has, ...where]))} AS w`,
    ...(grouped ? [`${countIf(d, all([has, ...where, ...group]))} AS k`] : []),
  ];
  const rows = await conn.query(`SELECT ${cols.join(', ')} FROM ${table.from} GROUP BY ${evt}`);
  const sum = (k: string): number => rows.reduce((t, r) => t + Number(r[k] ?? 0), 0);
  // Repeated ids: the rows they drop still hold event texts of the column.
  const texts = table.whole === undefined ? rows : await conn.query(`SELECT DISTINCT ${evt} AS v FROM ${table.whole}`);
  const eventOf = eventOfColumn(texts.map((r) => r.v), spec.churn.event, table.name);
  return { rows: sum('r'), withId: sum('i'), kept: sum('w'), inGroup: grouped ? sum('k') : undefined, eventOf };
}

/**
 * givenDurationsReport: the load report of durations given directly, as memory's
 * givenDurations reports it: the table's rows (role customers, whichever table it is), the
 * customers read (rows with an id), those without an id, removed by --where and (compare)
 * kept by --where but in no compared group. `report` holds the tally's counts (missing
 * duration or event); these are added to it.
 */
export function givenDurationsReport(report: LifetimeReport, n: GivenDurationsCounts, table: SqlTable): void {
  report.files = [{ role: 'customers', file: table.name, rows: n.rows }];
  const ex = report.customers.excluded;
  report.customers.read = n.withId;
  ex.missingId = n.rows - n.withId;
  ex.filtered = n.withId - n.kept;
  if (n.inGroup !== undefined) ex.noGroup = n.kept - n.inGroup;
}
