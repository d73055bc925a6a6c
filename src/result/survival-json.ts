import { snakeKeys } from '../report/snake-keys.js';
import type { KMCurve } from '../stats/kaplan-meier.js';
import type { SurvivalAt } from '../stats/median.js';
import { finiteOrNull, type SurvivalResult } from './survival-result.js';

/** One point of the JSON document ("at" and "curve" entries). */
export interface SurvivalPointJSON {
  time: number;
  n_risk: number;
  events: number;
  survival: number | null;
  std_err: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * A reading at a chosen time ("at" entries, the at-table's rows): `cumulative_events` are
 * the events at or before `time` (a curve row's `events` are those at its time), and
 * `beyond_data` marks a time past the group's last observed time, where S is only
 * carried forward.
 */
export interface SurvivalAtJSON {
  time: number;
  n_risk: number;
  cumulative_events: number;
  survival: number | null;
  std_err: number | null;
  lower: number | null;
  upper: number | null;
  beyond_data: boolean;
}

/** The JSON document of `kohort survival --format json`. */
export interface SurvivalJSON {
  unit: string;
  conf_type: string;
  conf_level: number;
  as_of: string | null;
  groups: {
    key: Record<string, string | null>;
    n: number;
    events: number;
    median: number | null;
    median_lower: number | null;
    median_upper: number | null;
    at: SurvivalAtJSON[];
    /** Absent when asked for without the curve. */
    curve?: SurvivalPointJSON[];
  }[];
  test: {
    name: string;
    test: string;
    rho: number;
    q: number;
    chi2: number;
    df: number;
    p: number | null;
    log10_p: number | null;
    observed: (number | null)[];
    expected: (number | null)[];
  } | null;
  /** The report, keys in snake_case. */
  report: Record<string, unknown>;
}

/**
 * survivalJSON: the result as the JSON document: per group n, events, the median with its
 * interval, S at the chosen times ("at") and at every event time ("curve", left out with
 * `curve: false`); the test; the report. Never NaN: missing numbers are null.
 */
export function survivalJSON(r: SurvivalResult, opts: { curve?: boolean } = {}): SurvivalJSON {
  const withCurve = opts.curve ?? true;
  return {
    unit: r.unit,
    conf_type: r.spec.ci,
    conf_level: r.spec.confLevel,
    as_of: r.asOf === undefined ? null : new Date(r.asOf).toISOString(),
    groups: r.groups.map((g) => ({
      key: g.key,
      n: g.curve.n,
      events: g.curve.nEvents,
      median: finiteOrNull(g.median.estimate),
      median_lower: finiteOrNull(g.median.lower),
      median_upper: finiteOrNull(g.median.upper),
      at: g.at.map(atPoint),
      ...(withCurve ? { curve: eventRows(g.curve) } : {}),
    })),
    test: r.test && {
      name: r.test.name,
      test: r.test.test,
      rho: r.test.rho,
      q: r.test.q,
      chi2: r.test.chi2,
      df: r.test.df,
      p: finiteOrNull(r.test.p),
      log10_p: finiteOrNull(r.test.log10p),
      observed: r.test.observed.map(finiteOrNull),
      expected: r.test.expected.map(finiteOrNull),
    },
    report: snakeKeys(r.report) as Record<string, unknown>,
  };
}

/** The curve rows with events, in the output's field names. */
function eventRows(curve: KMCurve): SurvivalPointJSON[] {
  const out: SurvivalPointJSON[] = [];
  const { time, nRisk, nEvent, survival, stdErr, lower, upper } = curve;
  for (let i = 0; i < time.length; i++) {
    if (nEvent[i] > 0) {
      out.push({
        time: time[i],
        n_risk: nRisk[i],
        events: nEvent[i],
        survival: finiteOrNull(survival[i]),
        std_err: finiteOrNull(stdErr[i]),
        lower: finiteOrNull(lower[i]),
        upper: finiteOrNull(upper[i]),
      });
    }
  }
  return out;
}

/** A reading at a chosen time in the output's field names (NaN -> null). */
export function atPoint(a: SurvivalAt): SurvivalAtJSON {
  return {
    time: a.time,
    n_risk: a.nRisk,
    cumulative_events: a.cumulativeEvents,
    survival: finiteOrNull(a.survival),
    std_err: finiteOrNull(a.stdErr),
    lower: finiteOrNull(a.lower),
    upper: finiteOrNull(a.upper),
    beyond_data: a.beyondData,
  };
}
