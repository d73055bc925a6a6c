import { fail } from '../errors.js';
import { CONF_TYPES, greenwoodStdErr, greenwoodTerm, intervalInto, type ConfType } from './greenwood.js';
import { twoSidedZ } from './normal-quantile.js';
import { checkLengths, groupTallies, type SurvivalTally } from './survival-tally.js';

/** Options of a Kaplan-Meier fit. */
export interface KMOptions {
  /** Pointwise interval type (default "log-log"; R's survfit default is "log"). */
  confType?: ConfType;
  /** Confidence level, 0 < level < 1 (default 0.95). */
  level?: number;
}

/** One row of a Kaplan-Meier curve: a distinct time at which someone had the event or was censored. */
export interface KMRow {
  time: number;
  /** At risk just before `time` (durations >= time). */
  nRisk: number;
  /** Events at `time`. */
  nEvent: number;
  /** Censored at `time` (they count as at risk at `time`). */
  nCensor: number;
  /** S(time), the product over event times t_i <= time of (1 - d_i / n_i). */
  survival: number;
  /** Greenwood standard error of S (R: summary.survfit std.err); null where S fell to 0. */
  stdErr: number | null;
  /** Pointwise interval of S; null where R gives NA. */
  lower: number | null;
  upper: number | null;
}

/**
 * A Kaplan-Meier curve (R: survfit(Surv(time, event) ~ 1), all times including censored
 * ones), as columns: entry i of every column is the curve at `time[i]`, one entry per
 * distinct time, ascending (none for no customers). Where R gives NA, the Float64Array
 * columns hold NaN (the `rows` view turns it into null).
 */
export interface KMCurve extends SurvivalTally {
  confType: ConfType;
  level: number;
  /** S(time), the product over event times t_i <= time of (1 - d_i / n_i). */
  survival: Float64Array;
  /** Greenwood standard error of S (R: summary.survfit std.err); NaN where S fell to 0. */
  stdErr: Float64Array;
  /** Pointwise interval of S; NaN where R gives NA. */
  lower: Float64Array;
  upper: Float64Array;
  /**
   * The same curve as one object per time (null for NA), built on first use: a convenience
   * for small curves; read the columns on large ones.
   */
  readonly rows: KMRow[];
}

/**
 * The Kaplan-Meier estimate of S(t) from durations and event flags (non-zero = the event,
 * e.g. churn; 0 = censored), with Greenwood standard errors and pointwise intervals.
 * Durations must be finite and >= 0. Agrees with R's survfit (survival 3.x) for data
 * without near-ties (R merges times closer than ~1e-8 relative; this does not).
 */
export function kaplanMeier(durations: Float64Array, events: Uint8Array, opts: KMOptions = {}): KMCurve {
  checkLengths(durations, events);
  const { confType, level, z } = kmSettings(opts);
  return kaplanMeierOfTally(groupTallies(durations, events, undefined, 1)[0], confType, level, z);
}

/**
 * One Kaplan-Meier curve per group: `groupCodes[i]` in 0..groupCount-1 names the group of
 * row i; a negative code leaves the row out (a missing group value). Groups without
 * customers get an empty curve. The curves are also tallies: logRankTallies takes them.
 */
export function kaplanMeierGroups(
  durations: Float64Array,
  events: Uint8Array,
  groupCodes: Int32Array,
  groupCount: number,
  opts: KMOptions = {},
): KMCurve[] {
  checkLengths(durations, events, groupCodes);
  const { confType, level, z } = kmSettings(opts);
  return groupTallies(durations, events, groupCodes, groupCount).map((t) => kaplanMeierOfTally(t, confType, level, z));
}

/**
 * Curves over estimate columns already filled by kaplanMeierInto (on a worker thread,
 * with the confType and z of kmSettings(opts)), one per tally.
 */
export function kaplanMeierFilled(tallies: readonly SurvivalTally[], opts: KMOptions, columns: readonly CurveArrays[]): KMCurve[] {
  const { confType, level } = kmSettings(opts);
  return tallies.map((t, g) => new ColumnCurve(t, confType, level, columns[g]));
}

/**
 * Curves over S and Greenwood-sum columns filled by survivalInto, whose standard errors and
 * intervals are computed when one of them is first read (the numbers kaplanMeierInto
 * writes, bit for bit): a comparison's outputs mostly read none of them.
 */
export function kaplanMeierDeferred(tallies: readonly SurvivalTally[], opts: KMOptions, columns: readonly SurvivalArrays[]): KMCurve[] {
  const { confType, level, z } = kmSettings(opts);
  return tallies.map((t, g) => new ColumnCurve(t, confType, level, undefined, { ...columns[g], z }));
}

/** The curve of each tally (see groupTallies and groupedTallies), in order. */
export function kaplanMeierTallies(tallies: readonly SurvivalTally[], opts: KMOptions = {}): KMCurve[] {
  const { confType, level, z } = kmSettings(opts);
  return tallies.map((t) => kaplanMeierOfTally(t, confType, level, z));
}

/**
 * The curve of a tally: S, the Greenwood sum, its standard error and interval at each
 * time. A time with no event repeats the previous S and Greenwood sum, so its error and
 * interval are copied rather than computed again (the same numbers).
 */
function kaplanMeierOfTally(tally: SurvivalTally, confType: ConfType, level: number, z: number): KMCurve {
  // The curve is made before the loop: code after a long loop that has not run yet makes
  // V8 drop the loop's optimized code on the way out, once per group.
  const curve = new ColumnCurve(tally, confType, level);
  kaplanMeierInto(tally.nRisk, tally.nEvent, confType, z, curve);
  return curve;
}

/** The estimate columns of a curve (see kaplanMeierInto). */
export interface CurveArrays {
  survival: Float64Array;
  stdErr: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * The Kaplan-Meier estimate, its Greenwood standard error and pointwise interval at each
 * entry of a tally (nRisk, nEvent), into `out`'s columns (each nRisk.length long).
 */
export function kaplanMeierInto(nRisk: Int32Array, nEvent: Int32Array, confType: ConfType, z: number, out: CurveArrays): void {
  const from = { survival: out.survival, greenwood: new Float64Array(nRisk.length) };
  survivalInto(nRisk, nEvent, from);
  bandInto(nEvent, from, confType, z, out);
}

/** The columns survivalInto fills: S and the cumulative Greenwood sum at each entry. */
export interface SurvivalArrays {
  survival: Float64Array;
  greenwood: Float64Array;
}

/** kaplanMeierInto's S and Greenwood sum at each entry, without the errors and intervals (see bandInto). */
export function survivalInto(nRisk: Int32Array, nEvent: Int32Array, out: SurvivalArrays): void {
  const len = nRisk.length;
  const { survival, greenwood } = out;
  let s = 1;
  let gsum = 0;
  for (let i = 0; i < len; i++) {
    const d = nEvent[i];
    if (d > 0) {
      const n = nRisk[i];
      // (n - d) / n rather than 1 - d / n: exactly 0 when everyone at risk fails.
      s *= (n - d) / n;
      gsum += greenwoodTerm(n, d);
    }
    survival[i] = s;
    greenwood[i] = gsum;
  }
}

/**
 * kaplanMeierInto's standard errors and intervals from the columns of survivalInto: each a
 * function of S and the Greenwood sum alone, so an entry without events copies the one
 * before, as there.
 */
export function bandInto(nEvent: Int32Array, from: SurvivalArrays, confType: ConfType, z: number, out: Omit<CurveArrays, 'survival'>): void {
  const { survival, greenwood } = from;
  const { stdErr, lower, upper } = out;
  for (let i = 0; i < survival.length; i++) {
    if (nEvent[i] > 0 || i === 0) {
      stdErr[i] = greenwoodStdErr(survival[i], greenwood[i]) ?? NaN;
      intervalInto(survival[i], greenwood[i], z, confType, lower, upper, i);
    } else {
      stdErr[i] = stdErr[i - 1];
      lower[i] = lower[i - 1];
      upper[i] = upper[i - 1];
    }
  }
}

class ColumnCurve implements KMCurve {
  n: number;
  nEvents: number;
  time: Float64Array;
  nRisk: Int32Array;
  nEvent: Int32Array;
  nCensor: Int32Array;
  survival: Float64Array;
  stdErr!: Float64Array;
  lower!: Float64Array;
  upper!: Float64Array;
  #rows: KMRow[] | undefined;

  constructor(
    tally: SurvivalTally,
    public confType: ConfType,
    public level: number,
    out?: CurveArrays,
    deferred?: SurvivalArrays & { z: number },
  ) {
    const length = tally.time.length;
    this.n = tally.n;
    this.nEvents = tally.nEvents;
    this.time = tally.time;
    this.nRisk = tally.nRisk;
    this.nEvent = tally.nEvent;
    this.nCensor = tally.nCensor;
    this.survival = deferred?.survival ?? out?.survival ?? new Float64Array(length);
    if (!deferred) {
      this.stdErr = out?.stdErr ?? new Float64Array(length);
      this.lower = out?.lower ?? new Float64Array(length);
      this.upper = out?.upper ?? new Float64Array(length);
      return;
    }
    // Redefined in place, enumerable as the eager ones: spreads, JSON, deep equality and key order see no difference.
    let band: Omit<CurveArrays, 'survival'> | undefined;
    const made = (): Omit<CurveArrays, 'survival'> => {
      if (band) return band;
      band = { stdErr: new Float64Array(length), lower: new Float64Array(length), upper: new Float64Array(length) };
      bandInto(this.nEvent, deferred, confType, deferred.z, band);
      return band;
    };
    for (const key of ['stdErr', 'lower', 'upper'] as const) {
      Object.defineProperty(this, key, { enumerable: true, configurable: true, get: () => made()[key] });
    }
  }

  get rows(): KMRow[] {
    return (this.#rows ??= Array.from(this.time, (time, i) => ({
      time,
      nRisk: this.nRisk[i],
      nEvent: this.nEvent[i],
      nCensor: this.nCensor[i],
      survival: this.survival[i],
      stdErr: orNull(this.stdErr[i]),
      lower: orNull(this.lower[i]),
      upper: orNull(this.upper[i]),
    })));
  }
}

/** NaN (NA in a curve column) as null. */
export function orNull(x: number): number | null {
  return x === x ? x : null;
}

/** The interval type, level and normal quantile `opts` ask for (checked). */
export function kmSettings(opts: KMOptions): { confType: ConfType; level: number; z: number } {
  const confType = opts.confType ?? 'log-log';
  if (!CONF_TYPES.includes(confType)) {
    fail('unknownOption', { option: 'ci', value: confType, allowed: CONF_TYPES });
  }
  const level = opts.level ?? 0.95;
  return { confType, level, z: twoSidedZ(level) };
}
