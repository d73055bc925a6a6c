import type { RejectReport } from './rejects.js';
import { counted, thousands } from '../messages.js';
/** What churnTimes counted. */
export interface ChurnReport {
  /** Customers counted as churned at or before as-of. */
  churned: number;
  /** Churn times after as-of: still customers at as-of (not churned, censored). */
  churnAfterAsOf: number;
  /** Customers whose churn time is before their anchor (signup): left out of the run. */
  churnBeforeAnchor: number;
  /** Customers whose churn value is present but not a readable time: left out of the run. */
  badChurn: number;
}


/** Why activity rows or customers were left out of the computation. */
export interface Exclusions {
  /** Activity rows with no customer id. */
  missingId: number;
  /** Activity rows whose id has no row in the customers table. */
  unknownCustomer: number;
  /** Activity rows with an empty time. */
  missingTime: number;
  /** Activity rows whose time could not be read. */
  badTime: number;
  /** The first few (1-based) row numbers with an unreadable time. */
  badTimeRows: number[];
  /** Activity rows removed by --where filters (on either table). */
  filtered: number;
  /**
   * Compare only: activity rows kept by --where but in no compared group (no value of the
   * group column, or not among --groups; theirs or their customer's). Absent elsewhere.
   */
  noGroup?: number;
  /** Activity rows after the as-of instant. */
  afterAsOf: number;
  /** Activity rows before the customer's anchor (signup). */
  beforeAnchor: number;
  /** Activity rows of customers left out of every cohort (no readable signup, signup after as-of). */
  customerLeftOut: number;
}

/** A count of what went in and what was used: printed on stderr and carried in JSON. */
export interface LoadReport {
  files: { role: 'activity' | 'customers'; file: string; rows: number }[];
  /** What offsets count from: "signup (column)" or "first activity". */
  anchor: string;
  /** Activity rows read. */
  rowsRead: number;
  /** Activity rows that count. */
  rowsUsed: number;
  excluded: Exclusions;
  customers: {
    /** Customers placed in a cohort. */
    inCohorts: number;
    /**
     * Customers-table rows left out: no or unreadable signup, signup after as-of, duplicates,
     * filtered, in no compared group (compare only: kept by --where, no group).
     */
    excluded: { missingSignup: number; afterAsOf: number; duplicateId: number; filtered: number; missingId: number; noGroup?: number };
    /**
     * Customers-table customers in no cohort because, anchored on first activity, they have
     * no counted activity before as-of (none at all, or all of it filtered out).
     */
    withoutActivity?: number;
  };
  /** The latest readable activity time (ISO 8601), filters aside. */
  latestActivity?: string;
  /**
   * What a user should know before trusting the numbers (e.g. an as-of past the data that
   * makes thin periods count as complete); printed on stderr as "kohort: warning: ...".
   */
  warnings: string[];
  /** Amounts that were missing or not numbers (skipped in sums). */
  missingAmounts: number;
  /** Churn counts, in survival mode. */
  churn?: ChurnReport;
  /** Rows with present but unreadable values (time, amount), skipped (see --max-rejects). */
  rejects?: RejectReport;
}

/** An empty report for a run. */
export function emptyReport(): LoadReport {
  return {
    files: [],
    anchor: 'first activity',
    rowsRead: 0,
    rowsUsed: 0,
    excluded: {
      missingId: 0, unknownCustomer: 0, missingTime: 0, badTime: 0, badTimeRows: [],
      filtered: 0, afterAsOf: 0, beforeAnchor: 0, customerLeftOut: 0,
    },
    customers: { inCohorts: 0, excluded: { missingSignup: 0, afterAsOf: 0, duplicateId: 0, filtered: 0, missingId: 0 } },
    missingAmounts: 0,
    warnings: [],
  };
}

/** The exclusion reasons of activity rows, in the order they are applied, with their labels. */
export const EXCLUSION_LABELS: [keyof Exclusions, string][] = [
  ['missingId', 'missing id'],
  ['unknownCustomer', 'id not in the customers table'],
  ['missingTime', 'missing time'],
  ['badTime', 'unreadable time'],
  ['filtered', 'filtered by --where'],
  ['noGroup', 'in no compared group'],
  ['afterAsOf', 'after --as-of'],
  ['beforeAnchor', 'before the anchor (signup)'],
  ['customerLeftOut', 'of customers in no cohort'],
];

/** The report as short lines for stderr. */
export function formatReport(r: LoadReport): string[] {
  const lines = r.files.map((f) => `read ${counted(f.rows, 'row')} of ${f.role} from ${f.file}`);
  if (r.files.some((f) => f.role === 'activity')) {
    lines.push(`used ${thousands(r.rowsUsed)} of ${counted(r.rowsRead, 'activity row')}; offsets count from the ${r.anchor}`);
  }
  for (const [key, label] of EXCLUSION_LABELS) {
    const count = (r.excluded[key] as number | undefined) ?? 0;
    if (!count) continue;
    const rows = key === 'badTime' && r.excluded.badTimeRows.length ? ` (rows ${r.excluded.badTimeRows.join(', ')}, ...)` : '';
    lines.push(`  left out ${thousands(count)}: ${label}${rows}`);
  }
  const ce = r.customers.excluded;
  const cparts = [
    ce.missingId && `${thousands(ce.missingId)} without id`,
    ce.missingSignup && `${thousands(ce.missingSignup)} without a readable signup`,
    ce.afterAsOf && `${thousands(ce.afterAsOf)} signed up after --as-of`,
    ce.duplicateId && `${counted(ce.duplicateId, 'duplicate id')} (first row kept)`,
    ce.filtered && `${thousands(ce.filtered)} filtered by --where`,
    ce.noGroup && `${thousands(ce.noGroup)} in no compared group`,
  ].filter(Boolean);
  lines.push(`${counted(r.customers.inCohorts, 'customer')} in cohorts` + (cparts.length ? `; customers left out: ${cparts.join(', ')}` : ''));
  if (r.customers.withoutActivity) {
    lines.push(`  left out ${counted(r.customers.withoutActivity, 'customer')} without activity in the window (anchored on first activity)`);
  }
  if (r.missingAmounts) lines.push(`  ${counted(r.missingAmounts, 'missing amount')} skipped in sums`);
  if (r.rejects?.rows) {
    const cols = Object.entries(r.rejects.byColumn).map(([c, k]) => `${JSON.stringify(c)} ${thousands(k)}`).join(', ');
    const f = r.rejects.first!;
    lines.push(`rejected ${counted(r.rejects.rows, 'row')} with unreadable values (${cols}; within --max-rejects ${r.rejects.limit}), first ${f.file} row ${f.row}: ${JSON.stringify(f.value)} ${f.reason}`);
  }
  if (r.churn) {
    const c = r.churn;
    const left = [
      c.churnBeforeAnchor && `${thousands(c.churnBeforeAnchor)} churned before their anchor`,
      c.badChurn && `${thousands(c.badChurn)} with an unreadable churn time`,
    ].filter(Boolean);
    lines.push(`${thousands(c.churned)} churned by as-of, ${thousands(c.churnAfterAsOf)} churn after as-of (still customers then)` + (left.length ? `; left out: ${left.join(', ')}` : ''));
  }
  return lines;
}
