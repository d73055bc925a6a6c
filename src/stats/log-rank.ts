import { fail } from '../errors.js';
import { chiSquareTail } from './chi-square.js';
import { logRankSums, type LogRankSums, type LogRankTest, type PooledArrays } from './log-rank-sums.js';
import { groupedTallies, pooledTally, type PooledTally } from './pooled-tally.js';
import { solveSymmetric } from './solve-symmetric.js';
import { checkLengths, type SurvivalTally } from './survival-tally.js';

export type { LogRankSums, LogRankTest, PooledArrays } from './log-rank-sums.js';

/** The tests, for option checking. */
export const LOG_RANK_TESTS: readonly LogRankTest[] = ['log-rank', 'wilcoxon', 'tarone-ware', 'peto', 'fleming-harrington'];

/** Options of logRank. */
export interface LogRankOptions {
  /**
   * The weights at each event time t: "log-rank" 1 (default); "wilcoxon" (Gehan-Breslow)
   * n(t), the number at risk; "tarone-ware" sqrt(n(t)); "peto" S(t-), R's survdiff
   * rho = 1; "fleming-harrington" S(t-)^rho (1 - S(t-))^q. S(t-) is the pooled
   * Kaplan-Meier just before t. Giving rho or q alone means "fleming-harrington".
   */
  test?: LogRankTest;
  /** Fleming-Harrington exponent of S(t-) (default 0; rho alone = R's survdiff(rho =)). */
  rho?: number;
  /** Fleming-Harrington exponent of 1 - S(t-) (default 0). */
  q?: number;
}

/** The result of a G-group weighted log-rank test (R: survdiff). */
export interface LogRankResult {
  /** Readable name, e.g. "log-rank", "Fleming-Harrington (rho = 1, q = 0)". */
  name: string;
  test: LogRankTest;
  rho: number;
  q: number;
  /** (O - E)' V^- (O - E) over the groups with expected > 0 but the first; 0 without a test. */
  chi2: number;
  /** Groups with expected events > 0, minus 1 (the rank of V if it is singular); 0 without a test. */
  df: number;
  /** Upper chi-square tail; null without a test (df = 0). */
  p: number | null;
  /** log10 of p, finite where p underflows to 0; null without a test. */
  log10p: number | null;
  /** Customers per group. */
  n: number[];
  /** Weighted observed events per group (R: obs). */
  observed: number[];
  /** Weighted expected events per group (R: exp). */
  expected: number[];
  /** G x G variance-covariance matrix of O - E (R: var), rows of groupCount numbers. */
  variance: number[][];
}

/**
 * The G-group weighted log-rank test, as R's survdiff for rho = 0 and rho = 1 (and the same
 * algebra for the other weights): at each distinct event time t with d events among n at
 * risk, group g expects w d n_g / n and V_jk += w^2 d (n - d) / (n (n - 1)) n_j (delta_jk -
 * n_k / n). Groups with no expected events (no customers, or none at risk at any event
 * time) are dropped from the test, as survdiff does. One group or none: chi2 0, df 0,
 * p null. `groupCodes[i]` in 0..groupCount-1; a negative code leaves row i out.
 */
export function logRank(
  durations: Float64Array,
  events: Uint8Array,
  groupCodes: Int32Array,
  groupCount: number,
  opts: LogRankOptions = {},
): LogRankResult {
  checkLengths(durations, events, groupCodes);
  if (!(Number.isInteger(groupCount) && groupCount >= 0)) {
    throw new RangeError(`groupCount must be a whole number >= 0, got ${groupCount}`);
  }
  const weights = resolveWeights(opts);
  return testOf(groupedTallies(durations, events, groupCodes, groupCount), weights);
}

/**
 * logRank from the groups' tallies (one per group, in group order; the curves of
 * kaplanMeierGroups are tallies), so a caller that has the curves need not sort again.
 */
export function logRankTallies(tallies: readonly SurvivalTally[], opts: LogRankOptions = {}): LogRankResult {
  const weights = resolveWeights(opts);
  return testOf(pooledTally(tallies), weights);
}

/** logRank from the groups' tallies in their pooled order (groupedTallies gives them in one sort). */
export function logRankPooled(pooled: PooledTally, opts: LogRankOptions = {}, sums?: LogRankSums): LogRankResult {
  return testOf(pooled, resolveWeights(opts), sums);
}

/** The arrays of `pooled` that logRankSumsInto reads. */
export function pooledArrays(pooled: PooledTally): PooledArrays {
  const { time, nEvent, nCensor, start, order } = pooled;
  return { time, nEvent, nCensor, start, order, n: Float64Array.from(pooled.groups, (t) => t.n) };
}

/** A test's sums into `out` (zeroed first), as logRankPooled takes them. */
export function logRankSumsInto(p: PooledArrays, { test, rho, q }: Weights, out: LogRankSums): void {
  out.observed.fill(0);
  out.expected.fill(0);
  out.V.fill(0);
  logRankSums(p, test, rho, q, out);
}

/** The weights of a test. */
export interface Weights {
  test: LogRankTest;
  rho: number;
  q: number;
}

/** The weights a test uses (checked), as logRankSumsInto takes them. */
export function resolveWeights(opts: LogRankOptions): Weights {
  const test = opts.test ?? (opts.rho !== undefined || opts.q !== undefined ? 'fleming-harrington' : 'log-rank');
  if (!LOG_RANK_TESTS.includes(test)) fail('unknownOption', { option: 'test', value: test, allowed: LOG_RANK_TESTS });
  const rho = test === 'peto' ? 1 : test === 'fleming-harrington' ? (opts.rho ?? 0) : 0;
  const q = test === 'fleming-harrington' ? (opts.q ?? 0) : 0;
  if (!(rho >= 0 && q >= 0 && Number.isFinite(rho) && Number.isFinite(q))) {
    throw new RangeError(`rho and q must be finite numbers >= 0, got rho = ${rho}, q = ${q}`);
  }
  return { test, rho, q };
}

function testOf(pooled: PooledTally, { test, rho, q }: Weights, done?: LogRankSums): LogRankResult {
  const G = pooled.groups.length;
  const { observed, expected, V } = done ?? logRankSums(pooledArrays(pooled), test, rho, q);
  const keep: number[] = [];
  for (let g = 0; g < G; g++) if (expected[g] > 0) keep.push(g);
  let chi2 = 0;
  let df = 0;
  if (keep.length >= 2) {
    const sub = keep.slice(1);
    const k = sub.length;
    const a = new Float64Array(k * k);
    const b = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      b[i] = observed[sub[i]] - expected[sub[i]];
      for (let j = 0; j < k; j++) a[i * k + j] = V[sub[i] * G + sub[j]];
    }
    const { x, rank: rk } = solveSymmetric(a, b, k);
    for (let i = 0; i < k; i++) chi2 += b[i] * x[i];
    chi2 = Math.max(chi2, 0);
    df = rk;
    if (df === 0) chi2 = 0;
  }
  const tail = chiSquareTail(chi2, df);
  const variance: number[][] = [];
  for (let j = 0; j < G; j++) variance.push(Array.from(V.subarray(j * G, (j + 1) * G)));
  return {
    name: testName(test, rho, q),
    test,
    rho,
    q,
    chi2,
    df,
    p: tail.p,
    log10p: tail.log10p,
    n: pooled.groups.map((t) => t.n),
    observed: Array.from(observed),
    expected: Array.from(expected),
    variance,
  };
}

function testName(test: LogRankTest, rho: number, q: number): string {
  switch (test) {
    case 'log-rank':
      return 'log-rank';
    case 'wilcoxon':
      return 'Gehan-Breslow (Wilcoxon)';
    case 'tarone-ware':
      return 'Tarone-Ware';
    case 'peto':
      return 'Peto-Peto';
    case 'fleming-harrington':
      return `Fleming-Harrington (rho = ${rho}, q = ${q})`;
  }
}
