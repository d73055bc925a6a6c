import { defaultAtTimes } from '../../stats/default-at.js';
import { fail } from '../../errors.js';
import type { CrrResult } from '../../result/crr-table.js';
import { emptyLifetimeReport, type LifetimeReport } from '../../report/lifetime-report.js';
import { groupLabel, type SurvivalGroup, type SurvivalResult } from '../../result/survival-result.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import type { NormalizedCrrSpec } from '../../spec/crr-spec.js';
import type { NormalizedSurvivalSpec } from '../../spec/survival-spec.js';
import { unitMs } from '../../spec/units.js';
import { kaplanMeierGroups, kaplanMeierTallies } from '../../stats/kaplan-meier.js';
import { logRankPooled } from '../../stats/log-rank.js';
import { medianSurvival, survivalAt } from '../../stats/median.js';
import { groupedTallies } from '../../stats/pooled-tally.js';
import { timeZone } from '../../time/zone.js';
import { crrOverPeriods } from '../memory/churn/execute-crr.js';
import { assignCohorts, type Cohorts } from '../memory/prepare/assign-cohorts.js';
import { endOfLatestDay } from '../memory/prepare/prepare-run.js';
import { queryColumns, type SqlConnection } from './connection.js';
import { compileLifetimes, NO_CHURN_SQL, type LifetimesShape } from './lifetimes-sql.js';
import { checkKnownIds, countRows } from './execute-matrix-sql.js';
import { SqlBuilder, timeColumn, type SqlSources, type SqlTable } from './sql-builder.js';
import type { EventRule } from '../../spec/churn-spec.js';

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'f']);

/**
 * The event of each returned row by the memory engine's rules (churn/read-events.ts readEvents):
 * 1 = the event, 0 = censored, 2 = missing; "<column>=<value>" matches the value exactly,
 * else in any case; a 0/1, yes/no, true/false column otherwise.
 */
export function givenEvents(values: ArrayLike<unknown>, rule: EventRule, src: SqlSources, _report: LifetimeReport): Uint8Array {
  const file = (src.customers ?? src.activity)?.name;
  const text = Array.from({ length: values.length }, (_, i) => {
    const v = values[i];
    return v === null || v === undefined ? null : String(v).trim();
  });
  const out = new Uint8Array(text.length);
  if (rule.value !== undefined) {
    const want = rule.value;
    const exact = text.includes(want);
    const same = exact ? (s: string) => s === want : (s: string) => s.toLowerCase() === want.toLowerCase();
    let hit = false;
    text.forEach((s, i) => {
      if (s === null || s === '') out[i] = 2;
      else if (same(s)) {
        out[i] = 1;
        hit = true;
      }
    });
    if (!hit) fail('eventNeverOccurs', { value: want }, { file, column: rule.column });
    return out;
  }
  text.forEach((s, i) => {
    if (s === null || s === '') out[i] = 2;
    else if (TRUE_WORDS.has(s.toLowerCase())) out[i] = 1;
    else if (FALSE_WORDS.has(s.toLowerCase())) out[i] = 0;
    else fail('badEventColumn', { example: values[i] }, { file, column: rule.column });
  });
  return out;
}

/** The latest instant (epoch ms) of a time column, or undefined when it is empty. */
async function latest(conn: SqlConnection, table: SqlTable, column: string, tz: string): Promise<number | undefined> {
  const b = new SqlBuilder(conn.dialect);
  const t = timeColumn(b, table, column);
  const r = await conn.query(`SELECT ${conn.dialect.epochMs({ expr: `max(${t.expr})`, type: t.type }, tz)} AS m FROM ${table.from}`);
  const m = r[0]?.m;
  return m === null || m === undefined ? undefined : Number(m);
}

/** As-of of a churn analysis: the spec's, or the end of the day of the latest activity, signup or churn time. */
export async function churnAsOf(conn: SqlConnection, spec: NormalizedChurnInput, src: SqlSources): Promise<number> {
  if (spec.asOf !== undefined) return spec.asOf;
  const found: number[] = [];
  const add = (x: number | undefined): void => {
    if (x !== undefined) found.push(x);
  };
  if (spec.activity && src.activity) add(await latest(conn, src.activity, spec.activity.time, spec.tz));
  if (spec.customers && src.customers) {
    if (spec.anchor === 'signup') add(await latest(conn, src.customers, spec.customers.signup!, spec.tz));
    if (spec.churn.kind === 'column') add(await latest(conn, src.customers, spec.churn.column, spec.tz));
  }
  if (!found.length) fail('noActivity', {});
  return endOfLatestDay([Float64Array.from(found)], timeZone(spec.tz));
}

/** Aggregated rows -> one entry per customer (the counts expanded), with the memory engine's groups. */
function expand(
  cols: Record<string, ArrayLike<unknown>>,
  spec: NormalizedChurnInput,
  a: string,
  b: string,
): { x: Float64Array; y: Float64Array; groups: Cohorts } {
  const count = cols.n?.length ?? 0;
  const ns = Float64Array.from({ length: count }, (_, i) => Number(cols.n[i]));
  const total = ns.reduce((s, n) => s + n, 0);
  const x = new Float64Array(total);
  const y = new Float64Array(total);
  const xa = cols[a];
  const yb = cols[b];
  for (let row = 0, i = 0; row < count; i += ns[row++]) {
    x.fill(Number(xa[row]), i, i + ns[row]);
    y.fill(Number(yb[row]), i, i + ns[row]);
  }
  // One pass per --by column (a row per group, duration and event: up to one per customer).
  const values = spec.by.map(() => new Map<string | null, number>());
  const keys = spec.by.map((_, j) => {
    const ka = cols[`ka${j}`];
    const m = values[j];
    const out = new Int32Array(total);
    for (let row = 0, i = 0; row < count; i += ns[row++]) {
      const raw = ka[row];
      const v = raw === null || raw === undefined || raw === '' ? null : String(raw);
      let k = m.get(v);
      if (k === undefined) m.set(v, (k = m.size));
      out.fill(v === null ? -1 : k, i, i + ns[row]);
    }
    return out;
  });
  const anchor = new Float64Array(total); // every entry is in the run (0 = any non-NaN anchor)
  const attributes = spec.by.map((byA, j) => {
    const list = [...values[j].keys()];
    return { name: byA.column, keys: keys[j], value: (k: number) => list[k] };
  });
  return { x, y, groups: assignCohorts(anchor, undefined, 'monday', timeZone('UTC'), attributes) };
}

async function lifetimeRows(conn: SqlConnection, spec: NormalizedChurnInput, src: SqlSources, shape: LifetimesShape) {
  if (spec.strict) await checkKnownIds(conn, spec.activity?.id, spec.customers?.id, src);
  const asOf = await churnAsOf(conn, spec, src);
  const sql = compileLifetimes(new SqlBuilder(conn.dialect), spec, src, { asOf, zone: timeZone(spec.tz), shape });
  return { asOf, rows: await queryColumns(conn, sql) };
}

/** The load report of a lifetimes query: the tables' rows (as the memory engine counts a file's) and the customers used. */
export async function lifetimeReport(conn: SqlConnection, src: SqlSources, used: number, churned: number): Promise<LifetimeReport> {
  const report = emptyLifetimeReport();
  if (src.activity) report.files.push({ role: 'activity', file: src.activity.name, rows: await countRows(conn, src.activity) });
  if (src.customers) report.files.push({ role: 'customers', file: src.customers.name, rows: await countRows(conn, src.customers) });
  Object.assign(report.customers, { used, churned, censored: used - churned });
  return report;
}

/**
 * executeSurvivalSql: Kaplan-Meier per group and the log-rank test (METRICS.md section 7)
 * where the data lives: the database tallies durations and events per group; the curves,
 * intervals, medians and the test are computed here by src/stats, as in the memory engine.
 */
export async function executeSurvivalSql(conn: SqlConnection, spec: NormalizedSurvivalSpec, src: SqlSources): Promise<SurvivalResult> {
  let asOf: number | undefined;
  let duration: Float64Array;
  let event: Uint8Array;
  let groups: Cohorts;
  let report = emptyLifetimeReport();
  if (spec.churn.kind === 'duration') {
    const sql = compileLifetimes(new SqlBuilder(conn.dialect), spec, src, { asOf: 0, zone: timeZone(spec.tz), shape: { kind: 'durations' } });
    const cols = await queryColumns(conn, sql);
    const ev = givenEvents(cols.evt ?? [], spec.churn.event, src, report);
    const keep = Float64Array.from({ length: cols.n?.length ?? 0 }, (_, i) => {
      const dur = cols.dur[i];
      const n = Number(cols.n[i]);
      const ex = report.customers.excluded;
      if (dur === null || dur === undefined || !Number.isFinite(Number(dur))) ex.missingDuration += n;
      else if (Number(dur) < 0) ex.negativeDuration += n;
      else if (ev[i] > 1) ex.missingEvent += n;
      else return n;
      return 0;
    });
    ({ x: duration, groups } = expand({ ...cols, n: keep }, spec, 'dur', 'dur'));
    const evRows = Float64Array.from(ev);
    event = Uint8Array.from(expand({ ...cols, n: keep, ev: evRows }, spec, 'ev', 'ev').x);
  } else {
    const r = await lifetimeRows(conn, spec, src, { kind: 'durations' });
    asOf = r.asOf;
    const e = expand(r.rows, spec, 'dur', 'ev');
    const u = unitMs(spec.unit);
    duration = Float64Array.from(e.x, (ms) => ms / u);
    event = Uint8Array.from(e.y);
    groups = e.groups;
  }
  // Durations in the column's own unit: S at round times inside their range (as in memory).
  const at = spec.atFromData ? defaultAtTimes(duration) : spec.at;
  const km = { confType: spec.ci, level: spec.confLevel };
  const testOpts = { test: spec.test, rho: spec.rho, q: spec.q };
  const pooled = spec.by.length ? groupedTallies(duration, event, groups.of, groups.count) : undefined;
  const curves = pooled ? kaplanMeierTallies(pooled.groups, km) : kaplanMeierGroups(duration, event, groups.of, groups.count, km);
  const out: SurvivalGroup[] = curves.map((curve, h) => {
    const key: Record<string, string | null> = {};
    for (const a of groups.attributes) key[a.name] = a.values[h];
    return { key, curve, median: medianSurvival(curve), at: survivalAt(curve, at) };
  });
  const churned = event.reduce((s, e) => s + e, 0);
  report = { ...(await lifetimeReport(conn, src, duration.length, churned)), customers: { ...report.customers, used: duration.length, churned, censored: duration.length - churned } };
  report.singleCustomerGroups = out.filter((g) => g.curve.n === 1).map((g) => groupLabel(g.key));
  const test = pooled ? logRankPooled(pooled, testOpts) : null;
  return { spec: spec.atFromData ? { ...spec, at } : spec, asOf, unit: spec.unitLabel, by: groups.attributes.map((a) => a.name), groups: out, test, report };
}

/**
 * executeCrrSql: the customer retention rate per period (METRICS.md section 5) where the
 * data lives: the database counts customers per group, signup period and churn period;
 * the counts of every period come from the memory engine's crrOverPeriods.
 */
export async function executeCrrSql(conn: SqlConnection, spec: NormalizedCrrSpec, src: SqlSources): Promise<CrrResult> {
  const { asOf, rows } = await lifetimeRows(conn, spec, src, { kind: 'periods', period: spec.period, weekStart: spec.weekStart });
  const { x: sp, y: cp, groups } = expand(rows, spec, 'sp', 'cp');
  const signupPeriod = Int32Array.from(sp);
  const churnPeriod = Int32Array.from(cp);
  let earliest = Infinity;
  for (let c = 0; c < signupPeriod.length; ++c) if (signupPeriod[c] < earliest) earliest = signupPeriod[c];
  const churned = churnPeriod.reduce((s, p) => s + (p === NO_CHURN_SQL ? 0 : 1), 0);
  return crrOverPeriods(spec, asOf, signupPeriod, churnPeriod, groups, earliest, await lifetimeReport(conn, src, signupPeriod.length, churned));
}
