import type { LoadReport } from '../report/load-report.js';
import type { PAdjustMethod } from '../stats/adjust-p.js';
import { survivalJSON, type SurvivalJSON } from './survival-json.js';
import type { SurvivalResult } from './survival-result.js';

/** One point of a group's average retention curve. */
export interface ComparePoint {
  offset: number;
  /** Share retained at the offset: active / eligible (dated data), or Kaplan-Meier S at its end. */
  value: number;
  /** Customers counted in the cell; null for Kaplan-Meier points (durations given directly). */
  active: number | null;
  /** The denominator: members whose offset had ended (rolling), or the number at risk. */
  eligible: number;
}

/** One group: its key (a value of the --by column, or "true"/"false" for a condition), size and curve. */
export interface CompareGroup {
  key: string;
  n: number;
  average: ComparePoint[];
}

/** A group against the reference at one offset. */
export interface CompareDifference {
  group: string;
  reference: string;
  offset: number;
  /** value(group) - value(reference), as a share (0.061 = 6.1 points). */
  diff: number | null;
  lower: number | null;
  upper: number | null;
  /** Two-proportion z-test (or, for Kaplan-Meier points, a Greenwood z-test). */
  p: number | null;
  /** p adjusted across the group's offsets (holm, bh or none). */
  p_adjusted: number | null;
}

/** Revenue per customer of one group, with the difference from the reference. */
export interface CompareRevenue {
  group: string;
  customers: number;
  mean: number | null;
  sd: number | null;
  lower: number | null;
  upper: number | null;
  total: number;
  /** Customers of the group without a value (left out of the mean). */
  missing: number;
  /** mean(group) - mean(reference), Welch normal interval and p; null for the reference. */
  diff: number | null;
  diff_lower: number | null;
  diff_upper: number | null;
  p: number | null;
}

/** How the per-offset curves were computed. */
export type CurveMethod = 'rolling' | 'kaplan-meier';

/** The comparison: engine-neutral plain data. */
export interface CompareResult {
  /** The group column, or the condition's text. */
  by: string;
  /** Whether `by` is a condition (groups "true" and "false"). */
  condition: boolean;
  reference: string;
  adjust: PAdjustMethod;
  confLevel: number;
  /** The mode of the curves (classic, unbounded or survival). */
  mode: string;
  /** Offsets are periods of this granularity (or duration units). */
  period: string;
  method: CurveMethod;
  groups: CompareGroup[];
  differences: CompareDifference[];
  survival: SurvivalResult | null;
  revenue: CompareRevenue[] | null;
  summary: string;
  /** The as-of instant (epoch ms) of dated data. */
  asOf?: number;
  /** The matrix run's load report (dated data). */
  report?: LoadReport;
  /** Rows of the group column's table in no compared group, whatever else left them out (the report counts those only the groups left out as noGroup). */
  outside: { table: 'activity' | 'customers'; rows: number };
  /**
   * The comparison as resolved for the run (the `kohort.resolved` metadata of Arrow and
   * Parquet outputs): its options with the defaults filled, and the resolved specs its
   * curves (`curves`, a matrix spec) and survival part (`survival`) ran with.
   */
  spec?: CompareResolved;
}

/** {@link CompareResult.spec}: the result's own settings, with what they were resolved from. */
export type CompareResolved = Pick<CompareResult, 'by' | 'condition' | 'reference' | 'adjust' | 'confLevel' | 'mode' | 'period' | 'method'> & {
  /** The compare spec as given, without its input (the inputs are in kohort.inputs) and its empty options; keys sorted. */
  options: Record<string, unknown>;
  /** The matrix spec of the curves as resolved (dated data). */
  curves?: unknown;
  /** The survival part's spec as resolved. */
  survival?: unknown;
};

/** The JSON document of `kohort compare --format json`. */
export interface CompareJSON {
  groups: CompareGroup[];
  differences: CompareDifference[];
  survival: SurvivalJSON | null;
  revenue: CompareRevenue[];
  summary: string;
}

/** compareJSON: groups, differences, survival (as kohort survival's JSON), revenue and the summary line. */
export function compareJSON(r: CompareResult): CompareJSON {
  return {
    groups: r.groups,
    differences: r.differences,
    survival: r.survival ? survivalJSON(r.survival) : null,
    revenue: r.revenue ?? [],
    summary: r.summary,
  };
}
