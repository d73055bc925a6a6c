import type { ChurnReport } from '../../../report/load-report.js';
import { DAY_MS } from '../../../time/civil.js';

/** A report with every count at 0. */
export function emptyChurnReport(): ChurnReport {
  return { churned: 0, churnAfterAsOf: 0, churnBeforeAnchor: 0, badChurn: 0 };
}

/** Churn from a churn time column on the customers table (METRICS.md section 1). */
export interface ChurnFromColumn {
  /** Churn instant (epoch ms) of each customers-table row; NaN = empty (still a customer) or unreadable. */
  churnByRow: Float64Array;
  /** The customers-table row of each customer (CustomerIndex.customersRow). */
  customersRow: Int32Array;
  /** 1 where a row's churn value is present but unreadable (those customers are left out). */
  badByRow?: Uint8Array;
}

/** Churn inferred from activity (METRICS.md section 6). */
export interface ChurnFromActivity {
  /** The inactivity window W in days (> 0). */
  inactiveAfterDays: number;
  /** Customer number of each counted activity row (Events.customer). */
  eventCustomer: Int32Array;
  /** Instant of each counted activity row, epoch ms (Events.time); rows after as-of already left out. */
  eventTime: Float64Array;
}

/**
 * churnTimes: the churn instant of each customer (numbered as by customerIndex), epoch ms,
 * NaN = not churned by as-of.
 *
 * - From a churn column: empty = still a customer; a churn after `asOf` = still a customer
 *   at as-of; a churn at or before `asOf` = churned then. A churn before the customer's
 *   anchor (or an unreadable one) takes the customer out of the run: its anchor is made
 *   NaN (in no cohort, no curve) and it is counted, so no duration is ever negative.
 * - From activity: churned at (last activity + W) when that is at or before `asOf`, else
 *   still a customer. A customer with an anchor (signup) but no counted activity is taken as
 *   last seen at its anchor.
 *
 * Customers whose `anchor` is NaN on entry are not in the run: their churn is NaN and they
 * are not counted. `anchor` is only read (another run may hold it: PreparedRun.anchor):
 * the returned `anchor` is the one given, or, when someone was taken out, a copy with
 * their anchors NaN.
 */
export function churnTimes(
  given: Float64Array,
  asOf: number,
  source: ChurnFromColumn | ChurnFromActivity,
  report: ChurnReport,
): { churn: Float64Array; anchor: Float64Array } {
  let anchor = given;
  const n = anchor.length;
  const churn = new Float64Array(n).fill(NaN);
  if ('churnByRow' in source) {
    const { churnByRow, customersRow, badByRow } = source;
    for (let c = 0; c < n; ++c) {
      const a = anchor[c];
      if (a !== a) continue;
      const row = customersRow[c];
      const t = churnByRow[row];
      if (t !== t) {
        if (badByRow && badByRow[row]) {
          ++report.badChurn;
          if (anchor === given) anchor = given.slice();
          anchor[c] = NaN;
        }
        continue;
      }
      if (t < a) {
        ++report.churnBeforeAnchor;
        if (anchor === given) anchor = given.slice();
        anchor[c] = NaN;
      } else if (t > asOf) {
        ++report.churnAfterAsOf;
      } else {
        churn[c] = t;
        ++report.churned;
      }
    }
    return { churn, anchor };
  }

  // Last counted activity per customer, then + W.
  const { eventCustomer, eventTime, inactiveAfterDays } = source;
  const last = new Float64Array(n).fill(-Infinity);
  for (let i = 0; i < eventCustomer.length; ++i) {
    const c = eventCustomer[i];
    if (c < 0) continue;
    const t = eventTime[i];
    if (t > last[c]) last[c] = t;
  }
  const w = inactiveAfterDays * DAY_MS;
  for (let c = 0; c < n; ++c) {
    const a = anchor[c];
    if (a !== a) continue;
    const seen = last[c] > a ? last[c] : a;
    const t = seen + w;
    if (t <= asOf) {
      churn[c] = t;
      ++report.churned;
    }
  }
  return { churn, anchor };
}
