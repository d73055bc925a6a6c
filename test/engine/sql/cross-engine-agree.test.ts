import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import { survival, survivalAnalysis } from '../../../src/api/survival.js';
import { value, valueAnalysis } from '../../../src/api/value.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import { loadClickhouse, loadPostgres, type TestTable } from './load-tables.js';
import { survivalDifferences } from './same-churn.js';
import { matrixDifferences } from './same-matrix.js';
import { valueDifferences } from './same-outcomes.js';
import { sameOnEngines } from './same-on-engines.js';
import { HAS_CH, HAS_PG, startTestServers, type TestServers } from './test-engines.js';

// What the audit found the engines reading differently, now one rule on memory, embedded
// DuckDB, a real PostgreSQL server and a ClickHouse cluster of two shards: ids padded with
// white space, value texts such as "$5" and "1,000.50", the load report's exclusion counts,
// and ties at a customer's first activity.

if (!HAS_PG) console.warn('skipping the PostgreSQL part: no /usr/lib/postgresql/*/bin/pg_ctl (apt-get install postgresql)');
if (!HAS_CH) console.warn('skipping the ClickHouse part: no clickhouse-server binary (apt-get install clickhouse-server)');

let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];
const tables: Record<string, TestTable> = {};

// Padded ids: " a", "a " and "a" are one customer; "007" and "7" two; "  " is no id.
const PAD_CUSTOMERS = [
  'id,signup,churned_at,channel,spend',
  'a,2024-01-03T10:00:00Z,,web,$5',
  ' b,2024-01-20T10:00:00Z,2024-03-01T00:00:00Z,ads,"1,000.50"',
  'c ,2024-02-02T10:00:00Z,,web,12',
  '007,2024-02-10T10:00:00Z,2024-04-01T00:00:00Z,ads,n/a',
  '7,2024-02-11T10:00:00Z,,web,€7.25',
  '  ,2024-02-12T10:00:00Z,,web,3',
  'e,2024-02-13T10:00:00Z,2024-03-01T00:00:00Z,ads,"$1,200.00"',
  'f,2024-02-14T10:00:00Z,,ads,x12',
  'g,2024-02-15T10:00:00Z,2024-01-01T00:00:00Z,web,1e2',
  'h,2024-02-16T10:00:00Z,,web,0.500',
];
const PAD_ACTIVITY = [
  'id,time,amount',
  'a,2024-01-03T10:00:00Z,5',
  ' a,2024-02-04T10:00:00Z,5',
  'a ,2024-03-05T10:00:00Z,5',
  ' b ,2024-01-21T10:00:00Z,5',
  'b,2024-02-22T10:00:00Z,5',
  'c,2024-02-02T10:00:00Z,5',
  ' c,2024-04-02T10:00:00Z,5',
  '007,2024-02-10T10:00:00Z,5',
  '7,2024-03-11T10:00:00Z,5',
  ' 7 ,2024-04-11T10:00:00Z,5',
  '   ,2024-03-11T10:00:00Z,5',
  'zz ,2024-03-11T10:00:00Z,5',
  '"\t007",2024-03-12T10:00:00Z,5',
];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-xagree-'));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'pcus.csv'), `${PAD_CUSTOMERS.join('\n')}\n`);
  writeFileSync(path.join(dir, 'pact.csv'), `${PAD_ACTIVITY.join('\n')}\n`);
  tables.pcus = {
    name: 'pcus', file: path.join(dir, 'pcus.csv'),
    columns: { id: 'text', signup: 'time', churned_at: 'time', channel: 'text', spend: 'text' },
  };
  tables.pact = { name: 'pact', file: path.join(dir, 'pact.csv'), columns: { id: 'text', time: 'time', amount: 'number' } };
  engines.push({ name: 'duckdb', conn: await duckdbConnection() });
  servers = await startTestServers(tables, { pcus: 'id', pact: 'id' }, engines);
}, 300_000);

afterAll(() => servers?.stop(), 120_000);

const sameOnEveryEngine = sameOnEngines(engines, tables);

const warningsOf = (r: unknown): string[] => ((r as { report?: { warnings?: string[] } }).report?.warnings ?? []).map((w) => w.replace(/ of \S+\.csv| of pcus| of pact/g, ''));

describe('ids padded with white space: one customer on every engine (memory = DuckDB = PostgreSQL = ClickHouse)', () => {
  it('matrix from the activity table alone: " a", "a " and "a" are one customer, "007" and "7" two, a blank id none', async () => {
    const { memory, sql } = await sameOnEveryEngine({ activity: 'pact' }, { columns: { id: 'id', time: 'time' } }, matrix, matrixAnalysis, matrixDifferences);
    expect(Array.from(memory.cohorts.size).reduce((s, x) => s + x, 0)).toBe(6); // a, b, c, 007, 7, zz
    const w = warningsOf(memory).filter((x) => x.includes('surrounding'));
    expect(w).toEqual([expect.stringContaining('7 distinct ids had surrounding spaces or tabs, e.g. "\\t007"')]);
    expect(w[0]).toContain('6 of them then named the same customer as another id');
    expect(sql.length).toBe(engines.length);
  }, 120_000);

  it('matrix and survival with a customers table: padded ids on both sides join', async () => {
    const { memory } = await sameOnEveryEngine(
      { activity: 'pact', customers: 'pcus' }, { columns: { id: 'id', time: 'time', signup: 'signup' }, cohort: ['channel'] }, matrix, matrixAnalysis, matrixDifferences,
    );
    expect(Array.from(memory.cohorts.size).reduce((s, x) => s + x, 0)).toBe(9);
    await sameOnEveryEngine({ activity: 'pact', customers: 'pcus' }, { columns: { id: 'id', time: 'time', signup: 'signup', churn: 'churned_at' } }, survival, survivalAnalysis, survivalDifferences);
  }, 120_000);
});

describe('value --value on text ("$5", "1,000.50", "€7.25", "1e2"): memory = DuckDB = PostgreSQL = ClickHouse', () => {
  it('reads the numbers as memory does, and "n/a" and "x12" as missing, with the same warning', async () => {
    const spec = { columns: { id: 'id', signup: 'signup', churn: 'churned_at' }, value: 'spend' };
    const { memory, sql } = await sameOnEveryEngine({ customers: 'pcus' }, spec, value, valueAnalysis, valueDifferences);
    // b (1,000.50) and e ($1,200.00) churned; a 5, c 12, 7 7.25, h 0.5 retained; 007 n/a, f x12 missing (g churned before its signup: out).
    expect(Array.from(memory.overall.total)).toEqual([2200.5, 24.75]);
    expect(Array.from(memory.overall.missing)).toEqual([1, 1]);
    const w = (r: unknown): string[] => warningsOf(r).filter((x) => x.includes('not a number'));
    expect(w(memory)).toEqual(['1 value of column "spend" is not a number (row 8: "x12"): counted in "missing"']);
    for (const r of sql) expect(w(r)).toEqual(['1 value of column "spend" is not a number ("x12"): counted in "missing"']);
  }, 120_000);

  it('reads a decimal comma when the values show one ("1.000,50"), on every engine', async () => {
    const file = path.join(path.dirname(tables.pcus.file), 'comma.csv');
    const values = ['"1.000,50"', '"2,5"', '€3', '"0,75"', 'NA', '"12.345,6"'];
    writeFileSync(file, `id,status,v\n${values.map((v, i) => `k${i},${i % 2 ? 'Stayed' : 'Churned'},${v}`).join('\n')}\n`);
    const t: TestTable = { name: 'comma', file, columns: { id: 'text', status: 'text', v: 'text' } };
    tables.comma = t;
    if (servers?.pg) await loadPostgres(engines.find((e) => e.name === 'postgres')!.conn, t);
    if (servers?.ch) await loadClickhouse(servers.ch.urls, servers.ch.cluster, t, 'id');
    const { memory } = await sameOnEveryEngine({ customers: 'comma' }, { columns: { id: 'id' }, event: 'status=Churned', value: 'v' }, value, valueAnalysis, valueDifferences);
    expect(memory.overall.total[0]).toBeCloseTo(1003.5, 9);
    expect(memory.overall.total[1]).toBeCloseTo(12348.85, 9);
    expect(Array.from(memory.overall.missing)).toEqual([1, 0]);
  }, 120_000);
});

describe('the load report of survival and CRR on SQL: memory\'s customer counts (memory = DuckDB = PostgreSQL = ClickHouse)', () => {
  it('counts rows without an id, filtered customers, late signups, churn before signup and churn after as-of', async () => {
    const base = { columns: { id: 'id', signup: 'signup', churn: 'churned_at' }, asOf: '2024-02-15T12:00:00Z' };
    for (const where of [[], ['channel != ads']]) {
      const { memory, sql } = await sameOnEveryEngine({ customers: 'pcus' }, { ...base, where }, survival, survivalAnalysis, survivalDifferences);
      const c = memory.report.customers;
      if (!where.length) {
        expect(c).toMatchObject({ read: 9, used: 7, churnAfterAsOf: 3 });
        expect(c.excluded).toMatchObject({ missingId: 1, filtered: 0, missingAnchor: 0, anchorAfterAsOf: 1, churnBeforeAnchor: 1 });
      } else expect(c.excluded.filtered).toBe(4);
      for (const r of sql) expect(r.report.customers, where.join()).toEqual(c);
      // The customers table's padded ids (" b", "c "): the same warning on every engine.
      const padded = (x: unknown): string[] => warningsOf(x).filter((w) => w.includes('surrounding'));
      expect(padded(memory)).toEqual(['2 distinct ids had surrounding spaces or tabs, e.g. " b": ids are read without them on every engine']);
      for (const r of sql) expect(padded(r)).toEqual(padded(memory));
    }
  }, 120_000);

  it('matrix with a customers table: rows without an id, filtered, without or after signup', async () => {
    const base = { columns: { id: 'id', time: 'time', signup: 'signup' }, asOf: '2024-02-15T12:00:00Z', cohort: ['channel'] };
    for (const where of [[], ['channel != ads']]) {
      const { memory, sql } = await sameOnEveryEngine({ activity: 'pact', customers: 'pcus' }, { ...base, where }, matrix, matrixAnalysis, matrixDifferences);
      const c = memory.report.customers;
      expect(c.excluded).toMatchObject(where.length ? { missingId: 1, filtered: 4, afterAsOf: 1 } : { missingId: 1, filtered: 0, afterAsOf: 1 });
      for (const r of sql) expect(r.report.customers, where.join()).toEqual(c);
    }
  }, 120_000);
});
