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
import type { Mode } from '../../../src/spec/types.js';
import type { TestTable } from './load-tables.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { compareDifferences } from './same-compare.js';
import { matrixDifferences } from './same-matrix.js';
import { sameOnEngines } from './same-on-engines.js';
import { feedbackDifferences, reasonsDifferences, valueDifferences } from './same-outcomes.js';
import { startTestServers, type TestServers } from './test-engines.js';

// Small odd inputs on every command, memory = DuckDB = PostgreSQL = 2-shard ClickHouse, in
// America/New_York: ids "007" and "7" (two customers), a customer without activity, blank
// signup, churn and activity times, months without signups between cohorts (empty
// cohorts), and times next to both DST changes of 2024 (10 March 2:00 local, 3 November
// 2:00 local, the repeated hour) and next to local month ends (UTC already the next month).

let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];
const tables: Record<string, TestTable> = {};

const CUSTOMERS = [
  'id,signup,churned_at,channel,revenue,status,reason,nps',
  // 01:30 EST, the last half hour before the spring change; churned 03:30 EDT on 3 April.
  '007,2024-03-10T06:30:00Z,2024-04-03T07:30:00Z,ads,10.1,Churned,Price,9',
  // 03:30 EDT, just after it.
  '7,2024-03-10T07:30:00Z,,seo,20.2,Stayed,,3',
  // 31 March 23:00 EDT (April in UTC): a March signup in New York.
  'c3,2024-04-01T03:00:00Z,2024-11-03T05:30:00Z,ads,5.05,Churned,Support,7',
  // The repeated hour of 3 November: 01:30 EDT and 01:30 EST.
  'c4,2024-11-03T05:30:00Z,,seo,7.5,Stayed,,10',
  'c5,2024-11-03T06:30:00Z,2024-12-01T04:30:00Z,ads,1.25,Churned,Price,0',
  // No activity at all; no signup; no channel.
  'noact,2024-01-15T15:00:00Z,2024-06-01T00:00:00Z,seo,3,Churned,,8',
  'nosign,,,ads,4,Stayed,,',
  'nochan,2024-01-20T12:00:00Z,,,2.5,Stayed,,6',
];
const ACTIVITY = [
  'id,time,amount',
  '007,2024-03-10T06:45:00Z,1.1',
  '007,2024-04-01T03:30:00Z,2.2',
  '007,2024-05-01T04:30:00Z,0.3',
  '7,2024-03-10T07:45:00Z,4',
  '7,2024-03-31T23:00:00Z,0.1',
  '7,,9',
  '7,2024-06-15T12:00:00Z,0.2',
  'c3,2024-04-01T03:30:00Z,5',
  'c3,2024-05-31T23:30:00Z,6.6',
  'c4,2024-11-03T05:45:00Z,1',
  'c4,2024-12-01T04:30:00Z,2',
  'c5,2024-11-03T06:45:00Z,3',
  'nochan,2024-01-21T12:00:00Z,1',
  'nochan,2024-03-01T04:59:00Z,1',
  'ghost,2024-02-01T00:00:00Z,1',
  ',2024-02-02T00:00:00Z,1',
];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-xodd-'));
  chmodSync(dir, 0o755);
  const write = (name: string, lines: string[]): string => {
    const file = path.join(dir, `${name}.csv`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  tables.ocus = {
    name: 'ocus', file: write('ocus', CUSTOMERS),
    columns: { id: 'text', signup: 'time', churned_at: 'time', channel: 'text', revenue: 'number', status: 'text', reason: 'text', nps: 'number' },
  };
  tables.oact = { name: 'oact', file: write('oact', ACTIVITY), columns: { id: 'text', time: 'time', amount: 'number' } };
  engines.push({ name: 'duckdb', conn: await duckdbConnection() });
  servers = await startTestServers(tables, { ocus: 'id', oact: 'id' }, engines);
}, 300_000);

afterAll(() => servers?.stop(), 120_000);

const sameResult = sameOnEngines(engines, tables);

/** A report with its files as role and rows, tables by name (DuckDB and memory name the file, a server its table). */
function reportOf(r: unknown): unknown {
  const rep = (r as { report?: { files?: { role: string; rows: number }[] } }).report;
  if (!rep) return undefined;
  let text = JSON.stringify({ ...rep, files: rep.files?.map((f) => [f.role, f.rows]) });
  for (const t of Object.values(tables)) text = text.split(JSON.stringify(t.file).slice(1, -1)).join(t.name);
  return JSON.parse(text);
}

/** sameResult, and each engine's report equal to memory's. */
const same: typeof sameResult = async (d, spec, mem, analysis, differences) => {
  const out = await sameResult(d, spec, mem, analysis, differences);
  for (const [i, r] of out.sql.entries()) expect(reportOf(r), engines[i].name).toEqual(reportOf(out.memory));
  return out;
};
const data = { activity: 'oact', customers: 'ocus' };
const tz = 'America/New_York';
const asOf = '2024-12-20T00:00:00Z';
const columns = { id: 'id', time: 'time', signup: 'signup', churn: 'churned_at', amount: 'amount' };

describe('odd small inputs in America/New_York: every command, memory = DuckDB = PostgreSQL = ClickHouse', () => {
  const modes: Mode[] = ['classic', 'unbounded', 'revenue', 'gross-revenue', 'ltv', 'survival'];
  it('matrix, every mode, signup and first-activity anchors, strict and rolling', async () => {
    for (const mode of modes) {
      for (const anchor of ['signup', 'first-activity'] as const) {
        for (const completeness of ['strict', 'rolling'] as const) {
          const spec = { columns: anchor === 'signup' ? columns : { ...columns, signup: undefined }, mode, anchor, completeness, tz, asOf, cohort: ['month'] };
          const { memory } = await same(data, spec, matrix, matrixAnalysis, matrixDifferences);
          expect(memory.cohorts.count, `${mode} ${anchor}`).toBeGreaterThan(0);
        }
      }
    }
    // Cohorts by channel, weeks; the activity alone.
    await same(data, { columns, tz, asOf, cohort: ['channel'], period: 'week' }, matrix, matrixAnalysis, matrixDifferences);
    await same({ activity: 'oact' }, { columns: { id: 'id', time: 'time', amount: 'amount' }, mode: 'revenue', tz, cohort: ['month'] }, matrix, matrixAnalysis, matrixDifferences);
  }, 600_000);

  it('survival and CRR', async () => {
    const churn = { id: 'id', signup: 'signup', churn: 'churned_at' };
    await same({ customers: 'ocus' }, { columns: churn, by: ['channel'], tz, asOf }, survival, survivalAnalysis, survivalDifferences);
    await same(data, { columns: { id: 'id', time: 'time', signup: 'signup' }, inactiveAfter: '30d', tz, asOf }, survival, survivalAnalysis, survivalDifferences);
    for (const period of ['month', 'week', 'day'] as const) {
      await same({ customers: 'ocus' }, { columns: churn, period, tz, asOf }, crr, crrAnalysis, crrDifferences);
    }
  }, 300_000);

  it('compare by channel with revenue', async () => {
    await same(data, { columns, by: 'channel', tz, asOf }, compare, compareAnalysis, compareDifferences);
  }, 300_000);

  it('reasons, value and feedback', async () => {
    const status = { columns: { id: 'id', signup: 'signup' }, event: 'status=Churned', tz };
    await same({ customers: 'ocus' }, { ...status, reason: 'reason', cohort: 'month' }, reasons, reasonsAnalysis, reasonsDifferences);
    await same({ customers: 'ocus' }, { ...status, value: 'revenue', cohort: 'month' }, value, valueAnalysis, valueDifferences);
    await same(data, { columns: { id: 'id', time: 'time' }, event: 'status=Churned', amount: 'amount', by: ['channel'], tz }, value, valueAnalysis, valueDifferences);
    const signup = { id: 'id', time: 'time', signup: 'signup' };
    await same(data, { columns: signup, event: 'status=Churned', amount: 'amount', cohort: 'month', tz, asOf: '2024-11-01T00:00:00Z' }, value, valueAnalysis, valueDifferences);
    await same(data, { columns: signup, event: 'status=Churned', reason: 'reason', cohort: 'month', tz }, reasons, reasonsAnalysis, reasonsDifferences);
    await same({ customers: 'ocus' }, { columns: { id: 'id' }, by: ['channel'], nps: 'nps' }, feedback, feedbackAnalysis, feedbackDifferences);
  }, 300_000);
});
