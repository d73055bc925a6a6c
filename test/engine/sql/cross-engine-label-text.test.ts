import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis, PlanLike } from '../../../src/api/analysis.js';
import { compare, compareAnalysis } from '../../../src/api/compare.js';
import { crr, crrAnalysis } from '../../../src/api/crr.js';
import { feedback, feedbackAnalysis } from '../../../src/api/feedback.js';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import { reasons, reasonsAnalysis } from '../../../src/api/reasons.js';
import { survival, survivalAnalysis } from '../../../src/api/survival.js';
import { value, valueAnalysis } from '../../../src/api/value.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { InputSpec } from '../../../src/spec/types.js';
import { labelTextData, WIDE } from './label-text-data.js';
import type { TestTable } from './load-tables.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { compareDifferences } from './same-compare.js';
import { matrixDifferences } from './same-matrix.js';
import { feedbackDifferences, reasonsDifferences, valueDifferences } from './same-outcomes.js';
import { sameOnEngines, type Data } from './same-on-engines.js';
import { HAS_CH, HAS_PG, startTestServers, type TestServers } from './test-engines.js';

// Label texts on the memory engine, embedded DuckDB over the CSV files, PostgreSQL and a
// ClickHouse cluster of two shards (the servers' tables hold the file's text: the label
// and id columns are text there): the same labels, in the same order, on every engine.

if (!HAS_PG) console.warn('skipping the PostgreSQL part: no /usr/lib/postgresql/*/bin/pg_ctl (apt-get install postgresql)');
if (!HAS_CH) console.warn('skipping the ClickHouse part: no clickhouse-server binary (apt-get install clickhouse-server)');

let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];
const tables: Record<string, TestTable> = {};

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-xtext-'));
  chmodSync(dir, 0o755);
  // t*: short ids; w*: 20-digit ids.
  for (const [t, wideIds] of [['t', false], ['w', true]] as const) {
    const data = labelTextData(5, wideIds);
    writeFileSync(path.join(dir, `${t}cus.csv`), data.customers);
    writeFileSync(path.join(dir, `${t}act.csv`), data.activity);
    tables[`${t}cus`] = {
      name: `${t}cus`, file: path.join(dir, `${t}cus.csv`),
      columns: { id: 'text', signup: 'time', churned_at: 'time', status: 'text', mixed: 'text', wide: 'text', signed: 'text', since: 'text', revenue: 'number', nps: 'number' },
    };
    tables[`${t}act`] = { name: `${t}act`, file: path.join(dir, `${t}act.csv`), columns: { id: 'text', time: 'time', amount: 'number' } };
  }
  engines.push({ name: 'duckdb', conn: await duckdbConnection() });
  servers = await startTestServers(tables, { tcus: 'id', tact: 'id', wcus: 'id', wact: 'id' }, engines);
}, 300_000);

afterAll(() => servers?.stop(), 120_000);

const both: Data = { activity: 'tact', customers: 'tcus' };
const customers: Data = { customers: 'tcus' };
const wideBoth: Data = { activity: 'wact', customers: 'wcus' };
const wideCustomers: Data = { customers: 'wcus' };
const onEveryEngine = sameOnEngines(engines, tables);
async function sameOnEveryEngine<S extends { input: InputSpec }, P extends PlanLike, R>(
  data: Data, spec: Omit<S, 'input'>, mem: (s: S) => Promise<R>, analysis: Analysis<S, P, R>, differences: (a: R, b: R) => string[],
): Promise<R> {
  return (await onEveryEngine(data, spec, mem, analysis, differences)).memory;
}

const cols = { id: 'id', time: 'time', signup: 'signup', churn: 'churned_at' };
const status = { columns: { id: 'id' }, event: 'status=Churned' };

describe('label order: memory = DuckDB = PostgreSQL = ClickHouse, whatever order the labels arrive in', () => {
  it('matrix cohorts, survival and CRR groups by mixed texts (ties, case, accents, digits, empty)', async () => {
    const m = await sameOnEveryEngine(both, { columns: { id: 'id', time: 'time', signup: 'signup' }, cohort: ['mixed'] }, matrix, matrixAnalysis, matrixDifferences);
    // Numbers by value (ties by code units), then texts by code units, none last.
    expect(m.cohorts.attributes[0].values).toEqual(['1', '1.0', '2', '007', '7', '10', '0x10', '16', '-', '1a', 'B', 'Z', 'a b', 'b', 'e', 'É', 'ß', 'é', null]);
    await sameOnEveryEngine(both, { columns: cols, by: ['mixed'] }, survival, survivalAnalysis, survivalDifferences);
    await sameOnEveryEngine(both, { columns: cols, by: ['mixed'], period: 'quarter' }, crr, crrAnalysis, crrDifferences);
  }, 120_000);

  it('compare groups (and so its default reference), reasons, value and feedback segments', async () => {
    await sameOnEveryEngine(both, { columns: { id: 'id', time: 'time', signup: 'signup' }, by: 'mixed' }, compare, compareAnalysis, compareDifferences);
    await sameOnEveryEngine(customers, { ...status, reason: 'mixed', by: ['mixed'] }, reasons, reasonsAnalysis, reasonsDifferences);
    await sameOnEveryEngine(customers, { ...status, value: 'revenue', by: ['mixed'] }, value, valueAnalysis, valueDifferences);
    await sameOnEveryEngine(customers, { columns: { id: 'id' }, by: ['mixed'], nps: 'nps' }, feedback, feedbackAnalysis, feedbackDifferences);
  }, 120_000);
});

describe('CSV label texts DuckDB would type: memory = DuckDB = PostgreSQL = ClickHouse', () => {
  it('20-digit integers, "-01" beside decimals and dates stay the file\'s texts; 20-digit ids stay apart', async () => {
    const m = await sameOnEveryEngine(wideBoth, { columns: { id: 'id', time: 'time', signup: 'signup' }, cohort: ['wide'] }, matrix, matrixAnalysis, matrixDifferences);
    expect(m.cohorts.attributes[0].values).toEqual(['1', ...WIDE.slice(0, 4)]);
    expect([...m.cohorts.size].reduce((a, b) => a + b, 0)).toBe(300);
    const s = await sameOnEveryEngine(wideBoth, { columns: { id: 'id', time: 'time', signup: 'signup' }, cohort: ['signed'] }, matrix, matrixAnalysis, matrixDifferences);
    expect(s.cohorts.attributes[0].values).toEqual(['-01', '-1', '1.5', '2.25']);
    const d = await sameOnEveryEngine(wideBoth, { columns: { id: 'id', time: 'time', signup: 'signup' }, cohort: ['since'] }, matrix, matrixAnalysis, matrixDifferences);
    expect(d.cohorts.attributes[0].values).toEqual(['2024-01-05', '2024-02-03', '2024-1-5']);
    for (const by of [['wide'], ['signed', 'since']]) {
      await sameOnEveryEngine(wideBoth, { columns: cols, by }, survival, survivalAnalysis, survivalDifferences);
      await sameOnEveryEngine(wideBoth, { columns: cols, by, period: 'quarter' }, crr, crrAnalysis, crrDifferences);
      await sameOnEveryEngine(wideCustomers, { ...status, value: 'revenue', by }, value, valueAnalysis, valueDifferences);
    }
    await sameOnEveryEngine(wideBoth, { columns: { id: 'id', time: 'time', signup: 'signup' }, by: 'wide' }, compare, compareAnalysis, compareDifferences);
    const r = await sameOnEveryEngine(wideCustomers, { ...status, reason: 'wide', by: ['signed'] }, reasons, reasonsAnalysis, reasonsDifferences);
    expect(JSON.stringify(r)).toContain('"12345678901234567892"');
  }, 180_000);
});

