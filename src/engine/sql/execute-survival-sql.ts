import { defaultAtTimes } from '../../stats/default-at.js';
import { emptyLifetimeReport, type LifetimeReport } from '../../report/lifetime-report.js';
import { groupLabel, type SurvivalGroup, type SurvivalResult } from '../../result/survival-result.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import type { NormalizedSurvivalSpec } from '../../spec/survival-spec.js';
import { unitMs } from '../../spec/units.js';
import { checkSurvivalGroups } from '../../spec/group-limit.js';
import { kaplanMeierTallies } from '../../stats/kaplan-meier.js';
import { logRankPooled } from '../../stats/log-rank.js';
import { medianSurvival, survivalAt } from '../../stats/median.js';
import { pooledTallyOfRows, type TallyRows } from '../../stats/row-tally.js';
import { timeZone } from '../../time/zone.js';
import { assignCohorts, type Cohorts } from '../memory/prepare/assign-cohorts.js';
import { queryColumnar, type ColumnarResult, type SqlConnection } from './connection.js';
import { compileLifetimes } from './lifetimes-sql.js';
import { checkKnownIds } from './execute-matrix-sql.js';
import { SqlBuilder, type SqlSources } from './sql-builder.js';
import { lifetimeReport } from './lifetime-report-sql.js';
import { churnAsOf } from './churn-as-of.js';
import { eventsOf } from './given-events.js';
import { durationsTable, givenDurationsCounts, givenDurationsReport, type GivenDurationsCounts } from './given-durations-report.js';

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
  let counts: GivenDurationsCounts | undefined;
  if (spec.churn.kind === 'duration') {
    counts = await givenDurationsCounts(conn, spec, src);
    const eventOf = counts.eventOf;
    const sql = compileLifetimes(new SqlBuilder(conn.dialect), spec, src, { asOf: 0, zone: timeZone(spec.tz), shape: { kind: 'durations' } });
    const res = await queryColumnar(conn, sql);
    tally = tallyOfResult(res, spec, () => {
      const time = res.numbers('dur');
      const n = res.numbers('n');
      const ev = eventsOf(res.texts('evt'), eventOf);
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
  checkSurvivalGroups(spec.by.map((a) => a.column), groups.count);
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
  let full: LifetimeReport;
  if (counts) {
    givenDurationsReport(report, counts, durationsTable(src));
    full = { ...report, customers: { ...report.customers, used, churned, censored: used - churned } };
  } else {
    const counted = await lifetimeReport(conn, src, used, churned, { spec, asOf });
    full = { ...counted, customers: { ...counted.customers, used, churned, censored: used - churned } };
  }
  full.singleCustomerGroups = out.filter((g) => g.curve.n === 1).map((g) => groupLabel(g.key));
  const test = spec.by.length ? logRankPooled(pooled, { test: spec.test, rho: spec.rho, q: spec.q }) : null;
  return { spec: spec.atFromData ? { ...spec, at } : spec, asOf, unit: spec.unitLabel, by: groups.attributes.map((a) => a.name), groups: out, test, report: full };
}
