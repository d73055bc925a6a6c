import type { KMCurve, KMRow } from './kaplan-meier.js';

/** A survival quantile (e.g. the median lifetime) with its interval; null where not reached. */
export interface SurvivalQuantile {
  /** The estimate: the smallest t with S(t) <= 1 - p (see survivalQuantile for R's tie rule). */
  estimate: number | null;
  /** Read off the lower confidence curve. */
  lower: number | null;
  /** Read off the upper confidence curve; often null (the upper curve never reaches 0.5). */
  upper: number | null;
}

// R's quantile.survfit tolerance, sqrt(.Machine$double.eps).
const TOL = Math.sqrt(2 ** -52);

/**
 * The median lifetime: the smallest t with S(t) <= 0.5 (null if never), and its interval
 * read off the lower and upper confidence curves the same way, as R's quantile(fit, 0.5)
 * (survival 3.x). Where the curve sits at exactly 0.5 on a flat stretch, the median is the
 * midpoint of that stretch: (time S reaches 0.5 + time of the next drop) / 2, or
 * (that time + the curve's last time) / 2 when S never drops again.
 */
export function medianSurvival(curve: KMCurve): SurvivalQuantile {
  return survivalQuantile(curve, 0.5);
}

/**
 * The p-quantile of the lifetime distribution (0 < p < 1): the smallest t with
 * F(t) = 1 - S(t) >= p, and likewise on the confidence curves, exactly as R's
 * quantile.survfit (survival 3.x), including its rules for ties within ~1.5e-8 of p.
 */
export function survivalQuantile(curve: KMCurve, p: number): SurvivalQuantile {
  const rows = curve.rows;
  const x = new Float64Array(rows.length + 1);
  const fs: (number | null)[] = [0];
  const fl: (number | null)[] = [0];
  const fu: (number | null)[] = [0];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    x[i + 1] = r.time;
    fs.push(1 - r.survival);
    fl.push(r.lower === null ? null : 1 - r.lower);
    fu.push(r.upper === null ? null : 1 - r.upper);
  }
  return { estimate: findq(x, fs, p), lower: findq(x, fl, p), upper: findq(x, fu, p) };
}

/**
 * survival:::findq: x = (0, times), y = (0, 1 - curve) with NA as null. R drops repeated y
 * values (keeping the first), then finds, by constant interpolation with f = 1 over the
 * points sorted by y, the first point with y >= p - tol and the first with y >= p + tol,
 * and averages their times. A non-monotone confidence curve is handled the same way R
 * handles it: by the y order, not the time order.
 */
function findq(x: Float64Array, y: (number | null)[], p: number): number | null {
  let maxY = -Infinity;
  for (const v of y) if (v !== null && v > maxY) maxY = v;
  if (maxY < p) return null;
  const xmax = x[x.length - 1];
  const seen = new Set<number | null>();
  const kx: number[] = [];
  const ky: (number | null)[] = [];
  for (let i = 0; i < y.length; i++) {
    if (seen.has(y[i])) continue;
    seen.add(y[i]);
    kx.push(x[i]);
    ky.push(y[i]);
  }
  const i1 = firstAtLeast(ky, p, TOL);
  const i2 = firstAtLeast(ky, p, -TOL);
  const last = ky[ky.length - 1];
  if (last !== null && Math.abs(p - last) < TOL) return i1 === null ? null : (kx[i1] + xmax) / 2;
  if (i1 === null || i2 === null) return null;
  return (kx[i1] + kx[i2]) / 2;
}

/**
 * approx(y + shift, index, p, "constant", f = 1) over the points sorted by y: the index of
 * the smallest y with y + shift >= p, or null when p is outside [min y, max y] + shift.
 * The y values are distinct (findq dropped repeats), so one linear pass finds it: no sort.
 */
function firstAtLeast(y: (number | null)[], p: number, shift: number): number | null {
  let min = Infinity;
  let max = -Infinity;
  let best = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v === null) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v + shift >= p && (best < 0 || v < (y[best] as number))) best = i;
  }
  if (best < 0 || p < min + shift || p > max + shift) return null;
  return best;
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
}

/**
 * The survival curve at chosen times, as R's summary(fit, times = , extend = TRUE):
 * S and its standard error and interval at the last curve time <= t (before the first
 * curve time, S = 1 with interval [1, 1] as R's survfit0 start row), the number at risk
 * at t, and the events since the previous chosen time. The times are sorted ascending
 * (non-finite ones are left out), and the result follows that order, like R's.
 */
export function survivalAt(curve: KMCurve, times: readonly number[]): SurvivalAt[] {
  const rows = curve.rows;
  const sorted = times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  const out: SurvivalAt[] = [];
  let j = 0; // rows[0..j) have time <= t
  let eventsSoFar = 0;
  let eventsBefore = 0;
  for (const t of sorted) {
    while (j < rows.length && rows[j].time <= t) eventsSoFar += rows[j++].nEvent;
    const row: KMRow | undefined = j > 0 ? rows[j - 1] : undefined;
    // At risk at t = durations >= t: a curve row exactly at t, else the first row after t.
    const nRisk = row && row.time === t ? row.nRisk : j < rows.length ? rows[j].nRisk : 0;
    out.push({
      time: t,
      survival: row ? row.survival : 1,
      stdErr: row ? row.stdErr : 0,
      lower: row ? row.lower : 1,
      upper: row ? row.upper : 1,
      nRisk,
      nEvent: eventsSoFar - eventsBefore,
    });
    eventsBefore = eventsSoFar;
  }
  return out;
}
