import { emptyLifetimeReport, groupLabel, type SurvivalGroup, type SurvivalResult } from '../../result/survival-result.js';
import { unitMs, type NormalizedSurvivalSpec } from '../../spec/survival-spec.js';
import { kaplanMeierGroups, kaplanMeierTallies } from '../../stats/kaplan-meier.js';
import { logRankPooled } from '../../stats/log-rank.js';
import { medianSurvival, survivalAt } from '../../stats/median.js';
import { groupedTallies } from '../../stats/pooled-tally.js';
import type { Cohorts } from './assign-cohorts.js';
import { customerLifetimes, durationsFromTimes, givenDurations } from './durations.js';
import type { InputTables } from './input-tables.js';

/**
 * executeSurvival: Kaplan-Meier curves per group and the test across them (METRICS.md
 * section 7), in memory.
 *
 *   dates:      customerLifetimes (anchor, churn, as-of, groups) -> durationsFromTimes
 *   durations:  givenDurations (--duration, --event, groups)
 *       -> groupedTallies (with --by: one sort gives the group tallies in pooled order)
 *       -> kaplanMeierTallies (Greenwood, intervals) -> medianSurvival, survivalAt
 *       -> logRankPooled across the groups (with --by)
 */
export function executeSurvival(spec: NormalizedSurvivalSpec, inputs: InputTables): SurvivalResult {
  let duration: Float64Array;
  let event: Uint8Array;
  let groups: Cohorts;
  let asOf: number | undefined;
  let report = emptyLifetimeReport();
  if (spec.churn.kind === 'duration') {
    ({ duration, event, groups, report } = givenDurations(spec, inputs));
  } else {
    const life = customerLifetimes(spec, inputs);
    ({ duration, event } = durationsFromTimes(life.anchor, life.churn, life.asOf, unitMs(spec.unit)));
    ({ groups, report, asOf } = life);
  }

  // With --by, one sort gives the groups' curves and the pooled order the test walks.
  const km = { confType: spec.ci, level: spec.confLevel };
  const pooled = spec.by.length ? groupedTallies(duration, event, groups.of, groups.count) : undefined;
  const curves = pooled ? kaplanMeierTallies(pooled.groups, km) : kaplanMeierGroups(duration, event, groups.of, groups.count, km);
  const by = groups.attributes.map((a) => a.name);
  const out: SurvivalGroup[] = curves.map((curve, h) => {
    const key: Record<string, string | null> = {};
    for (const a of groups.attributes) key[a.name] = a.values[h];
    return { key, curve, median: medianSurvival(curve), at: survivalAt(curve, spec.at) };
  });
  report.singleCustomerGroups = out.filter((g) => g.curve.n === 1).map((g) => groupLabel(g.key));
  const test = pooled ? logRankPooled(pooled, { test: spec.test, rho: spec.rho, q: spec.q }) : null;
  return { spec, asOf, unit: spec.unit, by, groups: out, test, report };
}
