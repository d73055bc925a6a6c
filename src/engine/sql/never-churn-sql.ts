import { NEVER_CHURN_WALL_MS, neverChurnInstant } from '../../time/never-churn.js';
import { timeZone } from '../../time/zone.js';
import type { Dialect } from './dialect.js';
import { SqlBuilder, timeColumn, type SqlTable } from './sql-builder.js';

/**
 * readNeverChurn: the churn column `column` of `table` reads its "never" sentinel (a time
 * in the year 9999 of the run's zone, time/never-churn.ts) as NULL, an empty churn, as
 * the memory engine does (prepare/without-never-churn.ts). Once per table and column;
 * not where the dialect's times end before the year 9999 (ClickHouse holds no such time).
 */
export function readNeverChurn(d: Dialect, table: SqlTable | undefined, column: string | undefined, tz: string): void {
  if (!table || column === undefined || table.types[column] === undefined || table.neverChurn?.includes(column)) return;
  const never = neverChurnInstant(timeZone(tz));
  if (d.latestTimeMs !== undefined && d.latestTimeMs < never) return;
  const t = timeColumn(new SqlBuilder(d), table, column);
  const expr = `(CASE WHEN ${t.expr} < ${d.timeLiteral(never, NEVER_CHURN_WALL_MS, t)} THEN ${t.expr} END)`;
  table.times = { ...table.times, [column]: { expr, type: t.type } };
  table.neverChurn = [...(table.neverChurn ?? []), column];
}
