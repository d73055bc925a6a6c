import { fail } from '../../../errors.js';
import type { CrrResult } from '../../../result/crr-table.js';
import type { NormalizedCrrSpec } from '../../../spec/crr-spec.js';
import { localDays, NO_DAY } from '../../../time/local-days.js';
import { periodLabel, periodOfDay, periodsOfInstants, periodStartInstant } from '../../../time/periods.js';
import { timeZone } from '../../../time/zone.js';
import { crrKernel, NO_CHURN } from './crr-kernel.js';
import { customerLifetimes } from './customer-lifetimes.js';
import type { InputTables } from '../../../load/input-tables.js';
import type { LifetimeReport } from '../../../report/lifetime-report.js';
import type { Cohorts } from '../prepare/assign-cohorts.js';
import type { SharedRejects } from '../../../report/rejects.js';

/**
 * executeCrr: the customer retention rate per period (METRICS.md section 5), in memory.
 *
 *   customerLifetimes (anchor = signup, churn, groups) -> signup and churn periods
 *       -> the reported range -> crrKernel (difference arrays) -> CrrResult
 *
 * The range runs from --from (default: the period of the earliest signup) to --to
 * (default: the last period that ends at or before as-of; later periods are never shown,
 * since a period not yet over would read as churn).
 */
export function executeCrr(spec: NormalizedCrrSpec, inputs: InputTables, opts: { sharedRejects?: SharedRejects } = {}): CrrResult {
  const zone = timeZone(spec.tz);
  const { period: g, weekStart: ws } = spec;
  const life = customerLifetimes(spec, inputs, opts);
  const { anchor, churn, asOf, groups } = life;

  const signupPeriod = periodsOfInstants(anchor, zone, g, ws);
  const churnPeriod = periodsOfInstants(churn, zone, g, ws);
  let earliest = Infinity;
  for (let c = 0; c < life.count; ++c) {
    if (churnPeriod[c] === NO_DAY) churnPeriod[c] = NO_CHURN;
    if (groups.of[c] >= 0 && signupPeriod[c] < earliest) earliest = signupPeriod[c];
  }

  return crrOverPeriods(spec, asOf, signupPeriod, churnPeriod, groups, earliest, life.report);
}

/**
 * crrOverPeriods: the CRR result from each customer's signup and churn periods (NO_CHURN
 * for none), whichever engine found them: the reported range, then crrKernel.
 */
export function crrOverPeriods(
  spec: NormalizedCrrSpec,
  asOf: number,
  signupPeriod: Int32Array,
  churnPeriod: Int32Array,
  groups: Cohorts,
  earliest: number,
  report: LifetimeReport,
): CrrResult {
  const zone = timeZone(spec.tz);
  const { period: g, weekStart: ws } = spec;
  const pa = periodOfDay(localDays(Float64Array.of(asOf - 1), zone)[0], g, ws);
  const lastComplete = periodStartInstant(pa + 1, g, ws, zone) <= asOf ? pa : pa - 1;
  const asked = spec.toDay === undefined ? lastComplete : periodOfDay(spec.toDay, g, ws);
  const last = Math.min(asked, lastComplete);
  const first = spec.fromDay !== undefined ? periodOfDay(spec.fromDay, g, ws) : earliest === Infinity ? last + 1 : earliest;
  if (spec.fromDay !== undefined && first > lastComplete) {
    fail('fromAfterAsOf', { from: periodLabel(first, g, ws), period: g, last: periodLabel(lastComplete, g, ws) });
  }

  const counts = crrKernel({ signupPeriod, churnPeriod, group: groups.of, groupCount: groups.count, first, last });
  const periods = Int32Array.from({ length: counts.periods }, (_, p) => first + p);
  return {
    spec,
    asOf,
    period: g,
    weekStart: ws,
    periods,
    labels: Array.from(periods, (p) => periodLabel(p, g, ws)),
    groups: { count: groups.count, attributes: groups.attributes },
    counts,
    clipped: asked > lastComplete,
    report,
  };
}
