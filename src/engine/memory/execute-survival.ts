import { emptyLifetimeReport, groupLabel, type SurvivalGroup, type SurvivalResult } from '../../result/survival-result.js';
import { unitMs, type NormalizedSurvivalSpec } from '../../spec/survival-spec.js';
import { kaplanMeierGroups, type KMCurve } from '../../stats/kaplan-meier.js';
import { logRank } from '../../stats/log-rank.js';
import { medianSurvival, survivalAt } from '../../stats/median.js';
import type { Cohorts } from './assign-cohorts.js';
import { customerLifetimes, durationsFromTimes, givenDurations } from './durations.js';
import type { InputTables } from './input-tables.js';

/**
 * executeSurvival: Kaplan-Meier curves per group and the test across them (METRICS.md
 * section 7), in memory.
 *
 *   dates:      customerLifetimes (anchor, churn, as-of, groups) -> durationsFromTimes
 *   durations:  givenDurations (--duration, --event, groups)
 *       -> kaplanMeierGroups (Greenwood, intervals) -> medianSurvival, survivalAt
 *       -> logRank across the groups (with --by)
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

  const curves = kaplanMeierGroups(duration, event, groups.of, groups.count, { confType: spec.ci, level: spec.confLevel });
  const by = groups.attributes.map((a) => a.name);
  const out: SurvivalGroup[] = curves.map((curve, h) => {
    const key: Record<string, string | null> = {};
    for (const a of groups.attributes) key[a.name] = a.values[h];
    return { key, curve, median: medianSurvival(stepRows(curve)), at: survivalAt(curve, spec.at) };
  });
  report.singleCustomerGroups = out.filter((g) => g.curve.n === 1).map((g) => groupLabel(g.key));
  const test = spec.by.length
    ? logRank(duration, event, groups.of, groups.count, { test: spec.test, rho: spec.rho, q: spec.q })
    : null;
  return { spec, asOf, unit: spec.unit, by, groups: out, test, report };
}

/**
 * The curve with only the rows where it can change: the first row, the event rows and the
 * last row. A censored-only row repeats the previous row's S and interval (its Greenwood sum
 * is unchanged), so the median and its interval (medianSurvival, which keeps the first of
 * repeated values and reads the last time) are exactly the same on fewer rows.
 */
function stepRows(curve: KMCurve): KMCurve {
  const rows = curve.rows;
  const last = rows.length - 1;
  let censoredOnly = 0;
  for (let i = 1; i < last; ++i) if (rows[i].nEvent === 0) ++censoredOnly;
  if (censoredOnly === 0) return curve;
  return { ...curve, rows: rows.filter((r, i) => i === 0 || i === last || r.nEvent > 0) };
}
