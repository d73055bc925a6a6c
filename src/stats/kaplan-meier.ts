import { fail } from '../errors.js';
import { CONF_TYPES, confidenceInterval, greenwoodStdErr, greenwoodTerm, type ConfType } from './greenwood.js';
import { twoSidedZ } from './normal-quantile.js';

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

/** A Kaplan-Meier curve (R: survfit(Surv(time, event) ~ 1), all times including censored ones). */
export interface KMCurve {
  /** Customers in the curve. */
  n: number;
  /** Customers with the event. */
  nEvents: number;
  confType: ConfType;
  level: number;
  /** One row per distinct time, ascending. Empty for no customers. */
  rows: KMRow[];
}

/**
 * The Kaplan-Meier estimate of S(t) from durations and event flags (non-zero = the event,
 * e.g. churn; 0 = censored), with Greenwood standard errors and pointwise intervals.
 * Durations must be finite and >= 0. Agrees with R's survfit (survival 3.x) for data
 * without near-ties (R merges times closer than ~1e-8 relative; this does not).
 */
export function kaplanMeier(durations: Float64Array, events: Uint8Array, opts: KMOptions = {}): KMCurve {
  checkLengths(durations, events);
  const { confType, level, z } = resolve(opts);
  let nEvents = 0;
  for (let i = 0; i < events.length; i++) if (events[i] !== 0) nEvents++;
  const all = new Float64Array(durations.length);
  const ev = new Float64Array(nEvents);
  for (let i = 0, k = 0; i < durations.length; i++) {
    const t = durations[i];
    checkDuration(t);
    all[i] = t;
    if (events[i] !== 0) ev[k++] = t;
  }
  all.sort();
  ev.sort();
  return curveFromSorted(all, ev, confType, level, z);
}

/**
 * One Kaplan-Meier curve per group: `groupCodes[i]` in 0..groupCount-1 names the group of
 * row i; a negative code leaves the row out (a missing group value). Groups without
 * customers get an empty curve. Rows are bucketed by group once (two arrays of n in all),
 * then each group's slice is sorted in place.
 */
export function kaplanMeierGroups(
  durations: Float64Array,
  events: Uint8Array,
  groupCodes: Int32Array,
  groupCount: number,
  opts: KMOptions = {},
): KMCurve[] {
  checkLengths(durations, events, groupCodes);
  const { confType, level, z } = resolve(opts);
  const buckets = bucketByGroup(durations, events, groupCodes, groupCount);
  const curves: KMCurve[] = new Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    const all = buckets.all.subarray(buckets.allStart[g], buckets.allStart[g + 1]).sort();
    const ev = buckets.ev.subarray(buckets.evStart[g], buckets.evStart[g + 1]).sort();
    curves[g] = curveFromSorted(all, ev, confType, level, z);
  }
  return curves;
}

/** Durations of all rows and of event rows, each laid out group after group. */
interface Buckets {
  all: Float64Array;
  allStart: Int32Array;
  ev: Float64Array;
  evStart: Int32Array;
}

function bucketByGroup(
  durations: Float64Array,
  events: Uint8Array,
  groupCodes: Int32Array,
  groupCount: number,
): Buckets {
  if (!(Number.isInteger(groupCount) && groupCount >= 0)) {
    throw new RangeError(`groupCount must be a whole number >= 0, got ${groupCount}`);
  }
  const allStart = new Int32Array(groupCount + 1);
  const evStart = new Int32Array(groupCount + 1);
  for (let i = 0; i < groupCodes.length; i++) {
    const g = groupCodes[i];
    if (g < 0) continue;
    if (g >= groupCount) throw new RangeError(`group code ${g} at row ${i} is not below groupCount ${groupCount}`);
    checkDuration(durations[i]);
    allStart[g + 1]++;
    if (events[i] !== 0) evStart[g + 1]++;
  }
  for (let g = 0; g < groupCount; g++) {
    allStart[g + 1] += allStart[g];
    evStart[g + 1] += evStart[g];
  }
  const all = new Float64Array(allStart[groupCount]);
  const ev = new Float64Array(evStart[groupCount]);
  const allPos = allStart.slice(0, groupCount);
  const evPos = evStart.slice(0, groupCount);
  for (let i = 0; i < groupCodes.length; i++) {
    const g = groupCodes[i];
    if (g < 0) continue;
    all[allPos[g]++] = durations[i];
    if (events[i] !== 0) ev[evPos[g]++] = durations[i];
  }
  return { all, allStart, ev, evStart };
}

/**
 * The curve from the sorted durations of everyone (`all`) and of the events (`ev`):
 * a walk over the runs of equal times, without ever needing row indices.
 */
function curveFromSorted(all: Float64Array, ev: Float64Array, confType: ConfType, level: number, z: number): KMCurve {
  const n = all.length;
  const rows: KMRow[] = [];
  let s = 1;
  let gsum = 0;
  let j = 0;
  for (let i = 0; i < n; ) {
    const t = all[i];
    let k = i + 1;
    while (k < n && all[k] === t) k++;
    let d = 0;
    while (j < ev.length && ev[j] === t) {
      d++;
      j++;
    }
    const nRisk = n - i;
    if (d > 0) {
      // (n - d) / n rather than 1 - d / n: exactly 0 when everyone at risk fails.
      s *= (nRisk - d) / nRisk;
      gsum += greenwoodTerm(nRisk, d);
    }
    const ci = confidenceInterval(s, gsum, z, confType);
    rows.push({
      time: t,
      nRisk,
      nEvent: d,
      nCensor: k - i - d,
      survival: s,
      stdErr: greenwoodStdErr(s, gsum),
      lower: ci.lower,
      upper: ci.upper,
    });
    i = k;
  }
  return { n, nEvents: ev.length, confType, level, rows };
}

function resolve(opts: KMOptions): { confType: ConfType; level: number; z: number } {
  const confType = opts.confType ?? 'log-log';
  if (!CONF_TYPES.includes(confType)) {
    fail('unknownOption', { option: '--conf-type', value: confType, allowed: CONF_TYPES });
  }
  const level = opts.level ?? 0.95;
  return { confType, level, z: twoSidedZ(level) };
}

function checkDuration(t: number): void {
  if (!(t >= 0 && t < Infinity)) fail('badSurvivalDuration', { value: t });
}

function checkLengths(durations: Float64Array, events: Uint8Array, groupCodes?: Int32Array): void {
  if (events.length !== durations.length || (groupCodes && groupCodes.length !== durations.length)) {
    throw new RangeError(
      `durations (${durations.length}), events (${events.length})${groupCodes ? ` and group codes (${groupCodes.length})` : ''} differ in length`,
    );
  }
}
