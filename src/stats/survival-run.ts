import { STALL_MS } from '../parallel/stall.js';
import { sharedArray } from '../parallel/shared-storage.js';
import type { ConfType } from './greenwood.js';
import { kaplanMeierDeferred, kaplanMeierFilled, kaplanMeierInto, survivalInto, type CurveArrays, type KMCurve, type KMOptions } from './kaplan-meier.js';
import { logRankSumsInto, type LogRankSums, type Weights } from './log-rank.js';
import { medianSurvival, type SurvivalQuantile } from './median.js';
import { tallyItem, type PooledTally, type TallyJob } from './pooled-tally.js';

/**
 * A grouped survival run after the customers' durations, as one kernel run that the
 * engine's worker can take whole while the calling thread does other work (run-chunks.ts
 * startChunks), the calling thread claiming what is left when it is free:
 *
 *   item 0      the tallies: keys sorted and walked (tallyItem)
 *   item 1      the test's sums across the groups (logRankSumsInto)
 *   item 2 + g  group g's curve (kaplanMeierInto) and median; with `deferBand`, its S and
 *               Greenwood sums only (survivalInto): the rest is computed when read
 *
 * Items after 0 wait for it (`ready`). Every array is on shared memory; group g's curve
 * is written at its tally's slots, start[g] .. end[g] of the tally columns. The numbers
 * are those of groupedTallies -> kaplanMeierTallies, medianSurvival, logRankPooled, bit
 * for bit: the same functions on the same entries in the same order.
 */
export interface SurvivalRunJob {
  tally: TallyJob;
  /** Per group, 1 when a duration was -0 (its first time is then -0, as PooledTally has it). */
  negativeZero: Uint8Array;
  /** [0] = 1 once item 0 has run. */
  ready: Int32Array;
  confType: ConfType;
  z: number;
  /** Out: the curves' columns, as long as the tally columns (with `deferBand`, S only: the others are empty). */
  curve: CurveArrays;
  /**
   * With `deferBand` (else empty), out: the curves' Greenwood sums; the items leave the
   * errors, intervals and medians to be computed when read (see kaplanMeierDeferred).
   */
  greenwood: Float64Array;
  deferBand: boolean;
  /** Out: per group, median estimate, lower, upper (NaN = none). */
  medians: Float64Array;
  /** The test, when there is one: its weights, customers per group and (out) sums. */
  test?: { weights: Weights; n: Float64Array; sums: LogRankSums };
  /** How long an item waits for item 0 before running it itself (default run-chunks' STALL_MS; tests shorten it). */
  stallMs?: number;
}

/** Items of a SurvivalRunJob over `groups` groups. */
export const survivalRunItems = (groups: number): number => groups + 2;

/** Item k of a SurvivalRunJob (see there): a kernel, run once by one thread or redone. */
export function survivalRunItem(job: SurvivalRunJob, k: number): void {
  const { start } = job.tally;
  const cols = job.tally.out.cols;
  if (k === 0) {
    tallyItem(job.tally, 0);
    for (let g = 0; g < job.negativeZero.length; g++) if (job.negativeZero[g] && cols.time[start[g]] === 0) cols.time[start[g]] = -0;
    Atomics.store(job.ready, 0, 1);
    Atomics.notify(job.ready, 0);
    return;
  }
  // The thread that claimed item 0 may have died or thrown: after a stall (as
  // run-chunks' redo) this thread runs it, so the run goes on or its error surfaces here.
  while (Atomics.load(job.ready, 0) === 0) {
    if (Atomics.wait(job.ready, 0, 0, job.stallMs ?? STALL_MS) === 'timed-out' && Atomics.load(job.ready, 0) === 0) survivalRunItem(job, 0);
  }
  const G = start.length - 1;
  if (k === 1) {
    if (!job.test) return;
    const { out } = job.tally;
    const pooled = { time: cols.time, nEvent: cols.nEvent, nCensor: cols.nCensor, start: start.subarray(0, G), order: out.order.subarray(0, out.entries[0]), n: job.test.n };
    logRankSumsInto(pooled, job.test.weights, job.test.sums);
    return;
  }
  const g = k - 2;
  const curve = groupCurve(job.curve, start[g], cols.end[g]);
  if (job.deferBand) {
    survivalInto(cols.nRisk.subarray(start[g], cols.end[g]), cols.nEvent.subarray(start[g], cols.end[g]), { survival: curve.survival, greenwood: job.greenwood.subarray(start[g], cols.end[g]) });
    return;
  }
  kaplanMeierInto(cols.nRisk.subarray(start[g], cols.end[g]), cols.nEvent.subarray(start[g], cols.end[g]), job.confType, job.z, curve);
  const m = medianSurvival({ time: cols.time.subarray(start[g], cols.end[g]), ...curve });
  job.medians[3 * g] = m.estimate ?? NaN;
  job.medians[3 * g + 1] = m.lower ?? NaN;
  job.medians[3 * g + 2] = m.upper ?? NaN;
}

/** The curve columns of one group: its slots of the run's columns. */
function groupCurve(c: CurveArrays, lo: number, hi: number): CurveArrays {
  return { survival: c.survival.subarray(lo, hi), stdErr: c.stdErr.subarray(lo, hi), lower: c.lower.subarray(lo, hi), upper: c.upper.subarray(lo, hi) };
}

/** A SurvivalRunJob for a tally job (tallyJob) over groups of `n` customers each, its outputs on shared memory. */
export function survivalRunJob(
  tally: TallyJob,
  negativeZero: Uint8Array,
  km: { confType: ConfType; z: number },
  weights: Weights | undefined,
  deferBand = false,
): SurvivalRunJob {
  const m = tally.out.cols.time.length;
  const G = tally.start.length - 1;
  const column = (): Float64Array => sharedArray(Float64Array, m);
  const unused = (): Float64Array => sharedArray(Float64Array, 0);
  const n = new Float64Array(G);
  for (let g = 0; g < G; g++) n[g] = tally.start[g + 1] - tally.start[g];
  const shared = (len: number): Float64Array => sharedArray(Float64Array, len);
  return {
    tally,
    negativeZero: Uint8Array.from(negativeZero),
    ready: sharedArray(Int32Array, 1),
    confType: km.confType,
    z: km.z,
    curve: { survival: column(), stdErr: deferBand ? unused() : column(), lower: deferBand ? unused() : column(), upper: deferBand ? unused() : column() },
    greenwood: deferBand ? column() : unused(),
    deferBand,
    medians: shared(3 * G),
    test: weights && { weights, n, sums: { observed: shared(G), expected: shared(G), V: shared(G * G) } },
  };
}

/**
 * The results of a SurvivalRunJob whose items have all run, on the PooledTally of its
 * tally; with `deferBand`, no medians (medianSurvival on a curve gives them when read).
 */
export function survivalRunResults(job: SurvivalRunJob, pooled: PooledTally, km: KMOptions): { curves: KMCurve[]; medians?: SurvivalQuantile[]; sums?: LogRankSums } {
  const { start } = job.tally;
  const { end } = job.tally.out.cols;
  if (job.deferBand) {
    const sums = pooled.groups.map((_, g) => ({ survival: job.curve.survival.subarray(start[g], end[g]), greenwood: job.greenwood.subarray(start[g], end[g]) }));
    return { curves: kaplanMeierDeferred(pooled.groups, km, sums), sums: job.test?.sums };
  }
  const orNull = (x: number): number | null => (x === x ? x : null);
  const columns = pooled.groups.map((_, g) => groupCurve(job.curve, start[g], end[g]));
  const medians = pooled.groups.map((_, g) => ({ estimate: orNull(job.medians[3 * g]), lower: orNull(job.medians[3 * g + 1]), upper: orNull(job.medians[3 * g + 2]) }));
  return { curves: kaplanMeierFilled(pooled.groups, km, columns), medians, sums: job.test?.sums };
}
