import { chiSquareTail } from './chi-square.js';
import { twoSidedZ } from './normal-quantile.js';

/** A difference of two proportions with its interval and test. */
export interface ProportionDifference {
  /** p1 - p2; null when a group is empty. */
  diff: number | null;
  /** Newcombe hybrid score interval of p1 - p2 (method 10 of Newcombe 1998). */
  lower: number | null;
  upper: number | null;
  /** Pooled two-proportion z statistic; null when it is undefined (an empty group, or pooled p of 0 or 1). */
  z: number | null;
  /** Two-sided p-value of z (R: prop.test(correct = FALSE)); null with z. */
  p: number | null;
}

/**
 * p1 - p2 = x1/n1 - x2/n2 with the Newcombe hybrid Wilson-score interval
 * [d - sqrt((p1 - l1)^2 + (u2 - p2)^2), d + sqrt((u1 - p1)^2 + (p2 - l2)^2)], where
 * (l, u) are each proportion's Wilson interval, and the pooled two-proportion z-test.
 * Fails with `badConfLevel` unless 0 < level < 1.
 */
export function diffProportions(x1: number, n1: number, x2: number, n2: number, level = 0.95): ProportionDifference {
  const z = twoSidedZ(level);
  for (const [x, n] of [
    [x1, n1],
    [x2, n2],
  ]) {
    if (!(Number.isInteger(x) && Number.isInteger(n) && x >= 0 && x <= n)) {
      throw new RangeError(`expected whole counts with 0 <= x <= n, got x = ${x}, n = ${n}`);
    }
  }
  if (n1 === 0 || n2 === 0) return { diff: null, lower: null, upper: null, z: null, p: null };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p1 - p2;
  const [l1, u1] = wilson(x1, n1, z);
  const [l2, u2] = wilson(x2, n2, z);
  const lower = diff - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const upper = diff + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { diff, lower, upper, z: null, p: null };
  const zStat = diff / se;
  return { diff, lower, upper, z: zStat, p: chiSquareTail(zStat * zStat, 1).p };
}

/** The Wilson score interval of x/n (R: prop.test(x, n, correct = FALSE)$conf.int). */
export function wilson(x: number, n: number, z: number): [number, number] {
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // At x = 0 or x = n the exact end is 0 or 1; rounding must not leave it a hair off.
  return [x === 0 ? 0 : Math.max(0, centre - half), x === n ? 1 : Math.min(1, centre + half)];
}
