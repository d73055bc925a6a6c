/**
 * The Kaplan-Meier request (METRICS.md section 7): the documented spec type with the
 * default of every field, and its normalizer.
 */
import { fail } from '../errors.js';
import { CONF_TYPES, type ConfType } from '../stats/greenwood.js';
import { LOG_RANK_TESTS, type LogRankTest } from '../stats/log-rank.js';
import { normalizeChurnInput, type ChurnInputSpec, type NormalizedChurnInput } from './churn-spec.js';
import type { InputSchema } from './input-schema.js';
import { oneOf } from './normalize.js';
import { DURATION_UNITS, type DurationUnit } from './units.js';

/** The times reported by default (`at`) in each unit. */
export const DEFAULT_AT: Record<DurationUnit, readonly number[]> = {
  days: [30, 90, 180, 365],
  weeks: [4, 13, 26, 52],
  months: [1, 3, 6, 12],
};

/** A Kaplan-Meier request (METRICS.md section 7). */
export interface SurvivalSpec extends ChurnInputSpec {
  /**
   * A column of durations given directly (no dates at all): with `event`, the durations are
   * read as they are and `unit` only labels them.
   */
  duration?: string;
  /**
   * With `duration`: the event column, either 0/1, true/false, yes/no values ("Churned"), or
   * "<column>=<value>" where rows with that value had the event ("Churn=Yes").
   */
  event?: string;
  /**
   * Unit of durations derived from dates. Default "days". With `duration` it only names
   * the column's own unit (default: "<column> units", e.g. "tenure units").
   */
  unit?: DurationUnit;
  /** Pointwise interval: "log-log" (default), "log" (R's default) or "plain". */
  ci?: ConfType;
  /** Confidence level of the intervals, 0 < level < 1. Default 0.95. */
  confLevel?: number;
  /**
   * Times at which to report S(t) (in `unit`). Default: DEFAULT_AT[unit] for durations from
   * dates; with `duration`, round numbers inside the observed range (defaultAtTimes).
   */
  at?: number[];
  /** Weighted log-rank test across the groups. Default "log-rank". */
  test?: LogRankTest;
  /** Fleming-Harrington exponent of S(t-) (default 0; giving it alone selects fleming-harrington). */
  rho?: number;
  /** Fleming-Harrington exponent of 1 - S(t-) (default 0). */
  q?: number;
}

/** The defaults of a {@link SurvivalSpec}'s optional keys. */
export const SURVIVAL_DEFAULTS = {
  unit: 'days',
  ci: 'log-log',
  confLevel: 0.95,
  test: 'log-rank',
  tz: 'UTC',
  strict: false,
} as const satisfies Partial<SurvivalSpec>;

/** A SurvivalSpec checked, with its defaults filled and its columns resolved: what survivalPlan takes. */
export interface NormalizedSurvivalSpec extends NormalizedChurnInput {
  unit: DurationUnit;
  /** The unit as printed: `unit`, or "<column> units" for durations given without --unit. */
  unitLabel: string;
  /** True when `at` is to be chosen from the data's range (durations given, no `at`): `at` is then empty. */
  atFromData: boolean;
  ci: ConfType;
  confLevel: number;
  /** Sorted, distinct, finite and >= 0. */
  at: number[];
  test: LogRankTest;
  rho?: number;
  q?: number;
}

/**
 * normalizeSurvival: SurvivalSpec + the input's column names -> NormalizedSurvivalSpec.
 * Fills defaults, checks options, resolves and detects columns. Throws KohortError on the
 * first problem.
 */
export function normalizeSurvival(spec: SurvivalSpec, schema: InputSchema): NormalizedSurvivalSpec {
  const unit = oneOf('unit', spec.unit ?? SURVIVAL_DEFAULTS.unit, DURATION_UNITS);
  const ci = oneOf('ci', spec.ci ?? SURVIVAL_DEFAULTS.ci, CONF_TYPES);
  const confLevel = spec.confLevel ?? SURVIVAL_DEFAULTS.confLevel;
  if (!(typeof confLevel === 'number' && confLevel > 0 && confLevel < 1)) fail('badConfLevel', { value: confLevel });
  const rho = nonNegative('rho', spec.rho);
  const q = nonNegative('q', spec.q);
  const defaultTest = rho !== undefined || q !== undefined ? 'fleming-harrington' : SURVIVAL_DEFAULTS.test;
  const test = oneOf('test', spec.test ?? defaultTest, LOG_RANK_TESTS);
  const base = normalizeChurnInput(spec, schema, 'survival', true);
  const given = base.churn.kind === 'duration';
  const atFromData = given && spec.at === undefined;
  const at = atFromData ? [] : [...new Set((spec.at ?? DEFAULT_AT[unit]).map((t) => nonNegative('at', t)!))].sort((a, b) => a - b);
  const unitLabel = given && spec.unit === undefined && base.churn.kind === 'duration' ? columnUnit(base.churn.duration) : unit;
  return { ...base, unit, unitLabel, atFromData, ci, confLevel, at, test, rho, q };
}

/**
 * The unit of a duration column: its own name when that is a unit ("days"), the unit its
 * name ends in ("Tenure in Months", "tenure_weeks": the offsets are not days), else "<name> units".
 */
function columnUnit(column: string): string {
  const unit = /(?:^|[\s_(-])(seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?)\)?$/i.exec(column.trim());
  return unit ? unit[1].toLowerCase() : `${column} units`;
}

function nonNegative(option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!(n >= 0 && n < Infinity)) fail('badNonNegative', { option, value });
  return n;
}
