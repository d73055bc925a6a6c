import type { Granularity, WeekStart } from '../../../spec/types.js';
import { periodLabel, periodOfDay, periodStartDay } from '../../../time/periods.js';
import type { Cohorts } from '../prepare/assign-cohorts.js';

/** Per cohort, the smallest and largest anchor period (offset granularity) of its members. */
export interface AnchorRange {
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * bitCohorts: the time-only cohorts of a fused run from each customer's anchor bit (its
 * first active period is base + bit): the same cohorts as assignCohorts gives on the
 * anchors, found with one count per bit instead of per-customer calendar work. Also
 * each cohort's anchor range, which offsetSpan would otherwise find with a pass.
 * @param anchorBit per customer, -1 = no anchor (in no cohort)
 */
export function bitCohorts(
  anchorBit: Int32Array,
  base: number,
  bitCount: number,
  period: Granularity,
  cohortTime: Granularity,
  weekStart: WeekStart,
): { cohorts: Cohorts; range: AnchorRange } {
  const perBit = new Int32Array(bitCount);
  for (let c = 0; c < anchorBit.length; ++c) if (anchorBit[c] >= 0) perBit[anchorBit[c]]++;
  // The cohort period of each used bit; bits ascend with time, so cohorts come out in order.
  const bitCohort = new Int32Array(bitCount).fill(-1);
  const periods: number[] = [];
  const sizes: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  for (let b = 0; b < bitCount; ++b) {
    if (perBit[b] === 0) continue;
    const p = periodOfDay(periodStartDay(base + b, period, weekStart), cohortTime, weekStart);
    if (periods.length === 0 || periods[periods.length - 1] !== p) {
      periods.push(p);
      sizes.push(0);
      lo.push(base + b);
    }
    const h = periods.length - 1;
    sizes[h] += perBit[b];
    hi[h] = base + b;
    bitCohort[b] = h;
  }
  const of = new Int32Array(anchorBit.length);
  for (let c = 0; c < of.length; ++c) of[c] = anchorBit[c] >= 0 ? bitCohort[anchorBit[c]] : -1;
  const period32 = Int32Array.from(periods);
  const cohorts: Cohorts = {
    count: periods.length,
    of,
    size: Int32Array.from(sizes),
    period: period32,
    label: Array.from(period32, (p) => periodLabel(p, cohortTime, weekStart)),
    attributes: [],
  };
  return { cohorts, range: { lo: Float64Array.from(lo), hi: Float64Array.from(hi) } };
}
