import { emptyLifetimeReport } from '../../../report/lifetime-report.js';
import { groupLabel, type SurvivalGroup, type SurvivalResult } from '../../../result/survival-result.js';
import type { NormalizedSurvivalSpec } from '../../../spec/survival-spec.js';
import { unitMs } from '../../../spec/units.js';
import { checkSurvivalGroups } from '../../../spec/group-limit.js';
import { asShared, sharedArray } from '../../../parallel/shared-storage.js';
import { kaplanMeierFilled, kaplanMeierGroups, kaplanMeierTallies, kmSettings, type CurveArrays, type KMCurve, type KMOptions } from '../../../stats/kaplan-meier.js';
import { logRankPooled, pooledArrays, resolveWeights, type LogRankOptions, type LogRankSums } from '../../../stats/log-rank.js';
import { medianSurvival, survivalAt, type SurvivalQuantile } from '../../../stats/median.js';
import { defaultAtTimes } from '../../../stats/default-at.js';
import { groupedTallies, tallyJob, type PooledTally } from '../../../stats/pooled-tally.js';
import { survivalRunItem, survivalRunItems, survivalRunJob, survivalRunResults } from '../../../stats/survival-run.js';
import { survivalItem, type SurvivalJob } from '../../../stats/survival-items.js';
import { chunkWorkerAvailable, runChunks, startChunks } from '../../../parallel/run-chunks.js';
import type { Cohorts } from '../prepare/assign-cohorts.js';
import { customerLifetimes } from './customer-lifetimes.js';
import { durationsFromTimes, scannedDurations } from './durations-from-times.js';
import type { RowScan } from '../../../stats/survival-tally.js';
import type { WholeKeys } from '../../../stats/whole-keys.js';
import { givenDurations } from './given-durations.js';
import type { InputTables } from '../../../load/input-tables.js';
import type { Reusable } from '../prepare/prepared-run.js';
import type { SharedRejects } from '../../../report/rejects.js';

/**
 * executeSurvival: Kaplan-Meier curves per group and the test across them (METRICS.md
 * section 7), in memory.
 *
 *   dates:      customerLifetimes (anchor, churn, as-of, groups) -> durationsFromTimes
 *   durations:  givenDurations (--duration, --event, groups)
 *       -> groupedTallies (with --by: one sort gives the group tallies in pooled order)
 *       -> kaplanMeierTallies (Greenwood, intervals) -> medianSurvival, survivalAt
 *       -> logRankPooled across the groups (with --by)
 */
export function executeSurvival(given: NormalizedSurvivalSpec, inputs: InputTables, opts: { reuse?: Reusable; sharedRejects?: SharedRejects } = {}): SurvivalResult {
  return startSurvival(given, inputs, opts).finish();
}

/** A survival run started by startSurvival. */
export interface StartedSurvival {
  /** The run's result (the grouped tallies waited for, the curves and the test computed). */
  finish(): SurvivalResult;
}

/**
 * startSurvival: executeSurvival up to the customers' durations now; with `background`
 * (and --by, many customers, a worker), the grouped tallies' sort is handed to the
 * engine's worker, so that this thread can run something else before finish().
 * Without it, the steps after the durations all run in finish. With `deferBand` too, the
 * curves' errors and intervals, the medians and the S at `at` times are computed when
 * first read (the same numbers): a comparison's Arrow and CSV outputs read none.
 */
export function startSurvival(
  given: NormalizedSurvivalSpec,
  inputs: InputTables,
  opts: { reuse?: Reusable; background?: boolean; deferBand?: boolean; sharedRejects?: SharedRejects } = {},
): StartedSurvival {
  let spec = given;
  let duration: Float64Array;
  let event: Uint8Array;
  let groups: Cohorts;
  let asOf: number | undefined;
  let report = emptyLifetimeReport();
  let scan: RowScan | undefined;
  let whole: WholeKeys | undefined;
  const background = opts.background === true && spec.by.length > 0;
  if (spec.churn.kind === 'duration') {
    ({ duration, event, groups, report } = givenDurations(spec, inputs, opts.sharedRejects ?? spec.rejectsFile));
  } else {
    const life = customerLifetimes(spec, inputs, { reuse: opts.reuse, sharedRejects: opts.sharedRejects });
    ({ groups, report, asOf } = life);
    // Bound for the worker: the rows' scan made with the durations, on shared memory.
    if (background && life.count >= PARALLEL_CUSTOMERS && chunkWorkerAvailable()) {
      ({ duration, event, scan, whole } = scannedDurations(life.anchor, life.churn, life.asOf, unitMs(spec.unit), groups.of, groups.count));
    } else ({ duration, event } = durationsFromTimes(life.anchor, life.churn, life.asOf, unitMs(spec.unit)));
  }
  checkSurvivalGroups(spec.by.map((a) => a.column), groups.count);
  // Durations in the column's own unit: report S at round times inside their range.
  if (spec.atFromData) spec = { ...spec, at: defaultAtTimes(duration) };

  // With --by, one sort gives the groups' curves and the pooled order the test walks.
  const km = { confType: spec.ci, level: spec.confLevel };
  const testOpts = { test: spec.test, rho: spec.rho, q: spec.q };
  const parallel = duration.length >= PARALLEL_CUSTOMERS && chunkWorkerAvailable();
  const split = background && parallel ? tallyJob(duration, event, groups.of, groups.count, scan, whole) : null;
  // In the background, the whole run after the durations (tallies, curves, medians, the
  // test's sums) goes to the worker now; finish() claims the items it has not reached.
  const job = split ? survivalRunJob(split.job, split.negativeZero, kmSettings(km), resolveWeights(testOpts), opts.deferBand === true) : undefined;
  const started = job ? startChunks('survivalRun', job, survivalRunItems(groups.count)) : undefined;
  return {
    finish() {
      if (job && started) started.finish(survivalRunItem);
      else if (job) for (let k = 0; k < survivalRunItems(groups.count); ++k) survivalRunItem(job, k);
      const pooled = split ? split.finish() : spec.by.length ? groupedTallies(duration, event, groups.of, groups.count) : undefined;
      const both = job && pooled ? survivalRunResults(job, pooled, km) : pooled && parallel ? onTwoThreads(pooled, km, testOpts) : undefined;
      const curves = both?.curves ?? (pooled ? kaplanMeierTallies(pooled.groups, km) : kaplanMeierGroups(duration, event, groups.of, groups.count, km));
      const by = groups.attributes.map((a) => a.name);
      const out: SurvivalGroup[] = curves.map((curve, h) => {
        const key: Record<string, string | null> = {};
        for (const a of groups.attributes) key[a.name] = a.values[h];
        if (job?.deferBand) return deferredGroup(key, curve, spec.at);
        return { key, curve, median: both?.medians?.[h] ?? medianSurvival(curve), at: survivalAt(curve, spec.at) };
      });
      report.singleCustomerGroups = out.filter((g) => g.curve.n === 1).map((g) => groupLabel(g.key));
      const test = pooled ? logRankPooled(pooled, testOpts, both?.sums) : null;
      return { spec, asOf, unit: spec.unitLabel, by, groups: out, test, report };
    },
  };
}

/** A group whose median and S at `at` are computed when first read (own enumerable properties, as a plain group's). */
function deferredGroup(key: Record<string, string | null>, curve: KMCurve, at: readonly number[]): SurvivalGroup {
  let median: SurvivalGroup['median'] | undefined;
  let atTimes: SurvivalGroup['at'] | undefined;
  return {
    key,
    curve,
    get median() {
      return (median ??= medianSurvival(curve));
    },
    get at() {
      return (atTimes ??= survivalAt(curve, at));
    },
  };
}

/** From this many customers, the groups' curves and the test are shared with a worker thread. */
const PARALLEL_CUSTOMERS = 1 << 17;

/**
 * The groups' curves and medians and the test's sums, as items that this thread and the
 * kernels' worker share (the test one item, each group one): the tallies are copied to
 * SharedArrayBuffers and the results are written into them. Call only where the
 * worker can run (chunkWorkerAvailable).
 */
function onTwoThreads(
  pooled: PooledTally,
  km: KMOptions,
  testOpts: LogRankOptions,
): { curves: KMCurve[]; medians: SurvivalQuantile[]; sums: LogRankSums } {
  const G = pooled.groups.length;
  const { confType, z } = kmSettings(km);
  const columns = (n: number): CurveArrays => ({
    survival: sharedArray(Float64Array, n),
    stdErr: sharedArray(Float64Array, n),
    lower: sharedArray(Float64Array, n),
    upper: sharedArray(Float64Array, n),
  });
  const p = pooledArrays(pooled);
  // The worker only reads the tallies: big ones are on shared memory already (TallyColumns).
  const job: SurvivalJob = {
    groups: pooled.groups.map((t) => ({ time: asShared(t.time), nRisk: asShared(t.nRisk), nEvent: asShared(t.nEvent), curve: columns(t.time.length) })),
    confType,
    z,
    medians: sharedArray(Float64Array, 3 * G),
    test: {
      pooled: { time: asShared(p.time), nEvent: asShared(p.nEvent), nCensor: asShared(p.nCensor), start: asShared(p.start), order: asShared(p.order), n: asShared(p.n) },
      weights: resolveWeights(testOpts),
      sums: { observed: sharedArray(Float64Array, G), expected: sharedArray(Float64Array, G), V: sharedArray(Float64Array, G * G) },
    },
  };
  runChunks('survival', survivalItem, job, G + 1, true);
  const orNull = (x: number): number | null => (x === x ? x : null);
  const medians = pooled.groups.map((_, g) => ({
    estimate: orNull(job.medians[3 * g]),
    lower: orNull(job.medians[3 * g + 1]),
    upper: orNull(job.medians[3 * g + 2]),
  }));
  return { curves: kaplanMeierFilled(pooled.groups, km, job.groups.map((g) => g.curve)), medians, sums: job.test!.sums };
}
