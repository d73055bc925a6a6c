import { emptyLifetimeReport, type LifetimeReport } from '../../report/lifetime-report.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import type { SqlConnection } from './connection.js';
import { countRows } from './execute-matrix-sql.js';
import type { SqlSources } from './sql-builder.js';
import { countCustomers, customerCounts, paddedWarning } from './customer-counts-sql.js';
import { activityCounts, type ActivityCounts } from './activity-counts-sql.js';
import { activityPaddedWarning } from './padded-ids-sql.js';
import { emptyReport } from '../../report/load-report.js';
import { inactivityAsOfWarning } from '../../result/as-of-warning.js';
import { timeZone } from '../../time/zone.js';

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
  // Anchored on first activity with a customers table: its customers with a counted activity
  // (and of those, churn times after as-of) from the same aggregate (firstActivityCustomers).
  const spec0 = counts?.spec;
  const firstActivity = !!(spec0 && spec0.anchor === 'first-activity' && src.customers && spec0.customers?.id);
  const churn = firstActivity && spec0!.churn.kind === 'column' ? spec0!.churn.column : undefined;
  // Compare by an activity column, anchored on first activity: a customer whose kept rows are all in no group has no anchor for that reason.
  const noGroup = !!(spec0 && spec0.anchor !== 'signup' && spec0.filters.some((f) => f.group && f.table === 'activity'));
  const acts = counts && asOf !== undefined ? await activityCounts(conn, counts.spec, src, asOf, { distinctIds: !src.customers, churn, noGroup }) : undefined;
  if (src.activity) report.files.push({ role: 'activity', file: src.activity.name, rows: acts ? acts.rows : await countRows(conn, src.activity) });
  if (src.customers) report.files.push({ role: 'customers', file: src.customers.name, rows: await countRows(conn, src.customers) });
  if (counts && asOf !== undefined) await countCustomers(conn, counts.spec, src, asOf, report);
  if (firstActivity && acts && asOf !== undefined) await firstActivityCustomers(conn, counts!.spec, src, asOf, report, acts, used);
  const wa = acts && src.activity && spec0?.activity ? await activityPaddedWarning(conn, src.activity, spec0.activity.id, acts.padded, !!src.customers) : undefined;
  if (wa) report.warnings.push(wa);
  if (acts) {
    report.activity = { rowsRead: acts.rows, rowsUsed: acts.kept, excluded: { ...emptyReport().excluded, ...acts.excluded } };
    if (acts.ids !== undefined) {
      report.customers.read = acts.ids;
      // Anchored on first activity: the customers without a counted activity have no anchor.
      if (counts!.spec.anchor !== 'signup') report.customers.excluded.missingAnchor = acts.ids - used;
    }
    if (acts.noGroup !== undefined) {
      const ex = report.customers.excluded;
      ex.missingAnchor -= acts.noGroup;
      ex.noGroup = (ex.noGroup ?? 0) + acts.noGroup;
    }
  }
  const spec = counts?.spec;
  if (spec?.churn.kind === 'inactivity' && asOf !== undefined && acts?.latest !== undefined) {
    // Memory's warning of an as-of far past the data with inferred churn (customer-lifetimes.ts).
    const w = inactivityAsOfWarning({ asOf, latestActivity: acts.latest, windowDays: spec.churn.days, zone: timeZone(spec.tz) });
    if (w) report.warnings.push(w);
  }
  Object.assign(report.customers, { used, churned, censored: used - churned });
  return report;
}

/**
 * The customers table's counts anchored on first activity, as memory's customerLifetimes
 * counts them: customers read (the ids), without an id, filtered out, without a counted
 * activity (no anchor); from a churn column also those whose churn precedes their first
 * activity (active but not used) and whose churn is after as-of.
 */
async function firstActivityCustomers(
  conn: SqlConnection,
  spec: NormalizedChurnInput,
  src: SqlSources,
  asOf: number,
  report: LifetimeReport,
  acts: ActivityCounts,
  used: number,
): Promise<void> {
  const n = await customerCounts(conn, { ...spec, churn: undefined }, src, asOf, report.files.find((f) => f.role === 'customers')?.rows);
  if (!n) return;
  const ex = report.customers.excluded;
  const anchored = acts.active?.customers ?? used;
  Object.assign(ex, { missingId: n.missingId, filtered: n.filtered, missingAnchor: n.kept - anchored });
  report.customers.read = n.withId;
  if (acts.active) {
    ex.churnBeforeAnchor = anchored - used;
    report.customers.churnAfterAsOf = acts.active.churnAfter;
  }
  const w = paddedWarning(n, src);
  if (w) report.warnings.push(w);
}
