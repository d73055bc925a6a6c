import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis, PlanLike } from '../../../src/api/analysis.js';
import { crr, crrAnalysis } from '../../../src/api/crr.js';
import { feedback, feedbackAnalysis } from '../../../src/api/feedback.js';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import { reasons, reasonsAnalysis } from '../../../src/api/reasons.js';
import { survival, survivalAnalysis } from '../../../src/api/survival.js';
import { value, valueAnalysis } from '../../../src/api/value.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { InputSpec } from '../../../src/spec/types.js';
import { runCli } from '../../cli/run-cli.js';
import { labelData } from './label-data.js';
import type { TestTable } from './load-tables.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { matrixDifferences } from './same-matrix.js';
import { feedbackDifferences, reasonsDifferences, valueDifferences } from './same-outcomes.js';
import { sameOnEngines, type Data } from './same-on-engines.js';
import { HAS_CH, HAS_PG, startTestServers, type TestServers } from './test-engines.js';

// Cohort, group and segment labels from attribute values on the memory engine, embedded
// DuckDB, a real PostgreSQL server and a ClickHouse cluster of two shards: a number column
// of whole and decimal values (DuckDB reads it as DOUBLE), negatives, zero, boolean-like
// text and missing values, in the customers and the activity table. Every SQL result names
// them as the memory engine does ("19", never "19.0").

if (!HAS_PG) console.warn('skipping the PostgreSQL part: no /usr/lib/postgresql/*/bin/pg_ctl (apt-get install postgresql)');
if (!HAS_CH) console.warn('skipping the ClickHouse part: no clickhouse-server binary (apt-get install clickhouse-server)');

let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];
const tables: Record<string, TestTable> = {};

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-xlab-'));
  chmodSync(dir, 0o755);
  const data = labelData(3);
  writeFileSync(path.join(dir, 'lcus.csv'), data.customers);
  writeFileSync(path.join(dir, 'lact.csv'), data.activity);
  tables.lcus = {
    name: 'lcus', file: path.join(dir, 'lcus.csv'),
    columns: { id: 'text', signup: 'time', churned_at: 'time', status: 'text', reason: 'text', revenue: 'number', tier: 'number', flag: 'text', nps: 'number' },
  };
  tables.lact = { name: 'lact', file: path.join(dir, 'lact.csv'), columns: { id: 'text', time: 'time', amount: 'number', level: 'number' } };
  engines.push({ name: 'duckdb', conn: await duckdbConnection() });
  servers = await startTestServers(tables, { lcus: 'id', lact: 'id' }, engines);
}, 300_000);

afterAll(() => servers?.stop(), 120_000);

const both: Data = { activity: 'lact', customers: 'lcus' };
const customers: Data = { customers: 'lcus' };
const onEveryEngine = sameOnEngines(engines, tables);
/** Every engine's result of one analysis against memory's, through its differences function: memory's. */
async function sameOnEveryEngine<S extends { input: InputSpec }, P extends PlanLike, R>(
  data: Data, spec: Omit<S, 'input'>, mem: (s: S) => Promise<R>, analysis: Analysis<S, P, R>, differences: (a: R, b: R) => string[],
): Promise<R> {
  return (await onEveryEngine(data, spec, mem, analysis, differences)).memory;
}

const LABELS = ['1', '19', '-3', '2.5', '-0.5', '0', '100'];
const cols = { id: 'id', time: 'time', signup: 'signup', churn: 'churned_at' };

describe('attribute labels: memory = DuckDB = PostgreSQL = ClickHouse (2 shards)', () => {
  it('matrix cohorts by a number, a boolean-like and an activity-table number column', async () => {
    for (const cohort of [['tier'], ['flag', 'tier'], ['level']]) {
      const m = await sameOnEveryEngine(both, { columns: { id: 'id', time: 'time', signup: 'signup' }, cohort }, matrix, matrixAnalysis, matrixDifferences);
      expect(m.cohorts.count, cohort.join()).toBeGreaterThan(2);
      if (cohort[0] === 'tier') expect([...new Set(m.cohorts.attributes[0].values)].sort()).toEqual([...LABELS, null].sort());
      if (cohort[0] === 'level') expect(m.cohorts.attributes[0].values).toContain('2');
    }
  }, 120_000);

  it('survival and CRR groups by tier, flag and level', async () => {
    for (const by of [['tier'], ['flag'], ['level', 'flag']]) {
      const s = await sameOnEveryEngine(both, { columns: cols, by }, survival, survivalAnalysis, survivalDifferences);
      expect(s.groups.length, by.join()).toBeGreaterThan(2);
      await sameOnEveryEngine(both, { columns: cols, by, period: 'quarter' }, crr, crrAnalysis, crrDifferences);
    }
  }, 120_000);

  it('reasons, value and feedback segments by tier, flag and level', async () => {
    const status = { columns: { id: 'id' }, event: 'status=Churned' };
    const r = await sameOnEveryEngine(customers, { ...status, reason: 'reason', by: ['tier', 'flag'] }, reasons, reasonsAnalysis, reasonsDifferences);
    expect(JSON.stringify(r)).toContain('"19"');
    await sameOnEveryEngine(customers, { ...status, value: 'revenue', by: ['tier'] }, value, valueAnalysis, valueDifferences);
    await sameOnEveryEngine(both, { columns: { id: 'id', time: 'time' }, event: 'status=Churned', amount: 'amount', by: ['level'] }, value, valueAnalysis, valueDifferences);
    await sameOnEveryEngine(customers, { columns: { id: 'id' }, by: ['tier'], nps: 'nps' }, feedback, feedbackAnalysis, feedbackDifferences);
  }, 120_000);
});

describe('kohort matrix --cohort <number column> --engine duckdb', () => {
  it('prints the memory engine\'s labels ("19", not "19.0")', async () => {
    const args = ['--customers', tables.lcus.file, '--id', 'id', '--time', 'time', '--signup', 'signup', '--cohort', 'tier', '--format', 'csv', '-q'];
    const mem = await runCli(['matrix', tables.lact.file, ...args]);
    expect(mem.code, mem.stderr).toBe(0);
    expect(mem.stdout).toContain('19');
    expect(mem.stdout).not.toContain('19.0');
    const duck = await runCli(['matrix', tables.lact.file, ...args, '--engine', 'duckdb']);
    expect(duck.stderr).toBe('');
    expect(duck.stdout).toBe(mem.stdout);
  }, 60_000);
});

describe('kohort matrix --cohort <label column> --engine duckdb: integer texts, -01 and markers', () => {
  it('prints the memory engine\'s labels: 19-digit integers apart, -01 beside -1, NA and - as labels', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-xlab-int-'));
    const cus = path.join(dir, 'c.csv');
    const act = path.join(dir, 'a.csv');
    writeFileSync(cus, [
      'id,signup,big,code,tier',
      'a,2024-01-05,1234567890123456781,-01,1',
      'b,2024-01-20,1234567890123456782,5,2',
      'c,2024-02-01,1234567890123456783,7,NA',
      'd,2024-02-10,99,-1,-',
    ].join('\n'));
    writeFileSync(act, 'id,time\na,2024-01-05\na,2024-02-10\nb,2024-01-20\nb,2024-03-15\nc,2024-02-01\nd,2024-02-11\n');
    for (const cohort of ['big', 'code', 'tier']) {
      const args = ['matrix', act, '--customers', cus, '--signup', 'signup', '--cohort', cohort, '--as-of', '2024-04-01', '--format', 'csv', '-q'];
      const mem = await runCli(args);
      expect(mem.code, mem.stderr).toBe(0);
      expect(mem.stdout.split('\n').filter(Boolean).length, cohort).toBe(5);
      const duck = await runCli([...args, '--engine', 'duckdb']);
      expect(duck.stderr, cohort).toBe(mem.stderr);
      // The same cohorts, rows and order (-01 and -1 tie as numbers: code units decide).
      expect(duck.stdout, cohort).toBe(mem.stdout);
    }
  }, 60_000);
});
