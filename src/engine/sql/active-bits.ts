import type { MatrixPlan } from '../../plan/matrix-plan.js';
import { periodsOfInstants } from '../../time/periods.js';
import type { Zone } from '../../time/zone.js';
import type { Dialect } from './dialect.js';

/** The part of compileMatrix's options (MatrixSqlOptions) that decides on bit sets. */
interface BitsOptions {
  asOf: number;
  zone: Zone;
  firstActivity?: number;
  beforeAnchorOnly?: boolean;
}

/** The bit of period p is p - p0, below `width` (p0: the earliest activity's period, up to as-of's). */
export interface ActiveBits {
  p0: number;
  width: number;
}

/**
 * activeBits: whether the dialect can keep each customer's active periods as one bit set
 * (calendar offsets, at most 64 periods from the earliest activity to as-of, no amounts
 * and no activity attributes, which need rows per period). Then activity is grouped by
 * customer, not by customer and period: 4-5 times fewer groups, and the join to the
 * customers is per customer. The cells are sums of the bits per cohort and anchor period.
 */
export function activeBits(d: Dialect, plan: MatrixPlan, o: BitsOptions, activityAttributes: boolean): ActiveBits | undefined {
  const spec = plan.spec;
  if (o.beforeAnchorOnly || !mayUseBits(d, plan, activityAttributes)) return undefined;
  if (o.firstActivity === undefined || !Number.isFinite(o.firstActivity)) return undefined;
  const [p0, top] = periodsOfInstants(Float64Array.of(o.firstActivity, o.asOf), o.zone, spec.period, spec.weekStart);
  const width = top - p0 + 1;
  return width >= 1 && width <= 64 ? { p0, width } : undefined;
}

/** Whether a plan may run on bit sets at all, before the time range is known (activeBits decides). */
export function mayUseBits(d: Dialect, plan: MatrixPlan, activityAttributes: boolean): boolean {
  return !!d.bits && plan.spec.offsets !== 'elapsed' && !plan.needs.revenue && !activityAttributes;
}
