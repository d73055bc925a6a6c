import { emptyLifetimeReport, type LifetimeReport } from '../../report/lifetime-report.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import type { SqlConnection } from './connection.js';
import { countRows } from './execute-matrix-sql.js';
import type { SqlSources } from './sql-builder.js';
import { countCustomers } from './customer-counts-sql.js';
import { activityCounts } from './activity-counts-sql.js';
import { emptyReport } from '../../report/load-report.js';

/**
 * The load report of a lifetimes query: the tables' rows (as the memory engine counts a
 * file's) and the customers used; with `counts`, the customers table's exclusion counts
 * as memory reports them (countCustomers: one aggregate over the customers table).
 */
export async function lifetimeReport(
  conn: SqlConnection,
  src: SqlSources,
  used: number,
  churned: number,
  counts?: { spec: NormalizedChurnInput; asOf: number | undefined },
): Promise<LifetimeReport> {
  const report = emptyLifetimeReport();
  const asOf = counts?.asOf;
  // Without a customers table memory numbers the activity's distinct ids: those are the customers read.
  const acts = counts && asOf !== undefined ? await activityCounts(conn, counts.spec, src, asOf, { distinctIds: !src.customers }) : undefined;
  if (src.activity) report.files.push({ role: 'activity', file: src.activity.name, rows: acts ? acts.rows : await countRows(conn, src.activity) });
  if (src.customers) report.files.push({ role: 'customers', file: src.customers.name, rows: await countRows(conn, src.customers) });
  if (counts && asOf !== undefined) await countCustomers(conn, counts.spec, src, asOf, report);
  if (acts) {
    report.activity = { rowsRead: acts.rows, rowsUsed: acts.kept, excluded: { ...emptyReport().excluded, ...acts.excluded } };
    if (acts.ids !== undefined) {
      report.customers.read = acts.ids;
      // Anchored on first activity: the customers without a counted activity have no anchor.
      if (counts!.spec.anchor !== 'signup') report.customers.excluded.missingAnchor = acts.ids - used;
    }
  }
  Object.assign(report.customers, { used, churned, censored: used - churned });
  return report;
}
