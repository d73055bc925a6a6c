import { chiSquareTail } from './chi-square.js';
import { twoSidedZ } from './normal-quantile.js';

/** The mean of a group's values with its interval. */
export interface MeanSummary {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n - 1); null below 2 values. */
  sd: number | null;
  /** Normal-approximation interval mean +- z sd / sqrt(n); null below 2 values. */
  lower: number | null;
  upper: number | null;
  total: number;
}

/** Running moments of one group (Welford: stable for large sums of money). */
export interface Moments {
  n: number;
  mean: number;
  m2: number;
  total: number;
}

/** groupMoments: one pass over values into per-group count, mean and sum of squared deviations. */
export function groupMoments(values: Float64Array, groupOf: Int32Array, groups: number): Moments[] {
  const out = Array.from({ length: groups }, () => ({ n: 0, mean: 0, m2: 0, total: 0 }));
  for (let i = 0; i < values.length; ++i) {
    const g = groupOf[i];
    const x = values[i];
    if (g < 0 || x !== x) continue;
    const m = out[g];
    m.n++;
    m.total += x;
    const d = x - m.mean;
    m.mean += d / m.n;
    m.m2 += d * (x - m.mean);
  }
  return out;
}

/** combineMoments: the moments of two groups' values taken together (Chan et al.'s pairwise update). */
export function combineMoments(a: Moments, b: Moments): Moments {
  const n = a.n + b.n;
  if (a.n === 0) return { ...b, total: a.total + b.total };
  if (b.n === 0) return { ...a, total: a.total + b.total };
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n, total: a.total + b.total };
}

/** meanSummary: mean, standard deviation and a normal interval of the mean at `level`. */
export function meanSummary(m: Moments, level = 0.95): MeanSummary {
  if (m.n === 0) return { n: 0, mean: null, sd: null, lower: null, upper: null, total: 0 };
  if (m.n < 2) return { n: m.n, mean: m.mean, sd: null, lower: null, upper: null, total: m.total };
  const sd = Math.sqrt(m.m2 / (m.n - 1));
  const half = (twoSidedZ(level) * sd) / Math.sqrt(m.n);
  return { n: m.n, mean: m.mean, sd, lower: m.mean - half, upper: m.mean + half, total: m.total };
}

/** A difference of two means with a Welch (unpooled) normal interval and test. */
export interface MeanDifference {
  diff: number | null;
  lower: number | null;
  upper: number | null;
  p: number | null;
}

/** diffMeans: mean1 - mean2, se = sqrt(s1^2/n1 + s2^2/n2), interval diff +- z se, two-sided normal p. */
export function diffMeans(a: Moments, b: Moments, level = 0.95): MeanDifference {
  if (a.n < 2 || b.n < 2) return { diff: a.n && b.n ? a.mean - b.mean : null, lower: null, upper: null, p: null };
  const diff = a.mean - b.mean;
  const se = Math.sqrt(a.m2 / (a.n - 1) / a.n + b.m2 / (b.n - 1) / b.n);
  if (!(se > 0)) return { diff, lower: null, upper: null, p: null };
  const z = twoSidedZ(level);
  const stat = diff / se;
  return { diff, lower: diff - z * se, upper: diff + z * se, p: chiSquareTail(stat * stat, 1).p };
}
