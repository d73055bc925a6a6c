// Shared by the test/stats tests: the R oracle's fixtures (test/oracle/survival.R) and the
// data they were computed from, turned into the typed arrays the stats modules take.
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';

export type Num = number | null;
export type RConfType = 'log' | 'log-log' | 'plain';

export interface RCurveConf {
  time: number[];
  n_risk: number[];
  n_event: number[];
  n_censor: number[];
  surv: number[];
  std_err: Num[];
  lower: Num[];
  upper: Num[];
  median: { quantile: Num; lower: Num; upper: Num };
  print_median: { median: Num; lower: Num; upper: Num };
  at: { time: number[]; surv: number[]; std_err: Num[]; lower: Num[]; upper: Num[]; n_risk: number[]; n_event: number[] };
}
export interface RCurve {
  n: number;
  events: number;
  log: RCurveConf;
  'log-log': RCurveConf;
  plain: RCurveConf;
}
export interface RTest {
  test: 'log-rank' | 'peto' | 'wilcoxon' | 'tarone-ware' | 'fleming-harrington';
  rho: number;
  q: number;
  chisq: number;
  df: number;
  p: Num;
  log10p: Num;
  obs: number[];
  exp: number[];
  var: number[][];
}
export interface RSurvivalFixture {
  meta: { r: string; survival: string };
  source: string;
  times: number[];
  curves: { by: string; group: string; curve: RCurve }[];
  log_rank: { by: string; groups: string[]; n: number[]; tests: RTest[] }[];
}

export const fixtureDir = new URL('../fixtures/survival/', import.meta.url);
export const telcoCsv = new URL('../../../shared/datasets/telco/Telco-Customer-Churn.csv', import.meta.url);
export const hasTelco = existsSync(telcoCsv);

export function readFixture<T = RSurvivalFixture>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')) as T;
}

/** A tiny CSV reader: the files here have no quoted fields (checked: no '"' at all). */
export function readCsv(url: URL): Record<string, string>[] {
  const text = readFileSync(url, 'utf8');
  if (text.includes('"')) throw new Error(`${url.pathname} has quoted fields; the test's CSV split cannot read it`);
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`ragged line in ${url.pathname}: ${line}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

/** Survival data: durations, events and one label per row for each grouping. */
export interface SurvivalData {
  durations: Float64Array;
  events: Uint8Array;
  groupings: Record<string, string[]>;
}

export function telcoData(): SurvivalData {
  const rows = readCsv(telcoCsv);
  return {
    durations: Float64Array.from(rows, (r) => Number(r.tenure)),
    events: Uint8Array.from(rows, (r) => (r.Churn === 'Yes' ? 1 : 0)),
    groupings: {
      all: rows.map(() => 'all'),
      Contract: rows.map((r) => r.Contract),
      InternetService: rows.map((r) => r.InternetService),
      PaymentMethod: rows.map((r) => r.PaymentMethod),
      'Contract x InternetService': rows.map((r) => `${r.Contract} | ${r.InternetService}`),
      'subset: Contract == Month-to-month & InternetService != No': rows.map((r) =>
        r.Contract === 'Month-to-month' && r.InternetService !== 'No' ? 'all' : ''),
    },
  };
}

export function synthData(csv: string): SurvivalData {
  const rows = readCsv(new URL(csv, fixtureDir));
  return {
    durations: Float64Array.from(rows, (r) => Number(r.time)),
    events: Uint8Array.from(rows, (r) => Number(r.event)),
    groupings: { all: rows.map(() => 'all'), group: rows.map((r) => r.group) },
  };
}

/** Group codes for `labels` in the order of `levels`; rows whose label is not a level get -1. */
export function codes(labels: string[], levels: string[]): Int32Array {
  const index = new Map(levels.map((l, i) => [l, i]));
  return Int32Array.from(labels, (l) => index.get(l) ?? -1);
}

/** The rows of one group: durations and events. */
export function subset(data: SurvivalData, by: string, group: string): { durations: Float64Array; events: Uint8Array } {
  const labels = data.groupings[by];
  const keep: number[] = [];
  labels.forEach((l, i) => {
    if (l === group) keep.push(i);
  });
  return {
    durations: Float64Array.from(keep, (i) => data.durations[i]),
    events: Uint8Array.from(keep, (i) => data.events[i]),
  };
}

/** Equal within 1e-6 (relative beyond 1), or both null. */
export function expectClose(actual: Num | undefined, expected: Num, what: string, tol = 1e-6): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(typeof actual, what).toBe('number');
  const err = Math.abs((actual as number) - expected);
  expect(err <= tol * Math.max(1, Math.abs(expected)), `${what}: got ${actual}, R says ${expected}`).toBe(true);
}

export function expectAllClose(actual: readonly Num[], expected: readonly Num[], what: string, tol = 1e-6): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], `${what}[${i}]`, tol);
}

/** No NaN anywhere inside a result (nulls are fine). */
export function expectNoNaN(value: unknown, path = 'result'): void {
  if (typeof value === 'number') expect(Number.isNaN(value), `${path} is NaN`).toBe(false);
  else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    Array.from(value as ArrayLike<unknown>).forEach((v, i) => expectNoNaN(v, `${path}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) expectNoNaN(v, `${path}.${k}`);
  }
}
