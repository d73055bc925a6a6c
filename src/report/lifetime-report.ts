import type { Exclusions } from './load-report.js';

/** Why customers were left out of a churn analysis (survival or CRR). */
export interface LifetimeExclusions {
  /** Customers-table rows without an id. */
  missingId: number;
  /** Customers-table rows repeating an earlier id (the first row is kept). */
  duplicateId: number;
  /** Customers removed by --where. */
  filtered: number;
  /** Compare only: customers kept by --where but in no compared group. Absent elsewhere. */
  noGroup?: number;
  /** Customers without a readable signup time (or, without a signup column, without counted activity). */
  missingAnchor: number;
  /** Customers who signed up at or after as-of. */
  anchorAfterAsOf: number;
  /** Customers whose churn value is not a readable time. */
  badChurn: number;
  /** Customers whose churn time is before their signup (never a negative duration). */
  churnBeforeAnchor: number;
  /** Rows with an empty or unreadable duration (--duration). */
  missingDuration: number;
  /** Rows with a duration below 0 (--duration). */
  negativeDuration: number;
  /** Rows with an empty event value (--event). */
  missingEvent: number;
}

/** The counts of a churn analysis: printed on stderr and carried in JSON as "report". */
export interface LifetimeReport {
  files: { role: 'activity' | 'customers'; file: string; rows: number }[];
  /** Activity rows read and used, and why the others were left out (with an activity table). */
  activity?: { rowsRead: number; rowsUsed: number; excluded: Exclusions };
  customers: {
    /** Customers found: distinct ids, or rows when there is no id column. */
    read: number;
    /** Customers in the analysis. */
    used: number;
    /** Of those, churned at or before as-of (events). */
    churned: number;
    /** Of those, still customers at as-of (censored). */
    censored: number;
    /** Churn times after as-of, counted as still customers. */
    churnAfterAsOf: number;
    excluded: LifetimeExclusions;
  };
  /** Labels of groups with a single customer (a one-step curve without an interval). */
  singleCustomerGroups: string[];
  /** What a user should know before trusting the numbers (printed as "kohort: warning: ..."). */
  warnings: string[];
}

/** An empty report. */
export function emptyLifetimeReport(): LifetimeReport {
  return {
    files: [],
    customers: {
      read: 0,
      used: 0,
      churned: 0,
      censored: 0,
      churnAfterAsOf: 0,
      excluded: {
        missingId: 0, duplicateId: 0, filtered: 0, missingAnchor: 0, anchorAfterAsOf: 0,
        badChurn: 0, churnBeforeAnchor: 0, missingDuration: 0, negativeDuration: 0, missingEvent: 0,
      },
    },
    singleCustomerGroups: [],
    warnings: [],
  };
}
