import { readSpecTimes } from './read-times-sql.js';
import { refuseNeverTime } from './never-time-sql.js';
import type { NeverTimeRole } from '../../load/times/time-tally.js';
import { fail } from '../../errors.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import { timeZone } from '../../time/zone.js';
import { endOfLatestDay } from '../../time/end-of-latest-day.js';
import type { SqlConnection } from './connection.js';
import { SqlBuilder, timeColumn, type SqlSources, type SqlTable } from './sql-builder.js';

/** The latest instant (epoch ms) of a time column, or undefined when it is empty. */
async function latest(conn: SqlConnection, table: SqlTable, column: string, tz: string): Promise<number | undefined> {
  const b = new SqlBuilder(conn.dialect);
  const t = timeColumn(b, table, column);
  const r = await conn.query(`SELECT ${conn.dialect.epochMs({ expr: `max(${t.expr})`, type: t.type }, tz)} AS m FROM ${table.from}`);
  const m = r[0]?.m;
  return m === null || m === undefined ? undefined : Number(m);
}

/** As-of of a churn analysis: the spec's, or the end of the day of the latest activity, signup or churn time. */
export async function churnAsOf(conn: SqlConnection, spec: NormalizedChurnInput, src: SqlSources): Promise<number> {
  await readSpecTimes(conn, spec, src);
  const signup = spec.anchor === 'signup' ? spec.customers?.signup : undefined;
  // A year-9999 signup or activity time is refused, read off its latest, when it would be the
  // as-of; a given as-of is earlier: such a time is after it, left out and counted as later ones are.
  if (spec.asOf !== undefined) return spec.asOf;
  const found: number[] = [];
  const add = (x: number | undefined): void => {
    if (x !== undefined) found.push(x);
  };
  const checked = async (table: SqlTable, column: string, role: NeverTimeRole): Promise<number | undefined> => {
    const ms = await latest(conn, table, column, spec.tz);
    await refuseNeverTime(conn, table, column, role, spec.tz, { ms });
    return ms;
  };
  if (spec.activity && src.activity) add(await checked(src.activity, spec.activity.time, 'activity'));
  if (spec.customers && src.customers) {
    if (signup !== undefined) add(await checked(src.customers, signup, 'signup'));
    if (spec.churn.kind === 'column') add(await latest(conn, src.customers, spec.churn.column, spec.tz));
  }
  if (!found.length) fail('noActivity', {});
  return endOfLatestDay([Float64Array.from(found)], timeZone(spec.tz));
}
