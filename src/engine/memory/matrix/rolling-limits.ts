import type { NormalizedMatrixSpec } from '../../../spec/normalize.js';
import { elapsedOffset } from '../../../time/elapsed.js';
import { NO_DAY } from '../../../time/local-days.js';
import { periodsOfInstants } from '../../../time/periods.js';
import type { Zone } from '../../../time/zone.js';
import { countThrough } from './matrix-kernel.js';

type LimitSpec = Pick<NormalizedMatrixSpec, 'period' | 'offsets' | 'weekStart'>;

/**
 * Where each customer's anchor is known from: instants (the general path), or calendar
 * period numbers (the fused path: base + the customer's anchor bit, -1 = none).
 */
export type AnchorSource =
  | { kind: 'instants'; anchor: Float64Array }
  | { kind: 'periods'; base: number; anchorBit: Int32Array };

/**
 * lastCompleteOffsets: per customer, the last offset whose period (counted from the
 * customer's own anchor) has ended at or before as-of (METRICS.md section 3, rolling);
 * -1 when none has, or the customer is in no cohort.
 *
 * Calendar: the period containing as-of, Q, has not ended, every earlier one has; so the
 * limit is Q - 1 - (anchor period). Elapsed: offset k ends at anchor + (k + 1) periods,
 * so the limit is elapsedOffset(anchor, as-of) - 1.
 */
export function lastCompleteOffsets(
  source: AnchorSource,
  cohortOf: Int32Array,
  spec: LimitSpec,
  zone: Zone,
  asOf: number,
): Int32Array {
  const n = cohortOf.length;
  const limit = new Int32Array(n).fill(-1);
  const lastPeriod = periodsOfInstants(Float64Array.of(asOf), zone, spec.period, spec.weekStart)[0] - 1;
  if (source.kind === 'periods') {
    const { base, anchorBit } = source;
    for (let c = 0; c < n; ++c) {
      if (cohortOf[c] < 0 || anchorBit[c] < 0) continue;
      limit[c] = Math.max(-1, lastPeriod - (base + anchorBit[c]));
    }
    return limit;
  }
  const { anchor } = source;
  if (spec.offsets === 'elapsed') {
    for (let c = 0; c < n; ++c) {
      if (cohortOf[c] < 0 || anchor[c] !== anchor[c]) continue;
      limit[c] = Math.max(-1, elapsedOffset(anchor[c], asOf, spec.period, zone) - 1);
    }
    return limit;
  }
  const ap = periodsOfInstants(anchor, zone, spec.period, spec.weekStart);
  for (let c = 0; c < n; ++c) {
    if (cohortOf[c] < 0 || ap[c] === NO_DAY) continue;
    limit[c] = Math.max(-1, lastPeriod - ap[c]);
  }
  return limit;
}

/** Per-cell sums a rolling matrix needs beside the kernel's counts. */
export interface RollingCounts {
  /** eligible(c, k): members of c whose offset-k period has ended. */
  eligible: Int32Array;
  /** Sum of offset-0 revenue over the members eligible at k (the revenue modes' denominator). */
  revenue0?: Float64Array;
  /**
   * Counted revenue of the members whose last complete offset is k - 1, at cell k: what
   * leaves the cumulative (ltv) numerator at k, since those members are no longer eligible.
   */
  expired?: Float64Array;
}

/**
 * rollingCounts: one pass over customers into a count per (cohort, last complete offset),
 * then a suffix sum per cohort gives eligible(c, k); revenue at offset 0 is summed the
 * same way. No per-cell work per customer.
 */
export function rollingCounts(
  limit: Int32Array,
  cohortOf: Int32Array,
  cohortCount: number,
  width: number,
  revenue?: { rev0: Float64Array; total: Float64Array },
): RollingCounts {
  const eligible = countThrough(limit, cohortOf, cohortCount, width);
  if (!revenue) return { eligible };
  const revenue0 = new Float64Array(cohortCount * width);
  const expired = new Float64Array(cohortCount * width);
  for (let c = 0; c < limit.length; ++c) {
    const h = cohortOf[c];
    const m = limit[c];
    if (h < 0 || m < 0) continue;
    revenue0[h * width + Math.min(m, width - 1)] += revenue.rev0[c];
    if (m + 1 < width) expired[h * width + m + 1] += revenue.total[c];
  }
  for (let h = 0; h < cohortCount; ++h) {
    for (let k = width - 2; k >= 0; --k) revenue0[h * width + k] += revenue0[h * width + k + 1];
  }
  return { eligible, revenue0, expired };
}
