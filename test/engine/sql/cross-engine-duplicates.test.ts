import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, compareAnalysis } from '../../../src/api/compare.js';
import { crr, crrAnalysis } from '../../../src/api/crr.js';
import { feedback, feedbackAnalysis } from '../../../src/api/feedback.js';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import { reasons, reasonsAnalysis } from '../../../src/api/reasons.js';
import { survival, survivalAnalysis } from '../../../src/api/survival.js';
import { value, valueAnalysis } from '../../../src/api/value.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { TestTable } from './load-tables.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { compareDifferences } from './same-compare.js';
import { matrixDifferences } from './same-matrix.js';
import { onEngine, sameOnEngines } from './same-on-engines.js';
import { feedbackDifferences, reasonsDifferences, valueDifferences } from './same-outcomes.js';
import { HAS_PG, startTestServers, type TestServers } from './test-engines.js';

// A customers table that repeats ids: the memory engine keeps each id's first row (in file
// order) and reports the others as duplicates. DuckDB (the file's row order) and PostgreSQL
// (the table's physical order: rows as loaded) keep the same first rows and report the same
// counts on every command; ClickHouse has no row order and refuses such a table clearly.

let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];
const tables: Record<string, TestTable> = {};

// Customer 1's first row: ads, signed up in January, stayed; its repeat: organic, February,
// churned. Customer 2's repeat (ads, stayed) comes after its first row (organic, churned).
const CUSTOMERS = [
  'id,signup,churned_at,channel,revenue,status,reason',
  '1,2024-01-01T10:00:00Z,,ads,10,Stayed,',
  '2,2024-01-05T10:00:00Z,2024-02-10T00:00:00Z,organic,20,Churned,Price',
  '3,2024-01-20T10:00:00Z,,organic,5,Stayed,',
  '1,2024-02-01T10:00:00Z,2024-02-15T00:00:00Z,organic,30,Churned,Support',
  '4,2024-02-03T10:00:00Z,2024-03-01T00:00:00Z,ads,12,Churned,Price',
  ',2024-01-04T10:00:00Z,,ads,1,Stayed,',
  '2,2024-03-01T10:00:00Z,,ads,7,Stayed,',
  '5,2024-01-12T10:00:00Z,2024-03-05T00:00:00Z,ads,9,Churned,Support',
  '1,2024-01-02T10:00:00Z,,organic,1,Stayed,',
  '6,2024-02-20T10:00:00Z,,organic,4,Stayed,',
];
const ACTIVITY = [
  'id,time,amount',
  ...[1, 2, 3, 4, 5, 6].flatMap((id) => ['01-25', '02-05', '02-25', '03-08'].map((d, i) => `${id},2024-${d}T${10 + id}:00:00Z,${id * 1.5 + i}`)),
  '1,2024-01-03T10:00:00Z,2.25',
];
const SURVEY = ['id,segment,nps', '1,a,9', '2,b,3', '1,b,2', '3,a,10', '2,a,7', '4,b,8', ',a,5', '5,a,0'];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-xdup-'));
  chmodSync(dir, 0o755);
  const write = (name: string, lines: string[]): string => {
    const file = path.join(dir, `${name}.csv`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  tables.dcus = {
    name: 'dcus', file: write('dcus', CUSTOMERS),
    columns: { id: 'text', signup: 'time', churned_at: 'time', channel: 'text', revenue: 'number', status: 'text', reason: 'text' },
  };
  tables.dact = { name: 'dact', file: write('dact', ACTIVITY), columns: { id: 'text', time: 'time', amount: 'number' } };
  tables.dsurvey = { name: 'dsurvey', file: write('dsurvey', SURVEY), columns: { id: 'text', segment: 'text', nps: 'number' } };
  engines.push({ name: 'duckdb', conn: await duckdbConnection() });
  servers = await startTestServers(tables, { dcus: 'id', dact: 'id', dsurvey: 'id' }, engines);
}, 300_000);

afterAll(() => servers?.stop(), 120_000);

/** Memory's result, and each engine's compared with it (ClickHouse: the clear refusal). */
const sameAsMemory = sameOnEngines(engines, tables, { clickhouse: /rows repeat an id of column "id".*ClickHouse table has no row order/ });

const data = { activity: 'dact', customers: 'dcus' };
const asOf = '2024-03-10T00:00:00Z';
const churnColumns = { id: 'id', time: 'time', signup: 'signup', churn: 'churned_at' };

describe('a customers table that repeats ids: the first row of each id on every engine (memory = DuckDB = PostgreSQL)', () => {
  it('matrix by signup and by the first row\'s channel: cohort sizes, and "3 duplicate ids (first row kept)"', async () => {
    for (const spec of [
      { columns: { id: 'id', time: 'time', signup: 'signup' }, asOf },
      { columns: { id: 'id', time: 'time', signup: 'signup' }, cohort: ['channel'], where: ['channel = ads'], asOf },
      { columns: { id: 'id', time: 'time', amount: 'amount' }, anchor: 'first-activity' as const, cohort: ['channel'], asOf },
    ]) {
      const { memory, sql } = await sameAsMemory(data, spec, matrix, matrixAnalysis, matrixDifferences);
      expect(memory.report.customers.excluded.duplicateId).toBe(3);
      for (const r of sql) {
        expect([r.report.files.map((f) => [f.role, f.rows]), r.report.customers, r.report.excluded]).toEqual([
          memory.report.files.map((f) => [f.role, f.rows]), memory.report.customers, memory.report.excluded,
        ]);
      }
    }
  }, 300_000);

  it('survival and CRR: lifetimes of the first rows, the customers counts', async () => {
    for (const where of [[], ['channel = ads']]) {
      const spec = { columns: churnColumns, where, asOf };
      const s = await sameAsMemory(data, spec, survival, survivalAnalysis, survivalDifferences);
      expect(s.memory.report.customers.excluded.duplicateId).toBe(3);
      for (const r of s.sql) expect([r.report.files.map((f) => f.rows), r.report.customers]).toEqual([s.memory.report.files.map((f) => f.rows), s.memory.report.customers]);
      const c = await sameAsMemory(data, spec, crr, crrAnalysis, crrDifferences);
      for (const r of c.sql) expect([r.report.files.map((f) => f.rows), r.report.customers]).toEqual([c.memory.report.files.map((f) => f.rows), c.memory.report.customers]);
    }
  }, 300_000);

  it('compare by the first row\'s channel, with revenue and the survival part', async () => {
    const spec = { columns: { ...churnColumns, amount: 'amount' }, by: 'channel', reference: 'organic', asOf };
    const { memory, sql } = await sameAsMemory(data, spec, compare, compareAnalysis, compareDifferences);
    expect(memory.groups.map((g) => g.n)).toEqual([3, 3]);
    for (const r of sql) expect(r.report?.customers).toEqual(memory.report?.customers);
  }, 300_000);

  it('reasons and value: the first row\'s status, reason and revenue', async () => {
    const spec = { columns: { id: 'id' }, event: 'status=Churned', reason: 'reason', by: ['channel'] };
    const r = await sameAsMemory({ customers: 'dcus' }, spec, reasons, reasonsAnalysis, reasonsDifferences);
    expect(r.memory.totalChurned).toBe(3);
    for (const x of r.sql) expect(x.report.customers).toEqual(r.memory.report.customers);
    const v = await sameAsMemory({ customers: 'dcus' }, { columns: { id: 'id' }, event: 'status=Churned', value: 'revenue' }, value, valueAnalysis, valueDifferences);
    for (const x of v.sql) expect(x.report.customers).toEqual(v.memory.report.customers);
  }, 300_000);

  it('feedback: the first answer of each id counts, the repeats are reported', async () => {
    const spec = { columns: { id: 'id' }, by: ['segment'], nps: 'nps' };
    const { memory, sql } = await sameAsMemory({ customers: 'dsurvey' }, spec, feedback, feedbackAnalysis, feedbackDifferences);
    expect(memory.report).toMatchObject({ rows: 8, duplicateId: 2, missingId: 1 });
    for (const r of sql) expect({ ...r.report, file: '' }).toEqual({ ...memory.report, file: '' });
  }, 300_000);
});

describe('a PostgreSQL view or partitioned table that repeats ids: refused clearly (ctid is no load order there)', () => {
  it.skipIf(!HAS_PG)('names the relation, the table, the column and the count', async () => {
    const pg = engines.find((e) => e.name === 'postgres')!.conn;
    await pg.query('CREATE OR REPLACE VIEW dcus_view AS SELECT * FROM dcus');
    // ctid (0,1) is the first row of each partition: a silent pick of the wrong row before.
    await pg.query('DROP TABLE IF EXISTS dcus_parts');
    await pg.query('CREATE TABLE dcus_parts (LIKE dcus) PARTITION BY LIST (channel)');
    await pg.query("CREATE TABLE dcus_ads PARTITION OF dcus_parts FOR VALUES IN ('ads')");
    await pg.query("CREATE TABLE dcus_rest PARTITION OF dcus_parts DEFAULT");
    await pg.query('INSERT INTO dcus_parts SELECT * FROM dcus');
    await pg.query('DROP TABLE IF EXISTS dcus_kid, dcus_inh');
    await pg.query('CREATE TABLE dcus_inh (LIKE dcus)');
    await pg.query('CREATE TABLE dcus_kid () INHERITS (dcus_inh)');
    await pg.query("INSERT INTO dcus_inh SELECT * FROM dcus WHERE channel = 'ads'");
    await pg.query("INSERT INTO dcus_kid SELECT * FROM dcus WHERE channel <> 'ads'");
    const spec = { columns: { id: 'id' }, event: 'status=Churned', value: 'revenue' };
    for (const [table, relation] of [['dcus_view', 'view'], ['dcus_parts', 'partitioned table'], ['dcus_inh', 'table with inheriting tables']]) {
      const run = onEngine(pg, valueAnalysis, { ...spec, input: { customers: table } });
      await expect(run).rejects.toThrow(new RegExp(`${table}.*3 rows repeat an id of column "id".*PostgreSQL ${relation} has no row order`));
    }
    // One partition alone is one heap table: its ctid order holds (id 1 twice there).
    const one = await onEngine(pg, valueAnalysis, { ...spec, input: { customers: 'dcus_rest' } });
    expect(one.report.customers.excluded.duplicateId).toBe(1);
  }, 300_000);
});
