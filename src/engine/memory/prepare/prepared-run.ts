import type { Dataset } from '../../../load/dataset.js';
import type { ParsedTimes } from '../../../load/times/parse-time-column.js';
import type { LoadReport } from '../../../report/load-report.js';
import type { Zone } from '../../../time/zone.js';
import type { Cohorts } from './assign-cohorts.js';
import type { CustomerIndex } from './customer-index.js';
import type { EventInputs, Events } from './prepare-events.js';
import type { SignupAnchors } from './run-columns.js';

/** What a later run may reuse of a prepared run (RunOptions.reuse). */
export type Reusable = Pick<PreparedRun, 'shared'>;

/** A time column parsed, with the rows whose value is present but unreadable. */
export interface ParsedColumn {
  times: ParsedTimes;
  /** 1 where the value is present but not a readable time; undefined when there is none. */
  unreadable?: Uint8Array;
}

/** The inputs of a run, prepared: customers numbered, events kept, anchors set. */
export interface PreparedRun {
  zone: Zone;
  report: LoadReport;
  act?: Dataset;
  cus?: Dataset;
  index: CustomerIndex;
  asOf: number;
  /** Customers removed by a --where on the customers table (1), or in no compared group (NO_GROUP). */
  customerRemoved?: Uint8Array;
  /** 1 = a customer with an activity row --where keeps but in no compared group (compare's group filter). */
  noGroupCustomers?: Uint8Array;
  events?: Events;
  /** The activity rows as they were read, with what decides which count (with rawEvents). */
  eventInputs?: EventInputs;
  /** The earliest readable activity time, when the parser saw it (with rawEvents). */
  earliestActivity?: number;
  /**
   * Anchor instant per customer; NaN = in no cohort (reasons counted in the report).
   * Signup anchors may be another run's (SharedPreparation.anchors): never written into;
   * a step that leaves customers out makes a copy (churnTimes).
   */
  anchor: Float64Array;
  /** The earliest signup anchor (Infinity when none), with signup anchors: earliestTime(anchor) without its pass. */
  earliestAnchor?: number;
  /** Index (into events) of each customer's first counted event, -1 = none (with firstEvents; else empty). */
  firstEvent: Int32Array;
  /** The extra time column, parsed (with extraTime). */
  extra?: ParsedColumn;
  /** What another run on the same customers table can take (RunOptions.reuse). */
  shared?: SharedPreparation;
}

/** The pieces of a run another run on the same tables can take, with what they were made from. */
export interface SharedPreparation {
  numbering: {
    act?: Dataset;
    cus?: Dataset;
    actId?: string;
    cusId?: string;
    strict: boolean;
    index: CustomerIndex;
    /** The customers report counts of the numbering (missing and duplicate ids). */
    missingId: number;
    duplicateId: number;
    /** The warnings of the join (no activity id in the customers table), for a run taking the whole index. */
    warnings: string[];
  };
  /** Time columns parsed, by table, column, zone and format. */
  times: Map<string, { d: Dataset; times: ParsedTimes }>;
  /** The customers-table filters (as JSON) and the customers they removed. */
  filters?: { key: string; removed: Uint8Array | undefined; count: number; noGroup: number };
  /** Signup anchors and what they were made from (parsed signups, as-of, customers, filter). */
  anchors?: SignupAnchors;
  /** Cohorts of customers-table attribute values, by attributes, with what they were made from (sharedCohorts). */
  cohorts: Map<string, { customers: Dataset; customersRow: Int32Array; anchor: Float64Array; cohorts: Cohorts }>;
}
