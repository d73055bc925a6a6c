import { fail } from '../errors.js';
import { chiSquareTail } from './chi-square.js';

/** The weighted log-rank tests on offer. */
export type LogRankTest = 'log-rank' | 'wilcoxon' | 'tarone-ware' | 'peto' | 'fleming-harrington';

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
  if (events.length !== durations.length || groupCodes.length !== durations.length) {
    throw new RangeError(
      `durations (${durations.length}), events (${events.length}) and group codes (${groupCodes.length}) differ in length`,
    );
  }
  if (!(Number.isInteger(groupCount) && groupCount >= 0)) {
    throw new RangeError(`groupCount must be a whole number >= 0, got ${groupCount}`);
  }
  const G = groupCount;
  const test = opts.test ?? (opts.rho !== undefined || opts.q !== undefined ? 'fleming-harrington' : 'log-rank');
  if (!LOG_RANK_TESTS.includes(test)) fail('unknownOption', { option: '--test', value: test, allowed: LOG_RANK_TESTS });
  const rho = test === 'peto' ? 1 : test === 'fleming-harrington' ? (opts.rho ?? 0) : 0;
  const q = test === 'fleming-harrington' ? (opts.q ?? 0) : 0;
  if (!(rho >= 0 && q >= 0 && Number.isFinite(rho) && Number.isFinite(q))) {
    throw new RangeError(`rho and q must be finite numbers >= 0, got rho = ${rho}, q = ${q}`);
  }

  // Distinct times, then each kept row placed by the rank of its time (a counting sort).
  const sizes = new Array<number>(G).fill(0);
  let m = 0;
  for (let i = 0; i < groupCodes.length; i++) {
    const g = groupCodes[i];
    if (g < 0) continue;
    if (g >= G) throw new RangeError(`group code ${g} at row ${i} is not below groupCount ${G}`);
    const t = durations[i];
    if (!(t >= 0 && t < Infinity)) fail('badSurvivalDuration', { value: t });
    sizes[g]++;
    m++;
  }
  const sorted = new Float64Array(m);
  for (let i = 0, k = 0; i < groupCodes.length; i++) if (groupCodes[i] >= 0) sorted[k++] = durations[i];
  sorted.sort();
  let u = 0;
  for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[u++] = sorted[i];
  const times = sorted.subarray(0, u);
  const rank = new Int32Array(m);
  const start = new Int32Array(u + 1);
  for (let i = 0, k = 0; i < groupCodes.length; i++) {
    if (groupCodes[i] < 0) continue;
    const r = lowerBound(times, durations[i]);
    rank[k++] = r;
    start[r + 1]++;
  }
  for (let r = 0; r < u; r++) start[r + 1] += start[r];
  const slotGroup = new Int32Array(m);
  const slotEvent = new Uint8Array(m);
  const pos = start.slice(0, u);
  for (let i = 0, k = 0; i < groupCodes.length; i++) {
    if (groupCodes[i] < 0) continue;
    const s = pos[rank[k++]]++;
    slotGroup[s] = groupCodes[i];
    slotEvent[s] = events[i] !== 0 ? 1 : 0;
  }

  const observed = new Float64Array(G);
  const expected = new Float64Array(G);
  const V = new Float64Array(G * G);
  const atRisk = Float64Array.from(sizes);
  const dG = new Float64Array(G);
  const exitG = new Float64Array(G);
  let nTotal = m;
  let kmLeft = 1; // pooled Kaplan-Meier just before the current time
  for (let r = 0; r < u; r++) {
    let d = 0;
    for (let s = start[r]; s < start[r + 1]; s++) {
      const g = slotGroup[s];
      exitG[g]++;
      if (slotEvent[s]) {
        dG[g]++;
        d++;
      }
    }
    if (d > 0) {
      const w = weight(test, nTotal, kmLeft, rho, q);
      for (let s = start[r]; s < start[r + 1]; s++) {
        const g = slotGroup[s];
        if (dG[g] !== 0) {
          observed[g] += w * dG[g];
          dG[g] = 0;
        }
      }
      const e = (w * d) / nTotal;
      for (let g = 0; g < G; g++) if (atRisk[g] > 0) expected[g] += e * atRisk[g];
      if (nTotal > 1) {
        const c = (w * w * d * (nTotal - d)) / (nTotal * (nTotal - 1));
        for (let j = 0; j < G; j++) {
          const nj = atRisk[j];
          if (nj === 0) continue;
          const cj = c * nj;
          V[j * G + j] += cj;
          const cjn = cj / nTotal;
          for (let k = 0; k < G; k++) if (atRisk[k] > 0) V[j * G + k] -= cjn * atRisk[k];
        }
      }
      kmLeft *= (nTotal - d) / nTotal;
    }
    for (let s = start[r]; s < start[r + 1]; s++) {
      const g = slotGroup[s];
      if (exitG[g] !== 0) {
        atRisk[g] -= exitG[g];
        nTotal -= exitG[g];
        exitG[g] = 0;
      }
    }
  }

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
    n: sizes,
    observed: Array.from(observed),
    expected: Array.from(expected),
    variance,
  };
}

function weight(test: LogRankTest, n: number, kmLeft: number, rho: number, q: number): number {
  switch (test) {
    case 'log-rank':
      return 1;
    case 'wilcoxon':
      return n;
    case 'tarone-ware':
      return Math.sqrt(n);
    case 'peto':
      return kmLeft;
    case 'fleming-harrington':
      return Math.pow(kmLeft, rho) * Math.pow(1 - kmLeft, q);
  }
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

/** The index of `t` in the ascending distinct values `times` (it is there). */
function lowerBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Solve A x = b for a symmetric positive semi-definite A (k x k, row-major) by an LDL'
 * decomposition that zeroes pivots below 1e-10 x the largest diagonal, like survival's
 * cholesky2/chsolve2: a generalized inverse when A is singular. Returns x and the rank.
 */
function solveSymmetric(A: Float64Array, b: Float64Array, k: number): { x: Float64Array; rank: number } {
  const a = A.slice();
  let maxDiag = 0;
  for (let i = 0; i < k; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * k + i]));
  const eps = maxDiag * 1e-10;
  let rank = 0;
  for (let i = 0; i < k; i++) {
    const pivot = a[i * k + i];
    if (!(Number.isFinite(pivot) && pivot > eps)) {
      a[i * k + i] = 0;
      for (let j = i + 1; j < k; j++) a[j * k + i] = 0;
      continue;
    }
    rank++;
    for (let j = i + 1; j < k; j++) {
      const temp = a[j * k + i] / pivot;
      a[j * k + i] = temp;
      a[j * k + j] -= temp * temp * pivot;
      for (let l = j + 1; l < k; l++) a[l * k + j] -= temp * a[l * k + i];
    }
  }
  const y = b.slice();
  for (let i = 0; i < k; i++) {
    let temp = y[i];
    for (let j = 0; j < i; j++) temp -= y[j] * a[i * k + j];
    y[i] = temp;
  }
  for (let i = k - 1; i >= 0; i--) {
    if (a[i * k + i] === 0) {
      y[i] = 0;
      continue;
    }
    let temp = y[i] / a[i * k + i];
    for (let j = i + 1; j < k; j++) temp -= y[j] * a[j * k + i];
    y[i] = temp;
  }
  return { x: y, rank };
}
