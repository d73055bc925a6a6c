import { orNull, type KMCurve } from './kaplan-meier.js';

/** A survival quantile (e.g. the median lifetime) with its interval; null where not reached. */
export interface SurvivalQuantile {
  /** The estimate: the smallest t with S(t) <= 1 - p (see survivalQuantile for R's tie rule). */
  estimate: number | null;
  /** Read off the lower confidence curve. */
  lower: number | null;
  /** Read off the upper confidence curve; often null (the upper curve never reaches 0.5). */
  upper: number | null;
}

/** The columns of a curve that its quantiles read. */
export type CurveColumns = Pick<KMCurve, 'time' | 'survival' | 'lower' | 'upper'>;

// R's quantile.survfit tolerance, sqrt(.Machine$double.eps).
const TOL = Math.sqrt(2 ** -52);

/**
 * The median lifetime: the smallest t with S(t) <= 0.5 (null if never), and its interval
 * read off the lower and upper confidence curves the same way, as R's quantile(fit, 0.5)
 * (survival 3.x). Where the curve sits at exactly 0.5 on a flat stretch, the median is the
 * midpoint of that stretch: (time S reaches 0.5 + time of the next drop) / 2, or
 * (that time + the curve's last time) / 2 when S never drops again.
 */
export function medianSurvival(curve: CurveColumns): SurvivalQuantile {
  return survivalQuantile(curve, 0.5);
}

/**
 * The p-quantile of the lifetime distribution (0 < p < 1): the smallest t with
 * F(t) = 1 - S(t) >= p, and likewise on the confidence curves, exactly as R's
 * quantile.survfit (survival 3.x), including its rules for ties within ~1.5e-8 of p.
 */
export function survivalQuantile(curve: CurveColumns, p: number): SurvivalQuantile {
  return {
    estimate: findq(curve.time, curve.survival, p),
    lower: findq(curve.time, curve.lower, p),
    upper: findq(curve.time, curve.upper, p),
  };
}

/** survivalQuantile by findq's pass over every point alone (what its binary searches must give; for tests). */
export function survivalQuantileByScan(curve: CurveColumns, p: number): SurvivalQuantile {
  return {
    estimate: findq(curve.time, curve.survival, p, true),
    lower: findq(curve.time, curve.lower, p, true),
    upper: findq(curve.time, curve.upper, p, true),
  };
}

/**
 * survival:::findq on the points x = (0, times), y = (0, 1 - curve), NaN = NA. R drops
 * repeated y values (keeping the first), then finds, by constant interpolation with f = 1
 * over the points sorted by y, the first point with y >= p - tol and the first with
 * y >= p + tol, and averages their times. A non-monotone confidence curve is handled the
 * same way R handles it: by the y order, not the time order.
 *
 * One pass, no sort and no set (or binary searches on a curve that never rises): the
 * smallest qualifying y, taken at its first index, is the point R finds among the kept
 * ones, and min and max do not change by dropping repeats. Only R's last-point rule needs
 * the last kept point (lastKeptY), and only when some y is within tol of p.
 */
function findq(times: Float64Array, curve: Float64Array, p: number, scan = false): number | null {
  const points = (scan ? null : monotonePoints(curve, p)) ?? scanPoints(curve, p);
  const { min, max, i1, i2, near } = points;
  if (max < p) return null;
  const x = (i: number): number => (i === 0 ? 0 : times[i - 1]);
  const q1 = i1 < 0 || p < min + TOL || p > max + TOL ? null : x(i1);
  const q2 = i2 < 0 || p < min + -TOL || p > max + -TOL ? null : x(i2);
  if (near) {
    const kept = lastKeptY(curve);
    if (kept !== null && Math.abs(p - kept) < TOL) return q1 === null ? null : (q1 + x(curve.length)) / 2;
  }
  if (q1 === null || q2 === null) return null;
  return (q1 + q2) / 2;
}

/** What findq reads off the points: min and max y, the points found for p -/+ tol, and whether a y is within tol of p. */
interface Points {
  min: number;
  max: number;
  i1: number;
  i2: number;
  near: number;
}

/** findq's pass over every point. */
function scanPoints(curve: Float64Array, p: number): Points {
  // Point 0 is (0, 0); point i + 1 is (times[i], 1 - curve[i]). Every point runs the same
  // code, with no branch first taken late (at the crossing), which would cost V8 a
  // deoptimization.
  let min = 0;
  let max = 0;
  let i1 = TOL >= p ? 0 : -1; // the smallest y with y + TOL >= p, at its first point
  let y1 = i1 === 0 ? 0 : Infinity;
  let i2 = -TOL >= p ? 0 : -1; // the smallest y with y - TOL >= p
  let y2 = i2 === 0 ? 0 : Infinity;
  let near = Math.abs(p) < TOL ? 1 : 0;
  for (let i = 0; i < curve.length; i++) {
    const v = 1 - curve[i];
    if (v !== v) continue;
    const point = i + 1;
    min = v < min ? v : min;
    // >= rather than >: a repeated maximum (a censored-only time) then takes the same,
    // predictable branch as a new one.
    max = v >= max ? v : max;
    const at1 = (v + TOL >= p ? 1 : 0) & ((v < y1 ? 1 : 0) | (i1 < 0 ? 1 : 0));
    i1 = at1 ? point : i1;
    y1 = at1 ? v : y1;
    const at2 = (v + -TOL >= p ? 1 : 0) & ((v < y2 ? 1 : 0) | (i2 < 0 ? 1 : 0));
    i2 = at2 ? point : i2;
    y2 = at2 ? v : y2;
    near |= Math.abs(p - v) < TOL ? 1 : 0;
  }
  return { min, max, i1, i2, near };
}

/**
 * scanPoints by binary search, for a curve that never rises (a Kaplan-Meier estimate
 * always; its bands usually) with NA only before and after its values: y = 1 - curve then
 * never falls, so the smallest y meeting a bound is at the first point that meets it, and
 * the y within tol of p, if any, at the first point below p + tol. Null for any other curve.
 */
function monotonePoints(curve: Float64Array, p: number): Points | null {
  const n = curve.length;
  let lo = 0;
  while (lo < n && curve[lo] !== curve[lo]) lo++;
  let hi = lo;
  while (hi < n && curve[hi] <= curve[hi - 1 < lo ? hi : hi - 1]) hi++;
  for (let i = hi; i < n; i++) if (curve[i] === curve[i]) return null;
  const y = (i: number): number => 1 - curve[i];
  // The first of [lo, hi) whose y meets `meets` (which, once met, stays met), else hi.
  const first = (meets: (v: number) => boolean): number => {
    let a = lo;
    let b = hi;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (meets(y(m))) b = m;
      else a = m + 1;
    }
    return a;
  };
  const some = hi > lo;
  const min = some && y(lo) < 0 ? y(lo) : 0;
  const max = some && y(hi - 1) >= 0 ? y(hi - 1) : 0;
  // Point 0 (y = 0) is taken first; a later point only when its y is smaller.
  const found = (j: number, zero: boolean): number => (zero ? (j < hi && y(j) < 0 ? j + 1 : 0) : j < hi ? j + 1 : -1);
  const i1 = found(first((v) => v + TOL >= p), TOL >= p);
  const i2 = found(first((v) => v + -TOL >= p), -TOL >= p);
  const j = first((v) => p - v < TOL);
  const near = Math.abs(p) < TOL || (j < hi && Math.abs(p - y(j)) < TOL) ? 1 : 0;
  return { min, max, i1, i2, near };
}

/**
 * The y = 1 - curve of the last point R keeps after dropping repeated values (NA counts as
 * a value), null when that point is NA. On a non-decreasing y (always so for 1 - S) that is
 * the first NA or the first maximum, whichever comes later; any other curve takes R's way.
 */
function lastKeptY(curve: Float64Array): number | null {
  let firstNA = -1;
  let argMax = 0;
  let max = 0;
  let monotone = true;
  for (let i = 1; i <= curve.length; i++) {
    const v = 1 - curve[i - 1];
    if (v !== v) {
      if (firstNA < 0) firstNA = i;
    } else if (v > max) {
      max = v;
      argMax = i;
    } else if (v < max) {
      monotone = false;
      break;
    }
  }
  if (monotone) return firstNA > argMax ? null : max;
  const seen = new Set<number>([0]);
  let kept = 0;
  for (let i = 0; i < curve.length; i++) {
    const v = 1 - curve[i];
    if (seen.has(v)) continue;
    seen.add(v);
    kept = v;
  }
  return kept === kept ? kept : null;
}

/** The curve read at one chosen time (R: summary(fit, times = ..., extend = TRUE)). */
export interface SurvivalAt {
  time: number;
  /** S at the last curve time <= time (1 before the first). */
  survival: number;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
  /** At risk at `time`: durations >= time (0 past the last one). */
  nRisk: number;
  /** Events after the previous chosen time, up to and including `time` (the first: all up to `time`). */
  nEvent: number;
  /** Events at or before `time`. */
  cumulativeEvents: number;
  /** `time` lies past the group's last observed time: S is carried forward, not observed. */
  beyondData: boolean;
}

/**
 * The survival curve at chosen times, as R's summary(fit, times = , extend = TRUE):
 * S and its standard error and interval at the last curve time <= t (before the first
 * curve time, S = 1 with interval [1, 1] as R's survfit0 start row), the number at risk
 * at t, and the events since the previous chosen time. The times are sorted ascending
 * (non-finite ones are left out), and the result follows that order, like R's.
 */
export function survivalAt(curve: KMCurve, times: readonly number[]): SurvivalAt[] {
  const { time, nRisk, nEvent } = curve;
  const len = time.length;
  const sorted = times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  const out: SurvivalAt[] = [];
  let j = 0; // entries [0, j) have time <= t
  let cumulative = 0;
  for (const t of sorted) {
    const from = j;
    j = entriesUpTo(time, t, j);
    const r = j - 1; // the entry read, -1 before the first
    out.push({
      time: t,
      survival: r >= 0 ? curve.survival[r] : 1,
      stdErr: r >= 0 ? orNull(curve.stdErr[r]) : 0,
      lower: r >= 0 ? orNull(curve.lower[r]) : 1,
      upper: r >= 0 ? orNull(curve.upper[r]) : 1,
      // At risk at t = durations >= t: the entry exactly at t, else the first one after t.
      nRisk: r >= 0 && time[r] === t ? nRisk[r] : j < len ? nRisk[j] : 0,
      nEvent: sumOf(nEvent, from, j),
      cumulativeEvents: (cumulative += sumOf(nEvent, from, j)),
      beyondData: len === 0 || t > time[len - 1],
    });
  }
  return out;
}

/** The end of the entries with time <= t, from `from` on (a binary search: times ascend). */
function entriesUpTo(time: Float64Array, t: number, from: number): number {
  let lo = from;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sumOf(a: Int32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += a[i];
  return sum;
}
