import type { LoadReport } from '../report/load-report.js';
import type { NormalizedMatrixSpec } from '../spec/normalize.js';

/**
 * The computed matrix, engine-neutral plain data: cohorts in output order and flat
 * cell arrays, row-major (cell (c, k) at c * width + k).
 */
export interface MatrixResult {
  spec: NormalizedMatrixSpec;
  /** The as-of instant used (epoch ms). */
  asOf: number;
  /** Offsets 0..width-1. */
  width: number;
  cohorts: {
    count: number;
    /** N_c. */
    size: Int32Array;
    /** Label of each cohort's time part ("2024-01"), when the cohort has one. */
    label?: string[];
    /** Period index of each cohort's time part (at the cohort granularity), when it has one. */
    period?: Int32Array;
    /** Per attribute column, the value of each cohort. */
    attributes: { name: string; values: (string | null)[] }[];
    /** Period index (offset granularity) of each cohort's offset 0, or NO_DAY when its members differ. */
    cellPeriod: Int32Array;
  };
  cells: {
    /** The count behind each value: customers counted in the cell. */
    active: Int32Array;
    /** The measure; NaN where it has no value (e.g. revenue at offset 0 is 0). */
    value: Float64Array;
    /** 1 where the cell's period ended at or before as-of. */
    complete: Uint8Array;
    /** 1 where the cell's period has begun before as-of (shown, flagged, with partial). */
    observed: Uint8Array;
    /** Sum of amounts at offset k (revenue modes). */
    revenue?: Float64Array;
    /**
     * Rolling completeness: eligible(c, k), the members of c whose own offset-k period
     * ended at or before as-of; the cell's denominator. A cell is complete when it is > 0.
     */
    eligible?: Int32Array;
  };
  /** The size-weighted average over complete cells, per offset. */
  average: {
    /** Sum of the counts behind the value. */
    active: Float64Array;
    /** Sum of the cohort sizes included at each offset. */
    size: Float64Array;
    /** Sum of numerators / sum of denominators; NaN where no cohort is complete. */
    value: Float64Array;
    /** Cohorts included at each offset. */
    cohorts: Int32Array;
    /** Rolling completeness: the sum of eligible(c, k), the average's denominator for shares. */
    eligible?: Float64Array;
  };
  report: LoadReport;
}
