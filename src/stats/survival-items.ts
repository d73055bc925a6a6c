import type { ConfType } from './greenwood.js';
import { kaplanMeierInto, type CurveArrays } from './kaplan-meier.js';
import { logRankSumsInto, type LogRankSums, type PooledArrays, type Weights } from './log-rank.js';
import { medianSurvival } from './median.js';

/**
 * The statistics of a survival run as independent items, for two threads to share
 * (run-chunks.ts): item 0 is the test's sums across the groups, item 1 + g group g's
 * curve and median. Every array is the caller's (on SharedArrayBuffers for a worker).
 */
export interface SurvivalJob {
  groups: {
    time: Float64Array;
    nRisk: Int32Array;
    nEvent: Int32Array;
    /** Out: the curve's estimate columns. */
    curve: CurveArrays;
  }[];
  confType: ConfType;
  z: number;
  /** Out: per group, median estimate, lower, upper (NaN = none). */
  medians: Float64Array;
  /** The test, when there is one: its inputs, weights and (out) sums. */
  test?: { pooled: PooledArrays; weights: Weights; sums: LogRankSums };
}

/** Item k of a SurvivalJob (see there). */
export function survivalItem(job: SurvivalJob, k: number): void {
  if (k === 0) {
    if (job.test) logRankSumsInto(job.test.pooled, job.test.weights, job.test.sums);
    return;
  }
  const g = k - 1;
  const { time, nRisk, nEvent, curve } = job.groups[g];
  kaplanMeierInto(nRisk, nEvent, job.confType, job.z, curve);
  const m = medianSurvival({ time, ...curve });
  job.medians[3 * g] = m.estimate ?? NaN;
  job.medians[3 * g + 1] = m.lower ?? NaN;
  job.medians[3 * g + 2] = m.upper ?? NaN;
}
