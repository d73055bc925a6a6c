import { twoSidedZ } from './normal-quantile.js';

/** How a pointwise confidence interval for S(t) is built (R's survfit conf.type). */
export type ConfType = 'log-log' | 'log' | 'plain';

/** The confidence types, for option checking. */
export const CONF_TYPES: readonly ConfType[] = ['log-log', 'log', 'plain'];

/** A confidence interval whose ends are null where R gives NA. */
export interface Interval {
  lower: number | null;
  upper: number | null;
}

/**
 * The cumulative Greenwood sums sum_{t_i <= t} d_i / (n_i (n_i - d_i)), one per row.
 * A row where everyone at risk has the event (n = d > 0) makes the sum Infinity from
 * there on, as in R, where S drops to 0 and its standard error is undefined.
 */
export function greenwoodSum(nRisk: ArrayLike<number>, nEvent: ArrayLike<number>): Float64Array {
  const out = new Float64Array(nRisk.length);
  let sum = 0;
  for (let i = 0; i < out.length; i++) {
    sum += greenwoodTerm(nRisk[i], nEvent[i]);
    out[i] = sum;
  }
  return out;
}

/** One Greenwood term d / (n (n - d)); 0 without events, Infinity when n = d. */
export function greenwoodTerm(n: number, d: number): number {
  if (d === 0) return 0;
  return n > d ? d / (n * (n - d)) : Infinity;
}

/**
 * The standard error of S(t) from Greenwood's formula, S sqrt(sum), as R's
 * summary.survfit std.err. Null where S = 0 after everyone at risk failed (R: NaN).
 */
export function greenwoodStdErr(s: number, gsum: number): number | null {
  const se = s * Math.sqrt(gsum);
  return Number.isFinite(se) ? se : null;
}

/**
 * The confidence interval of S from its Greenwood sum, term by term as R's
 * survival:::survfit_confint with the critical value z:
 * - "log": exp(log S -/+ z sqrt(gsum)), the upper end clipped at 1; NA (null) at S = 0.
 * - "log-log": exp(-exp(log(-log S) -/+ z sqrt(gsum) / log S)); null at S = 0 and S = 1.
 * - "plain": S -/+ z S sqrt(gsum), clipped to [0, 1]; null where the sum is infinite.
 */
export function confidenceInterval(s: number, gsum: number, z: number, type: ConfType): Interval {
  intervalInto(s, gsum, z, type, SCRATCH_LOWER, SCRATCH_UPPER, 0);
  const lower = SCRATCH_LOWER[0];
  const upper = SCRATCH_UPPER[0];
  return { lower: lower === lower ? lower : null, upper: upper === upper ? upper : null };
}

const SCRATCH_LOWER = new Float64Array(1);
const SCRATCH_UPPER = new Float64Array(1);

/**
 * confidenceInterval written into lower[i] and upper[i], NaN where it gives null: the
 * columnar form, for curves without an object per row.
 */
export function intervalInto(
  s: number,
  gsum: number,
  z: number,
  type: ConfType,
  lower: Float64Array,
  upper: Float64Array,
  i: number,
): void {
  const se = Math.sqrt(gsum);
  if (type === 'log') {
    if (s === 0) {
      lower[i] = upper[i] = NaN;
      return;
    }
    lower[i] = Math.exp(Math.log(s) - z * se);
    upper[i] = Math.min(Math.exp(Math.log(s) + z * se), 1);
  } else if (type === 'log-log') {
    if (s === 0 || s === 1) {
      lower[i] = upper[i] = NaN;
      return;
    }
    const logS = Math.log(s);
    const ll = Math.log(-logS);
    const w = (z * se) / logS;
    lower[i] = Math.exp(-Math.exp(ll - w));
    upper[i] = Math.exp(-Math.exp(ll + w));
  } else {
    const half = se * s * z;
    lower[i] = Math.max(s - half, 0);
    upper[i] = Math.min(s + half, 1);
  }
}

/** Options of a pointwise confidence band. */
export interface BandOptions {
  /** Interval type; R's survfit default is "log", kohort's default "log-log". */
  type: ConfType;
  /** Confidence level, 0 < level < 1 (0.95 for 95%). */
  level: number;
}

/**
 * The pointwise confidence band of a survival curve: for each row, the interval of
 * S[i] from the cumulative Greenwood sum greenwoodSum[i] (see confidenceInterval).
 * Fails with `badConfLevel` unless 0 < level < 1.
 */
export function confidenceBand(
  S: ArrayLike<number>,
  greenwoodSum: ArrayLike<number>,
  opts: BandOptions,
): { lower: (number | null)[]; upper: (number | null)[] } {
  const z = twoSidedZ(opts.level);
  const lower: (number | null)[] = new Array(S.length);
  const upper: (number | null)[] = new Array(S.length);
  for (let i = 0; i < S.length; i++) {
    const ci = confidenceInterval(S[i], greenwoodSum[i], z, opts.type);
    lower[i] = ci.lower;
    upper[i] = ci.upper;
  }
  return { lower, upper };
}
