import type { NormalizedMatrixSpec } from '../../spec/normalize.js';
import type { ChurnReport } from '../../report/load-report.js';
import type { ActivityCounts } from './activity-counts-sql.js';
import type { MatrixRow } from './assemble-matrix.js';
import type { CustomerCounts } from './customer-counts-sql.js';
import { ALIVE } from './matrix-columns.js';

/**
 * matrixChurnReport: the churn counts of a survival matrix on SQL, as memory's matrixChurn
 * reports them: churned = the cohorts' customers whose last offset alive is not ALIVE (the
 * query's 'h' rows); from a churn column, churn before the anchor and after as-of come from
 * the customers table's aggregate (signup anchor) or the activity's (first-activity anchor:
 * a customer with counted activity in no cohort churned before it). Unreadable churn times
 * never get here (the SQL engines refuse them).
 */
export function matrixChurnReport(
  spec: Pick<NormalizedMatrixSpec, 'anchor' | 'customers'>,
  rows: readonly MatrixRow[],
  inCohorts: number,
  counts: CustomerCounts | undefined,
  acts: ActivityCounts | undefined,
): ChurnReport {
  let churned = 0;
  for (const r of rows) if (r.kind === 'h' && r.k < ALIVE) churned += r.n;
  const report: ChurnReport = { churned, churnAfterAsOf: 0, churnBeforeAnchor: 0, badChurn: 0 };
  if (!spec.customers?.churn) return report;
  if (spec.anchor === 'signup' && counts) {
    report.churnBeforeAnchor = counts.churnBeforeSignup;
    report.churnAfterAsOf = counts.churnAfterAsOf;
  } else if (acts?.active) {
    report.churnBeforeAnchor = acts.active.customers - inCohorts;
    report.churnAfterAsOf = acts.active.churnAfter;
  }
  return report;
}
