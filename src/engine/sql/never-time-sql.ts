import { fail } from '../../errors.js';
import { NEVER_CHURN_WALL_MS, neverChurnInstant } from '../../time/never-churn.js';
import { timeZone } from '../../time/zone.js';
import type { NeverTimeRole } from '../../load/times/time-tally.js';
import type { Dialect } from './dialect.js';
import type { SqlConnection } from './connection.js';
import { SqlBuilder, timeColumn, type SqlTable } from './sql-builder.js';

/**
 * refuseNeverTime: fail when the signup or activity time `column` of `table` holds a time
 * in the year 9999 (or later) of the run's zone, the "never" of exports, which is no real
 * time (as memory refuses it: prepare/refuse-never-times.ts). A YYYYMMDD column's 9999MMDD
 * values were seen by its probe (table.neverValues); other columns are asked only when
 * `latest` (the column's latest instant, when a query of the run already found it; `ms`
 * undefined = no time at all) is in the year 9999, or not known. Only without --as-of (the
 * as-of would be taken from it): a given as-of is earlier, and such a time is after it.
 */
export async function refuseNeverTime(
  conn: SqlConnection,
  table: SqlTable | undefined,
  column: string | undefined,
  role: NeverTimeRole,
  tz: string,
  latest?: { ms: number | undefined },
): Promise<void> {
  if (!table || column === undefined) return;
  refuseNeverValue(table, column, role);
  const d = conn.dialect;
  const never = neverChurnInstant(timeZone(tz));
  // No time of the dialect is that late (ClickHouse: 2106), or the latest time is earlier.
  if (d.latestTimeMs !== undefined && d.latestTimeMs < never) return;
  if (latest && !(latest.ms !== undefined && latest.ms >= never)) return;
  const b = new SqlBuilder(d);
  const t = timeColumn(b, table, column);
  const r = await conn.query(`SELECT min(CASE WHEN ${t.expr} >= ${d.timeLiteral(never, NEVER_CHURN_WALL_MS, t)} THEN ${d.text(b.id(column))} END) AS v FROM ${table.from}`);
  const v = r[0]?.v;
  if (v !== null && v !== undefined) fail('neverTime', { value: String(v).trim(), role }, { file: table.name, column });
}

/** Fail when the probe of a signup or activity column saw a year-9999 value (table.neverValues), before any query reads the column. */
export function refuseNeverValue(table: SqlTable | undefined, column: string | undefined, role: NeverTimeRole): void {
  const seen = column === undefined ? undefined : table?.neverValues?.[column];
  if (seen !== undefined) fail('neverTime', { value: seen.value, role }, { file: table!.name, column });
}

/**
 * neverLatest: the latest instant of a time column, `ms` as a query found it, or where the
 * column holds a value of the year 9999 (YYYYMMDD, epoch, Excel) that the dialect reads as its
 * own last day (ClickHouse's times end in 2106: read-times-sql.ts) that value's instant, as memory reads it.
 */
export function neverLatest(d: Dialect, table: SqlTable | undefined, column: string | undefined, tz: string, ms: number | undefined): number | undefined {
  const seen = column === undefined ? undefined : table?.neverValues?.[column];
  if (seen === undefined || d.latestTimeMs === undefined) return ms;
  return seen.wall ? timeZone(tz).toUtc(seen.ms) : seen.ms;
}
