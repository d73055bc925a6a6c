import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, compareAnalysis } from '../../../src/api/compare.js';
import { crr, crrAnalysis } from '../../../src/api/crr.js';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import { survival, survivalAnalysis } from '../../../src/api/survival.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { LifetimeReport } from '../../../src/report/lifetime-report.js';
import type { LoadReport } from '../../../src/report/load-report.js';
import type { TestTable } from './load-tables.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { compareDifferences } from './same-compare.js';
import { matrixDifferences } from './same-matrix.js';
import { sameOnEngines } from './same-on-engines.js';
import { HAS_CH, HAS_PG, startTestServers, type TestServers } from './test-engines.js';

// The load report tells the user what happened to their rows: memory, DuckDB, PostgreSQL
// and a two-shard ClickHouse cluster give the same counts of activity rows without an id,
// with an id the customers table lacks ("07" is not "7", "A" is not "a"), without a time,
// removed by --where (on either table), after as-of and of customers in no cohort.

if (!HAS_PG) console.warn('skipping the PostgreSQL part: no /usr/lib/postgresql/*/bin/pg_ctl (apt-get install postgresql)');
if (!HAS_CH) console.warn('skipping the ClickHouse part: no clickhouse-server binary (apt-get install clickhouse-server)');

let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];
const tables: Record<string, TestTable> = {};
let durations = '';

const CUSTOMERS = [
  'id,signup,churned_at,channel',
  '007,2024-01-01T10:00:00Z,2024-02-20T00:00:00Z,ads',
  '7,2024-01-10T10:00:00Z,,organic',
  '8,2024-01-15T10:00:00Z,2024-01-01T00:00:00Z,ads',
  '9,2024-02-01T10:00:00Z,,organic',
  'A,,,ads',
  'extra,2024-01-03T10:00:00Z,2024-03-01T00:00:00Z,ads',
  ',2024-01-04T10:00:00Z,,ads',
];
const ACTIVITY = [
  'id,time,kind',
  '007,2024-01-05T10:00:00Z,a',
  '7,2024-01-20T10:00:00Z,b',
  '007,2024-02-03T10:00:00Z,a',
  ',2024-02-04T10:00:00Z,a',
  '8,2024-02-10T10:00:00Z,b',
  '9,,a',
  '07,2024-02-11T10:00:00Z,a',
  '99,2024-03-01T10:00:00Z,b',
  'A,2024-03-02T10:00:00Z,a',
  'a,2024-03-03T10:00:00Z,a',
  '7,2024-03-15T10:00:00Z,a',
  '8,2024-01-02T10:00:00Z,a',
  '9,2024-02-20T10:00:00Z,b',
];

// Compare's groups: channel "web" is left out by --groups, one customer has no channel,
// activity kinds "c" and "" are in no group of --by kind.
const GROUP_CUSTOMERS = [
  'id,signup,churned_at,channel',
  'c1,2024-01-01T10:00:00Z,2024-02-20T00:00:00Z,ads',
  'c2,2024-01-05T10:00:00Z,,organic',
  'c3,2024-01-08T10:00:00Z,,web',
  'c4,2024-01-09T10:00:00Z,2024-03-01T00:00:00Z,',
  'c5,2024-01-12T10:00:00Z,,ads',
  'c6,2024-01-02T10:00:00Z,2024-02-01T00:00:00Z,organic',
  'c7,2024-01-03T10:00:00Z,,web',
];
const GROUP_ACTIVITY = [
  'id,time,kind',
  'c1,2024-01-02T10:00:00Z,a', 'c1,2024-02-02T10:00:00Z,b', 'c2,2024-01-06T10:00:00Z,a', 'c2,2024-02-06T10:00:00Z,c',
  'c2,2024-03-01T10:00:00Z,a', 'c3,2024-01-09T10:00:00Z,a', 'c3,2024-02-09T10:00:00Z,b', 'c4,2024-01-10T10:00:00Z,',
  'c4,2024-02-10T10:00:00Z,a', 'c5,2024-01-13T10:00:00Z,b', 'c5,2024-02-13T10:00:00Z,a', 'c6,2024-01-03T10:00:00Z,a',
  'c7,2024-01-04T10:00:00Z,c', 'c7,2024-02-04T10:00:00Z,a', 'c7,2024-03-04T10:00:00Z,b', 'c9,2024-01-20T10:00:00Z,a',
];

// Durations given directly: plan "z" is left out by --groups, one row has no plan.
const GROUP_DURATIONS = ['id,tenure,status,plan', 'd1,1,Yes,x', 'd2,5,No,y', 'd3,3,Yes,z', 'd4,2,No,', 'd5,7,Yes,x', 'd6,0,No,y', 'd7,4,No,z', 'd8,6,Yes,y'];
// The same with a row without an id (its duration and event would count), one without a
// duration, one below 0, one without an event, and "YES" beside "Yes" (exact match: not the event).
const MORE_DURATIONS = [...GROUP_DURATIONS, ',3,Yes,x', 'd9,,Yes,x', 'd10,-1,No,y', 'd11,2,,x', 'd12,8,YES,y', 'd13,9,No,w'];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-xreports-'));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'rcus.csv'), `${CUSTOMERS.join('\n')}\n`);
  writeFileSync(path.join(dir, 'ract.csv'), `${ACTIVITY.join('\n')}\n`);
  tables.rcus = { name: 'rcus', file: path.join(dir, 'rcus.csv'), columns: { id: 'text', signup: 'time', churned_at: 'time', channel: 'text' } };
  writeFileSync(path.join(dir, 'gcus.csv'), `${GROUP_CUSTOMERS.join('\n')}\n`);
  writeFileSync(path.join(dir, 'gact.csv'), `${GROUP_ACTIVITY.join('\n')}\n`);
  tables.gcus = { name: 'gcus', file: path.join(dir, 'gcus.csv'), columns: { id: 'text', signup: 'time', churned_at: 'time', channel: 'text' } };
  tables.gact = { name: 'gact', file: path.join(dir, 'gact.csv'), columns: { id: 'text', time: 'time', kind: 'text' } };
  writeFileSync(path.join(dir, 'gdur.csv'), `${GROUP_DURATIONS.join('\n')}\n`);
  durations = path.join(dir, 'gdur.csv');
  writeFileSync(path.join(dir, 'mdur.csv'), `${MORE_DURATIONS.join('\n')}\n`);
  tables.mdur = { name: 'mdur', file: path.join(dir, 'mdur.csv'), columns: { id: 'text', tenure: 'number', status: 'text', plan: 'text' } };
  tables.ract = { name: 'ract', file: path.join(dir, 'ract.csv'), columns: { id: 'text', time: 'time', kind: 'text' } };
  engines.push({ name: 'duckdb', conn: await duckdbConnection() });
  servers = await startTestServers(tables, { rcus: 'id', ract: 'id', gcus: 'id', gact: 'id', mdur: 'id' }, engines);
}, 300_000);

afterAll(() => servers?.stop(), 120_000);

const sameOnEveryEngine = sameOnEngines(engines, tables);

/** The counts of a matrix report (file names differ: a file in memory, a table on a server). */
const counts = (r: LoadReport) => ({
  rows: r.files.map((f) => [f.role, f.rows]), rowsRead: r.rowsRead, rowsUsed: r.rowsUsed, excluded: r.excluded,
  customers: r.customers, latestActivity: r.latestActivity, churn: r.churn,
});
const data = { activity: 'ract', customers: 'rcus' };
const asOf = '2024-03-10T00:00:00Z';

describe('the load report on every engine (memory = DuckDB = PostgreSQL = ClickHouse)', () => {
  it('matrix anchored on signups: unknown ids, missing ids and times, --where on each table, after as-of, customers in no cohort', async () => {
    for (const where of [[], ['kind = a'], ['channel = ads'], ['kind = a', 'channel = ads']]) {
      const spec = { columns: { id: 'id', time: 'time', signup: 'signup' }, where, asOf };
      const { memory, sql } = await sameOnEveryEngine(data, spec, matrix, matrixAnalysis, matrixDifferences);
      if (!where.length) {
        expect(memory.report.excluded).toMatchObject({ missingId: 1, unknownCustomer: 3, missingTime: 1, filtered: 0, afterAsOf: 1, customerLeftOut: 1 });
      }
      for (const r of sql) expect(counts(r.report), where.join()).toEqual(counts(memory.report));
    }
  }, 300_000);

  it('matrix anchored on first activity, and the survival matrix: customers without activity, churn counts', async () => {
    const fa = { columns: { id: 'id', time: 'time' }, anchor: 'first-activity' as const, where: ['channel = ads'], asOf };
    const { memory, sql } = await sameOnEveryEngine(data, fa, matrix, matrixAnalysis, matrixDifferences);
    expect(memory.report.customers).toMatchObject({ withoutActivity: 1, excluded: { missingId: 1, filtered: 2 } });
    for (const r of sql) expect(counts(r.report)).toEqual(counts(memory.report));
    for (const columns of [{ id: 'id', time: 'time', signup: 'signup', churn: 'churned_at' }, { id: 'id', time: 'time', churn: 'churned_at' }]) {
      const spec = { columns, mode: 'survival' as const, where: ['kind = a'], asOf };
      const s = await sameOnEveryEngine(data, spec, matrix, matrixAnalysis, matrixDifferences);
      expect(s.memory.report.churn?.churnBeforeAnchor).toBe(1);
      for (const r of s.sql) expect(counts(r.report), JSON.stringify(columns)).toEqual(counts(s.memory.report));
    }
  }, 300_000);

  it('survival and CRR: the activity part of the report and the customers counts', async () => {
    for (const where of [[], ['kind = a', 'channel = ads']]) {
      const spec = { columns: { id: 'id', time: 'time', signup: 'signup', churn: 'churned_at' }, where, asOf };
      const s = await sameOnEveryEngine(data, spec, survival, survivalAnalysis, survivalDifferences);
      expect(s.memory.report.activity?.excluded.unknownCustomer).toBe(3);
      for (const r of s.sql) expect([r.report.activity, r.report.customers], where.join()).toEqual([s.memory.report.activity, s.memory.report.customers]);
      const c = await sameOnEveryEngine(data, spec, crr, crrAnalysis, crrDifferences);
      for (const r of c.sql) expect([r.report.activity, r.report.customers], where.join()).toEqual([c.memory.report.activity, c.memory.report.customers]);
    }
    // Anchored on first activity with a customers table: the customers' counts ("N of N used").
    for (const where of [[], ['channel = ads'], ['kind = a', 'channel = ads']]) {
      const fa = { columns: { id: 'id', time: 'time', churn: 'churned_at' }, anchor: 'first-activity' as const, where, asOf };
      const s = await sameOnEveryEngine(data, fa, survival, survivalAnalysis, survivalDifferences);
      expect(s.memory.report.customers.excluded.missingId).toBe(1);
      for (const r of s.sql) expect([r.report.files, r.report.activity, r.report.customers], where.join()).toEqual([s.memory.report.files.map((f) => ({ ...f, file: r.report.files.find((x) => x.role === f.role)?.file })), s.memory.report.activity, s.memory.report.customers]);
      const c = await sameOnEveryEngine(data, fa, crr, crrAnalysis, crrDifferences);
      for (const r of c.sql) expect([r.report.activity, r.report.customers], where.join()).toEqual([c.memory.report.activity, c.memory.report.customers]);
    }
    // Compare's survival part anchored on first activity: the same customers' counts.
    const cmp = { columns: { id: 'id', time: 'time', churn: 'churned_at' }, anchor: 'first-activity' as const, by: 'channel', reference: 'organic', asOf };
    const m = await sameOnEveryEngine(data, cmp, compare, compareAnalysis, compareDifferences);
    expect(m.memory.survival?.report.customers.excluded.missingId).toBe(1);
    for (const r of m.sql) expect(r.survival?.report.customers).toEqual(m.memory.survival?.report.customers);
    // Inferred churn from the activity alone: customers read are the activity's distinct ids.
    const inferred = { columns: { id: 'id', time: 'time' }, inactiveAfter: '20d', where: ['kind = a'], asOf };
    const s = await sameOnEveryEngine({ activity: 'ract' }, inferred, survival, survivalAnalysis, survivalDifferences);
    expect(s.memory.report.customers.excluded.missingAnchor).toBeGreaterThan(0);
    for (const r of s.sql) expect([r.report.activity, r.report.customers]).toEqual([s.memory.report.activity, s.memory.report.customers]);
  }, 300_000);

  it('compare: rows and customers in no compared group are their own reason (noGroup), apart from --where, in one run with both', async () => {
    const gdata = { activity: 'gact', customers: 'gcus' };
    const columns = { id: 'id', time: 'time', signup: 'signup', churn: 'churned_at' };
    const cases = [
      { by: 'channel', groups: ['ads', 'organic'], where: ['kind = a'] },
      { by: 'channel', groups: ['ads', 'organic'], where: ['signup >= 2024-01-03', 'kind != c'] },
      { by: 'channel', groups: ['ads', 'organic'], where: [] },
      { by: 'kind', groups: undefined, where: ['signup >= 2024-01-05'] },
      { by: 'kind', groups: ['a', 'b'], where: ['signup >= 2024-01-03'] },
    ];
    for (const c of cases) {
      const spec = { columns, by: c.by, groups: c.groups, where: c.where, asOf };
      const label = JSON.stringify(c);
      const m = await sameOnEveryEngine(gdata, spec, compare, compareAnalysis, compareDifferences);
      const r = m.memory.report!;
      expect(r.excluded.noGroup, label).toBeGreaterThan(0);
      if (c.where.length) expect(r.excluded.filtered + r.customers.excluded.filtered, label).toBeGreaterThan(0);
      for (const x of m.sql) {
        expect(counts(x.report!), label).toEqual(counts(r));
        expect([x.survival?.report.activity, x.survival?.report.customers], label).toEqual([m.memory.survival?.report.activity, m.memory.survival?.report.customers]);
      }
    }
    // The customers-table where: c1 and c6 signed up before it (filtered), c3, c4, c7 are in no group.
    const w = await compare({ input: { activity: tables.gact.file, customers: tables.gcus.file }, columns, by: 'channel', groups: ['ads', 'organic'], where: ['signup >= 2024-01-03'], asOf });
    expect(w.report!.customers.excluded).toMatchObject({ filtered: 2, noGroup: 3 });
    expect(w.survival!.report.customers.excluded).toMatchObject({ filtered: 2, noGroup: 3 });
    // Durations given directly: d6 (tenure 0) is --where's, d3, d4, d7 in no group.
    const d = { columns: { id: 'id' }, duration: 'tenure', event: 'status=Yes', by: 'plan', groups: ['x', 'y'], where: ['tenure >= 1'] };
    const g = await compare({ input: { customers: durations }, ...d });
    expect(g.survival!.report.customers.excluded).toMatchObject({ filtered: 1, noGroup: 3 });
  }, 300_000);

  it('durations given directly (survival, compare): customers read, without an id, filtered by --where, in no compared group', async () => {
    /** A lifetime report's counts (the table's name differs: a file in memory, a table on a server). */
    const lifetimeCounts = (r: LifetimeReport) => ({ rows: r.files.map((f) => [f.role, f.rows]), customers: r.customers });
    const base = { columns: { id: 'id' }, duration: 'tenure', event: 'status=Yes' };
    // "status != Yes" leaves no event in the run: the event is read from the whole column, as memory reads it.
    for (const where of [[], ['tenure >= 1'], ['plan = y'], ['status != Yes']]) {
      const s = await sameOnEveryEngine({ customers: 'mdur' }, { ...base, by: ['plan'], where }, survival, survivalAnalysis, survivalDifferences);
      const label = where.join();
      expect(s.memory.report.customers.excluded.missingId, label).toBe(1);
      if (where.length) expect(s.memory.report.customers.excluded.filtered, label).toBeGreaterThan(0);
      for (const r of s.sql) expect(lifetimeCounts(r.report), label).toEqual(lifetimeCounts(s.memory.report));
    }
    // Compare: the one table given as the activity (the CLI's file) or as the customers;
    // --where on the group column or another, --groups or all groups.
    const cases = [
      { data: { activity: 'mdur' }, groups: ['x', 'y'], where: ['tenure >= 1'] },
      { data: { customers: 'mdur' }, groups: ['y', 'z'], where: ['tenure < 8', 'plan != x'] },
      { data: { customers: 'mdur' }, groups: undefined, where: [] },
      { data: { activity: 'mdur' }, groups: ['y', 'w'], where: ['status != Yes'] },
    ];
    for (const c of cases) {
      const label = JSON.stringify(c);
      const m = await sameOnEveryEngine(c.data, { ...base, by: 'plan', groups: c.groups, where: c.where }, compare, compareAnalysis, compareDifferences);
      const r = m.memory.survival!.report;
      // A --where on the group column reads the groups (outside = none): its rows are --where's.
      if (c.where.some((w) => w.startsWith('plan'))) expect(r.customers.excluded, label).toMatchObject({ filtered: 7, noGroup: 0 });
      else expect(r.customers.excluded.noGroup, label).toBeGreaterThan(0);
      for (const x of m.sql) expect(lifetimeCounts(x.survival!.report), label).toEqual(lifetimeCounts(r));
    }
  }, 300_000);
});
