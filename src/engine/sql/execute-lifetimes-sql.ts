import { defaultAtTimes } from '../../stats/default-at.js';
import { readSpecTimes } from './read-times-sql.js';
import { fail } from '../../errors.js';
import type { CrrResult } from '../../result/crr-table.js';
import { emptyLifetimeReport, type LifetimeReport } from '../../report/lifetime-report.js';
import { groupLabel, type SurvivalGroup, type SurvivalResult } from '../../result/survival-result.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import type { NormalizedCrrSpec } from '../../spec/crr-spec.js';
import type { NormalizedSurvivalSpec } from '../../spec/survival-spec.js';
import { unitMs } from '../../spec/units.js';
import { kaplanMeierTallies } from '../../stats/kaplan-meier.js';
import { logRankPooled } from '../../stats/log-rank.js';
import { medianSurvival, survivalAt } from '../../stats/median.js';
import { pooledTallyOfRows, type TallyRows } from '../../stats/row-tally.js';
import { timeZone } from '../../time/zone.js';
import { crrOverPeriods } from '../memory/churn/execute-crr.js';
import { assignCohorts, type Cohorts } from '../memory/prepare/assign-cohorts.js';
import { endOfLatestDay } from '../../time/end-of-latest-day.js';
import { queryColumnar, queryColumns, type ColumnarResult, type SqlConnection } from './connection.js';
import { compileLifetimes, NO_CHURN_SQL, type LifetimesShape } from './lifetimes-sql.js';
import { checkKnownIds, countRows } from './execute-matrix-sql.js';
import { SqlBuilder, timeColumn, type SqlSources, type SqlTable } from './sql-builder.js';
import type { EventRule } from '../../spec/churn-spec.js';
import { countCustomers } from './customer-counts-sql.js';
import { activityCounts } from './activity-counts-sql.js';
import { emptyReport } from '../../report/load-report.js';

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
  await readSpecTimes(conn, spec, src);
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

/**
 * The load report of a lifetimes query: the tables' rows (as the memory engine counts a
 * file's) and the customers used; with `counts`, the customers table's exclusion counts
 * as memory reports them (countCustomers: one aggregate over the customers table).
 */
export async function lifetimeReport(
  conn: SqlConnection,
  src: SqlSources,
  used: number,
  churned: number,
  counts?: { spec: NormalizedChurnInput; asOf: number | undefined },
): Promise<LifetimeReport> {
  const report = emptyLifetimeReport();
  const asOf = counts?.asOf;
  // Without a customers table memory numbers the activity's distinct ids: those are the customers read.
  const acts = counts && asOf !== undefined ? await activityCounts(conn, counts.spec, src, asOf, { distinctIds: !src.customers }) : undefined;
  if (src.activity) report.files.push({ role: 'activity', file: src.activity.name, rows: acts ? acts.rows : await countRows(conn, src.activity) });
  if (src.customers) report.files.push({ role: 'customers', file: src.customers.name, rows: await countRows(conn, src.customers) });
  if (counts && asOf !== undefined) await countCustomers(conn, counts.spec, src, asOf, report);
  if (acts) {
    report.activity = { rowsRead: acts.rows, rowsUsed: acts.kept, excluded: { ...emptyReport().excluded, ...acts.excluded } };
    if (acts.ids !== undefined) {
      report.customers.read = acts.ids;
      // Anchored on first activity: the customers without a counted activity have no anchor.
      if (counts!.spec.anchor !== 'signup') report.customers.excluded.missingAnchor = acts.ids - used;
    }
  }
  Object.assign(report.customers, { used, churned, censored: used - churned });
  return report;
}

/**
 * The memory engine's groups of a result's entries (label rows or tally rows): `labels[j][e]`
 * is entry e's value of --by column j (null or empty = none); entries with `kept[e] > 0`
 * customers take part. `of[e]` is entry e's group, -1 for an entry without customers.
 */
function groupsOfEntries(spec: NormalizedChurnInput, labels: (string | null)[][], kept: Float64Array): Cohorts {
  const attributes = spec.by.map((a, j) => {
    const index = new Map<string, number>();
    const list: string[] = [];
    const keys = Int32Array.from(labels[j], (v) => {
      if (v === null || v === '') return -1;
      let k = index.get(v);
      if (k === undefined) index.set(v, (k = list.push(v) - 1));
      return k;
    });
    return { name: a.column, keys, value: (k: number) => list[k] };
  });
  const anchor = Float64Array.from(kept, (n) => (n > 0 ? 0 : NaN));
  return assignCohorts(anchor, undefined, 'monday', timeZone('UTC'), attributes);
}

/**
 * A survival tally result (see tallyOutput) as TallyRows over the memory engine's groups:
 * group codes with label rows first, or the keys as text on each row. `usable(events,
 * count)` reads the rows' events and counts (given durations drop some rows).
 */
function tallyOfResult(
  res: ColumnarResult,
  spec: NormalizedChurnInput,
  read: (first: number) => { time: Float64Array; events: Float64Array; count: Float64Array },
): { rows: TallyRows; groups: Cohorts } {
  const by = spec.by.length;
  const coded = by > 0 && res.rows > 0 && res.names.includes('k');
  let first = 0;
  if (coded) {
    const k = res.numbers('k');
    while (first < k.length && k[first] === 0) first++;
  }
  const { time, events, count } = read(first);
  const len = time.length;
  if (!by) {
    let total = 0;
    for (let i = 0; i < len; i++) total += count[i];
    const groups = groupsOfEntries(spec, [], Float64Array.of(total));
    return { rows: { time, events, count, group: new Int32Array(len).fill(groups.of[0]) }, groups };
  }
  // Entries: the label rows (codes) or the rows themselves (text keys).
  const labels = spec.by.map((_, j) => res.texts(`ka${j}`, coded ? first : res.rows));
  const entryOf = new Int32Array(len);
  const kept = new Float64Array(coded ? first : len);
  if (coded) {
    const g = res.numbers('g');
    const entryOfCode = new Int32Array(first).fill(-1);
    for (let e = 0; e < first; e++) entryOfCode[g[e]] = e;
    for (let i = 0; i < len; i++) kept[(entryOf[i] = entryOfCode[g[first + i]])] += count[i];
  } else {
    for (let i = 0; i < len; i++) kept[(entryOf[i] = i)] = count[i];
  }
  const groups = groupsOfEntries(spec, labels, kept);
  const group = new Int32Array(len);
  for (let i = 0; i < len; i++) group[i] = groups.of[entryOf[i]];
  return { rows: { time, events, count, group }, groups };
}

/**
 * executeSurvivalSql: Kaplan-Meier per group and the log-rank test (METRICS.md section 7)
 * where the data lives: the database tallies customers and events per group and distinct
 * duration, sorted by duration; the tallies go straight into src/stats (no per-customer
 * arrays), where the curves, intervals, medians and the test are computed as in the memory
 * engine.
 */
export async function executeSurvivalSql(conn: SqlConnection, spec: NormalizedSurvivalSpec, src: SqlSources): Promise<SurvivalResult> {
  let asOf: number | undefined;
  let tally: { rows: TallyRows; groups: Cohorts };
  const report = emptyLifetimeReport();
  if (spec.churn.kind === 'duration') {
    const rule = spec.churn.event;
    const sql = compileLifetimes(new SqlBuilder(conn.dialect), spec, src, { asOf: 0, zone: timeZone(spec.tz), shape: { kind: 'durations' } });
    const res = await queryColumnar(conn, sql);
    tally = tallyOfResult(res, spec, () => {
      const time = res.numbers('dur');
      const n = res.numbers('n');
      const ev = givenEvents(res.texts('evt'), rule, src, report);
      const ex = report.customers.excluded;
      const count = new Float64Array(n.length);
      const events = new Float64Array(n.length);
      for (let i = 0; i < n.length; i++) {
        const dur = time[i];
        if (!Number.isFinite(dur)) ex.missingDuration += n[i];
        else if (dur < 0) ex.negativeDuration += n[i];
        else if (ev[i] > 1) ex.missingEvent += n[i];
        else {
          count[i] = n[i];
          events[i] = ev[i] === 1 ? n[i] : 0;
        }
      }
      return { time, events, count };
    });
  } else {
    if (spec.strict) await checkKnownIds(conn, spec.activity?.id, spec.customers?.id, src);
    asOf = await churnAsOf(conn, spec, src);
    const sql = compileLifetimes(new SqlBuilder(conn.dialect), spec, src, { asOf, zone: timeZone(spec.tz), shape: { kind: 'durations' } });
    const res = await queryColumnar(conn, sql);
    const u = unitMs(spec.unit);
    tally = tallyOfResult(res, spec, (first) => {
      const time = res.numbers('dur').subarray(first);
      // The memory engine's durations: ms / unit (monotone, so the rows stay sorted).
      for (let i = 0; i < time.length; i++) time[i] /= u;
      return { time, events: res.numbers('d').subarray(first), count: res.numbers('n').subarray(first) };
    });
  }
  const { groups } = tally;
  const pooled = pooledTallyOfRows(tally.rows, groups.count);
  // Durations in the column's own unit: S at round times inside their range (as in memory).
  const at = spec.atFromData ? defaultAtTimes(pooled.time) : spec.at;
  const km = { confType: spec.ci, level: spec.confLevel };
  const curves = kaplanMeierTallies(pooled.groups, km);
  const out: SurvivalGroup[] = curves.map((curve, h) => {
    const key: Record<string, string | null> = {};
    for (const a of groups.attributes) key[a.name] = a.values[h];
    return { key, curve, median: medianSurvival(curve), at: survivalAt(curve, at) };
  });
  let used = 0;
  let churned = 0;
  for (const c of curves) {
    used += c.n;
    churned += c.nEvents;
  }
  const counted = await lifetimeReport(conn, src, used, churned, { spec, asOf });
  const customers = spec.churn.kind === 'duration' ? report.customers : counted.customers;
  const full: LifetimeReport = { ...counted, customers: { ...customers, used, churned, censored: used - churned } };
  full.singleCustomerGroups = out.filter((g) => g.curve.n === 1).map((g) => groupLabel(g.key));
  const test = spec.by.length ? logRankPooled(pooled, { test: spec.test, rho: spec.rho, q: spec.q }) : null;
  return { spec: spec.atFromData ? { ...spec, at } : spec, asOf, unit: spec.unitLabel, by: groups.attributes.map((a) => a.name), groups: out, test, report: full };
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
  return crrOverPeriods(spec, asOf, signupPeriod, churnPeriod, groups, earliest, await lifetimeReport(conn, src, signupPeriod.length, churned, { spec, asOf }));
}
