import type { LifetimeReport } from '../report/lifetime-report.js';
import type { NormalizedSurvivalSpec } from '../spec/survival-spec.js';
import type { KMCurve } from '../stats/kaplan-meier.js';
import type { LogRankResult } from '../stats/log-rank.js';
import type { SurvivalAt } from '../stats/median.js';
import { valueLabel } from './key-columns.js';

/** One group's Kaplan-Meier fit. */
export interface SurvivalGroup {
  /** The group's value of each --by column (null = missing); {} without --by. */
  key: Record<string, string | null>;
  /** The curve: one row per distinct time (events and censored). */
  curve: KMCurve;
  /** The median lifetime and its interval (null where not reached). */
  median: { estimate: number | null; lower: number | null; upper: number | null };
  /** S at the chosen times. */
  at: SurvivalAt[];
}

/** The result of a survival analysis: engine-neutral plain data. */
export interface SurvivalResult {
  spec: NormalizedSurvivalSpec;
  /** The as-of instant used (epoch ms); undefined when durations were given directly. */
  asOf?: number;
  /** The unit of times: days, weeks, months, or "<column> units" for durations given as they are. */
  unit: string;
  /** The group column names, in --by order. */
  by: string[];
  groups: SurvivalGroup[];
  /** The test across the groups; null without --by. */
  test: LogRankResult | null;
  report: LifetimeReport;
}

/** The label of a group for messages and the terminal: "channel=organic, plan=pro" or "all". */
export function groupLabel(key: Record<string, string | null>): string {
  const parts = Object.entries(key).map(([k, v]) => `${k}=${valueLabel(v)}`);
  return parts.length ? parts.join(', ') : 'all';
}

/** A number for output: NaN and infinities become null. */
export function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}
