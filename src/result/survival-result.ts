import * as aq from 'arquero';
import { snakeKeys } from '../report/snake-keys.js';
import type { ColumnTable } from 'arquero';
import type { Exclusions } from '../report/load-report.js';
import type { KMCurve } from '../stats/kaplan-meier.js';
import type { LogRankResult } from '../stats/log-rank.js';
import type { SurvivalAt } from '../stats/median.js';
import type { NormalizedSurvivalSpec } from '../spec/survival-spec.js';

/** Why customers were left out of a churn analysis (survival or CRR). */
export interface LifetimeExclusions {
  /** Customers-table rows without an id. */
  missingId: number;
  /** Customers-table rows repeating an earlier id (the first row is kept). */
  duplicateId: number;
  /** Customers removed by --where. */
  filtered: number;
  /** Customers without a readable signup time (or, without a signup column, without counted activity). */
  missingAnchor: number;
  /** Customers who signed up at or after as-of. */
  anchorAfterAsOf: number;
  /** Customers whose churn value is not a readable time. */
  badChurn: number;
  /** Customers whose churn time is before their signup (never a negative duration). */
  churnBeforeAnchor: number;
  /** Rows with an empty or unreadable duration (--duration). */
  missingDuration: number;
  /** Rows with a duration below 0 (--duration). */
  negativeDuration: number;
  /** Rows with an empty event value (--event). */
  missingEvent: number;
}

/** The counts of a churn analysis: printed on stderr and carried in JSON as "report". */
export interface LifetimeReport {
  files: { role: 'activity' | 'customers'; file: string; rows: number }[];
  /** Activity rows read and used, and why the others were left out (with an activity table). */
  activity?: { rowsRead: number; rowsUsed: number; excluded: Exclusions };
  customers: {
    /** Customers found: distinct ids, or rows when there is no id column. */
    read: number;
    /** Customers in the analysis. */
    used: number;
    /** Of those, churned at or before as-of (events). */
    churned: number;
    /** Of those, still customers at as-of (censored). */
    censored: number;
    /** Churn times after as-of, counted as still customers. */
    churnAfterAsOf: number;
    excluded: LifetimeExclusions;
  };
  /** Labels of groups with a single customer (a one-step curve without an interval). */
  singleCustomerGroups: string[];
  /** What a user should know before trusting the numbers (printed as "kohort: warning: ..."). */
  warnings: string[];
}

/** An empty report. */
export function emptyLifetimeReport(): LifetimeReport {
  return {
    files: [],
    customers: {
      read: 0,
      used: 0,
      churned: 0,
      censored: 0,
      churnAfterAsOf: 0,
      excluded: {
        missingId: 0, duplicateId: 0, filtered: 0, missingAnchor: 0, anchorAfterAsOf: 0,
        badChurn: 0, churnBeforeAnchor: 0, missingDuration: 0, negativeDuration: 0, missingEvent: 0,
      },
    },
    singleCustomerGroups: [],
    warnings: [],
  };
}

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

/** A number for output: NaN and infinities become null. */
function num(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

/** The label of a group for messages and the terminal: "channel=organic, plan=pro" or "all". */
export function groupLabel(key: Record<string, string | null>): string {
  const parts = Object.entries(key).map(([k, v]) => `${k}=${v ?? '(none)'}`);
  return parts.length ? parts.join(', ') : 'all';
}

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
      median: num(g.median.estimate),
      median_lower: num(g.median.lower),
      median_upper: num(g.median.upper),
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
      p: num(r.test.p),
      log10_p: num(r.test.log10p),
      observed: r.test.observed.map(num),
      expected: r.test.expected.map(num),
    },
    report: snakeKeys(r.report) as Record<string, unknown>,
  };
}

function eventRows(curve: KMCurve): SurvivalPointJSON[] {
  const out: SurvivalPointJSON[] = [];
  const { time, nRisk, nEvent, survival, stdErr, lower, upper } = curve;
  for (let i = 0; i < time.length; i++) {
    if (nEvent[i] > 0) {
      out.push({
        time: time[i],
        n_risk: nRisk[i],
        events: nEvent[i],
        survival: num(survival[i]),
        std_err: num(stdErr[i]),
        lower: num(lower[i]),
        upper: num(upper[i]),
      });
    }
  }
  return out;
}

/** A reading at a chosen time in the output's field names (NaN -> null). */
function atPoint(a: SurvivalAt): SurvivalAtJSON {
  return {
    time: a.time,
    n_risk: a.nRisk,
    cumulative_events: a.cumulativeEvents,
    survival: num(a.survival),
    std_err: num(a.stdErr),
    lower: num(a.lower),
    upper: num(a.upper),
    beyond_data: a.beyondData,
  };
}

// A group column named like a fixed column gets a suffix instead of clobbering it.
const CURVE_COLUMNS = new Set(['time', 'n_risk', 'events', 'censored', 'survival', 'std_err', 'lower', 'upper']);
const AT_COLUMNS = new Set(['n', 'cumulative_events', 'beyond_data']);
function groupColumnName(name: string): string {
  return CURVE_COLUMNS.has(name) || AT_COLUMNS.has(name) ? `${name}_group` : name;
}

/**
 * survivalCurveTable: every curve row (each distinct time, with events or censored) of every
 * group, group after group: the group columns, time, n_risk, events, censored, survival,
 * std_err, lower, upper (null where undefined).
 */
export function survivalCurveTable(r: SurvivalResult): ColumnTable {
  let total = 0;
  for (const g of r.groups) total += g.curve.time.length;
  const time = new Float64Array(total);
  const nRisk = new Int32Array(total);
  const events = new Int32Array(total);
  const censored = new Int32Array(total);
  const survival = new Float64Array(total);
  const stdErr: (number | null)[] = new Array(total);
  const lower: (number | null)[] = new Array(total);
  const upper: (number | null)[] = new Array(total);
  const keys: (string | null)[][] = r.by.map(() => new Array(total));
  let at = 0;
  for (const g of r.groups) {
    const c = g.curve;
    const len = c.time.length;
    time.set(c.time, at);
    nRisk.set(c.nRisk, at);
    events.set(c.nEvent, at);
    censored.set(c.nCensor, at);
    survival.set(c.survival, at);
    for (let i = 0; i < len; ++i) {
      stdErr[at + i] = num(c.stdErr[i]);
      lower[at + i] = num(c.lower[i]);
      upper[at + i] = num(c.upper[i]);
    }
    r.by.forEach((b, j) => keys[j].fill(g.key[b] ?? null, at, at + len));
    at += len;
  }
  const cols: Record<string, ArrayLike<unknown>> = {};
  r.by.forEach((b, j) => (cols[groupColumnName(b)] = keys[j]));
  Object.assign(cols, {
    time,
    n_risk: nRisk,
    events,
    censored,
    survival,
    std_err: stdErr,
    lower,
    upper,
  });
  return aq.table(cols);
}

/** A CSV field as Arquero's toCSV writes it: empty for null, quoted when needed. */
function csvField(v: string | number | null, delimiter = ','): string {
  if (v === null) return '';
  const s = String(v);
  return /["\n\r]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * survivalCurveCSV: the rows of survivalCurveTable as CSV text, the same bytes as
 * toCSV(survivalCurveTable(r)), written straight from the curves (a million-row curve
 * is written without building a table first). `opts.number` writes each number (the CLI
 * passes textNumber: 12 significant digits); `opts.delimiter` "\t" gives TSV.
 */
export function survivalCurveCSV(
  r: SurvivalResult,
  opts: { number?: (x: number) => string; delimiter?: string } = {},
): string {
  const d = opts.delimiter ?? ',';
  const fmt = opts.number ?? String;
  const header = [...r.by.map(groupColumnName), ...CURVE_COLUMNS].map((c) => csvField(c, d)).join(d);
  const chunks: string[] = [`${header}\n`];
  const opt = (x: number): string => (Number.isFinite(x) ? fmt(x) : '');
  for (const g of r.groups) {
    const prefix = r.by.map((b) => `${csvField(g.key[b] ?? null, d)}${d}`).join('');
    const { time, nRisk, nEvent, nCensor, survival, stdErr, lower, upper } = g.curve;
    let lines: string[] = [];
    for (let i = 0; i < time.length; ++i) {
      lines.push(
        `${prefix}${fmt(time[i])}${d}${nRisk[i]}${d}${nEvent[i]}${d}${nCensor[i]}${d}${opt(survival[i])}${d}${opt(stdErr[i])}${d}${opt(lower[i])}${d}${opt(upper[i])}`,
      );
      if (lines.length === 4096) {
        chunks.push(`${lines.join('\n')}\n`);
        lines = [];
      }
    }
    if (lines.length) chunks.push(`${lines.join('\n')}\n`);
  }
  return chunks.join('');
}

/**
 * survivalAtTable: S at the chosen times, one row per group and time: the group columns,
 * n (of the group), time, n_risk, events (since the previous chosen time), survival,
 * std_err, lower, upper.
 */
export function survivalAtTable(r: SurvivalResult): ColumnTable {
  const rows: Record<string, unknown>[] = [];
  for (const g of r.groups) {
    for (const a of g.at) {
      const row: Record<string, unknown> = {};
      for (const b of r.by) row[groupColumnName(b)] = g.key[b] ?? null;
      Object.assign(row, { n: g.curve.n }, atPoint(a));
      rows.push(row);
    }
  }
  return aq.from(rows);
}
