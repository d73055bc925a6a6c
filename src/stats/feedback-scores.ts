import { twoSidedZ } from './normal-quantile.js';

/**
 * Feedback scores (METRICS.md section 8): the NPS class of a 0-10 score, the NPS of a
 * group with its interval, and score scales. Pure functions over counts.
 */

/** NPS classes, in output order. */
export const NPS_CLASSES = ['detractor', 'passive', 'promoter'] as const;
/** One NPS class: detractor (0-6), passive (7-8) or promoter (9-10). */
export type NpsClass = (typeof NPS_CLASSES)[number];

/**
 * The NPS class index of a score (0 detractor 0-6, 1 passive 7-8, 2 promoter 9-10), or -1
 * when the score is not a whole number from 0 to 10 (rejected, never clipped).
 */
export function npsClassIndex(score: number): number {
  if (!(score >= 0 && score <= 10 && Number.isInteger(score))) return -1;
  return score >= 9 ? 2 : score >= 7 ? 1 : 0;
}

/** A closed integer scale such as 1-5. */
export interface Scale {
  min: number;
  max: number;
}

/** Whether a score is a point of the scale: a whole number from min to max. */
export function onScale(score: number, scale: Scale): boolean {
  return score >= scale.min && score <= scale.max && Number.isInteger(score);
}

/** The NPS of a group with its interval, on the -100..100 scale. */
export interface NpsEstimate {
  /** 100 x (promoters - detractors) / n; null when n = 0. */
  nps: number | null;
  /** The interval's bounds (null when n = 0), within -100..100. */
  lower: number | null;
  upper: number | null;
}

/**
 * npsInterval: the NPS and its adjusted-Wald interval (Rocks 2016, "Interval estimation
 * for the 'net promoter score'", The American Statistician 70(4)): add 3/4 to the
 * promoters, 3/4 to the detractors and 3/2 to the passives (n + 3), then
 * NPS' ± z sqrt((p' + d' - (p' - d')^2) / (n + 3)), the variance of the mean of the
 * trinomial +1 / 0 / -1 score, clipped to [-100, 100]. It covers near its level where the
 * plain Wald interval does not (small n, NPS near ±100). The point estimate is the plain NPS.
 */
export function npsInterval(promoters: number, detractors: number, n: number, level = 0.95): NpsEstimate {
  if (!(n > 0)) return { nps: null, lower: null, upper: null };
  const z = twoSidedZ(level);
  const m = n + 3;
  const p = (promoters + 0.75) / m;
  const d = (detractors + 0.75) / m;
  const centre = p - d;
  const se = Math.sqrt(Math.max(0, p + d - centre * centre) / m);
  const clip = (x: number): number => Math.min(100, Math.max(-100, 100 * x));
  return { nps: (100 * (promoters - detractors)) / n, lower: clip(centre - z * se), upper: clip(centre + z * se) };
}
