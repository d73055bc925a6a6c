import type { Granularity, WeekStart } from '../time/periods.js';
import type { RejectSpec } from './reject-options.js';
/**
 * The spec types are the schema: what a user may ask of kohort, with the default of
 * every field. The CLI builds a spec from its flags; library users write one.
 * Nothing in a spec is ever evaluated as code.
 */

// The calendar's words are time/'s (the floor every stage stands on); the spec names them.
export type { Granularity, WeekStart };

/** The measure shown in each cell of the matrix. */
export type Mode = 'classic' | 'unbounded' | 'revenue' | 'gross-revenue' | 'ltv' | 'survival';

/** How the offset k of an activity is counted (METRICS.md section 2). */
export type OffsetKind = 'calendar' | 'elapsed';

/**
 * Which members a cell counts (METRICS.md section 3). "strict": cell (c, k) is complete
 * when the period at offset k of the cohort's latest member has ended, and then counts
 * every member. "rolling": cell (c, k) counts only the members whose own offset-k
 * period has ended (eligible(c, k), reported beside the value).
 */
export type Completeness = 'strict' | 'rolling';

/** What a customer's offsets count from. */
export type Anchor = 'signup' | 'first-activity';

/** Comparison operators of a `where` filter. `^=` is "starts with", `!^=` "does not start with". */
export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '^=' | '!^=';

/** One filter `<column> <op> <value>`, parsed from text, never evaluated as code. */
export interface Filter {
  column: string;
  op: FilterOp;
  value: string;
}

/** Which input column plays which role. Omitted roles are auto-detected where possible. */
export interface ColumnRoles {
  /** Customer id (in both tables when both are given). Detected from common names when omitted. */
  id?: string;
  /** Activity timestamp. Detected from common names when omitted. */
  time?: string;
  /** Signup time on the customers table; the anchor when given (else the first activity). */
  signup?: string;
  /** Amount: a column, or the product of two columns written "A*B" (e.g. "Quantity*UnitPrice"). */
  amount?: string;
  /** Churn time on the customers table (empty = still a customer). */
  churn?: string;
}

/** Where the data comes from. Paths are read by the loaders; formats sniffed when omitted. */
export interface InputSpec {
  /** Activity table: one row per event, order or billed period. */
  activity?: string;
  /** Customers table: one row per customer, with attributes and optionally signup/churn. */
  customers?: string;
  /** Force the input format instead of sniffing it from the extension and bytes. */
  format?: 'csv' | 'ndjson' | 'arrow' | 'parquet';
  /** CSV delimiter; sniffed when omitted (comma, tab, semicolon, pipe, whitespace runs). */
  delimiter?: string;
  /** CSV: whether the first row names the columns. Default true. */
  header?: boolean;
  /** CSV without a header (`header: false`): the column names in order (else col_1, col_2, ...). */
  columnNames?: string[];
}

/** A retention matrix request. Every field but the input has a default. */
export interface MatrixSpec extends RejectSpec {
  input: InputSpec;
  /** Column roles; auto-detected when omitted. */
  columns?: ColumnRoles;
  /**
   * Cohort definition: items are a granularity (the anchor's period) or a column name
   * (an attribute such as channel). Default: ["month"].
   */
  cohort?: string[];
  /** Offset granularity. Default: the cohort granularity when it is "day" or "week", else "month". */
  period?: Granularity;
  /** Calendar (default) or elapsed offsets. */
  offsets?: OffsetKind;
  /** First day of the week. Default "monday" (ISO). */
  weekStart?: WeekStart;
  /** The measure. Default "classic". */
  mode?: Mode;
  /** IANA time zone for all calendar bucketing. Default "UTC". */
  tz?: string;
  /**
   * The as-of instant: activity after it is left out and cells whose period ends after
   * it are incomplete. A date alone means the start of that day. Default: the end of
   * the day of the latest timestamp.
   */
  asOf?: string;
  /** Show incomplete cells, flagged complete = false. Default false (they are absent). */
  partial?: boolean;
  /** Largest offset shown. Default: no limit. */
  maxOffset?: number;
  /**
   * The anchor of each customer: "signup" (the customers table's signup column) or
   * "first-activity". Default: signup when the customers table has a signup column.
   */
  anchor?: Anchor;
  /** Filters on activity rows, ANDed. Text form "<column> <op> <value>" or parsed. */
  where?: (string | Filter)[];
  /** Churn inferred from inactivity, e.g. "90d" (METRICS.md section 6); for survival mode. */
  inactiveAfter?: string;
  /**
   * Strict or rolling completeness (METRICS.md section 3). Default: rolling for cohorts
   * without a time part (e.g. ["channel"]), strict for cohorts with one; strict whenever
   * `partial` is asked for (rolling cells are complete by construction).
   */
  completeness?: Completeness;
  /** An NPS score column (0-10): makes "nps_class" (promoter / passive / detractor) a cohort item. */
  nps?: string;
}

/** The defaults of MatrixSpec, in one place. */
export const MATRIX_DEFAULTS = {
  cohort: ['month'],
  period: 'month',
  offsets: 'calendar',
  weekStart: 'monday',
  mode: 'classic',
  tz: 'UTC',
  partial: false,
  strict: false,
} as const satisfies Partial<MatrixSpec>;

/** Every {@link Granularity}, finest first. */
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month', 'quarter', 'year'];
/** Every {@link Mode}. */
export const MODES: readonly Mode[] = ['classic', 'unbounded', 'revenue', 'gross-revenue', 'ltv', 'survival'];
/** Every {@link OffsetKind}. */
export const OFFSET_KINDS: readonly OffsetKind[] = ['calendar', 'elapsed'];
/** Every {@link Anchor}. */
export const ANCHORS: readonly Anchor[] = ['signup', 'first-activity'];
/** Every {@link WeekStart}. */
export const WEEK_STARTS: readonly WeekStart[] = ['monday', 'sunday'];
/** Every {@link Completeness}. */
export const COMPLETENESS: readonly Completeness[] = ['strict', 'rolling'];
