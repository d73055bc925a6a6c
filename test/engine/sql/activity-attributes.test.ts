import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrix } from '../../../src/api/matrix.js';
import { crr } from '../../../src/api/crr.js';
import { survival } from '../../../src/api/survival.js';
import { executeCrrSql } from '../../../src/engine/sql/execute-crr-sql.js';
import { executeSurvivalSql } from '../../../src/engine/sql/execute-survival-sql.js';
import { normalizeCrr, type CrrSpec } from '../../../src/spec/crr-spec.js';
import { normalizeSurvival, type SurvivalSpec } from '../../../src/spec/survival-spec.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { describeSources, sqlSchema } from '../../../src/engine/sql/execute-matrix-sql.js';
import type { MatrixSpec } from '../../../src/spec/types.js';
import { attributeEvents } from './generated-data.js';
import { matrixDifferences, matrixViaSql } from './same-matrix.js';

// Cohort attributes read from the activity table: each customer's value is the one of its
// first counted activity (the memory engine's definition), on DuckDB as in memory.

let dir: string;
let conn: SqlConnection;
const files: { activity: string; customers: string } = { activity: '', customers: '' };
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-sql-attr-'));
  conn = await duckdbConnection();
  const data = attributeEvents(5);
  files.activity = path.join(dir, 'activity.csv');
  files.customers = path.join(dir, 'customers.csv');
  writeFileSync(files.activity, data.activity);
  writeFileSync(files.customers, data.customers);
});
afterAll(async () => conn?.close());

function csv(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const viaSql = (spec: MatrixSpec) => matrixViaSql(conn, spec);

describe('executeMatrixSql with cohort attributes of the activity table', () => {
  it('takes the value of the first activity by time, not by file order', async () => {
    // a's first row in the file is its latest; b's first activity has no source (none).
    const activity = csv(
      'first.csv',
      'id,time,source\na,2024-03-01T00:00:00Z,ads\na,2024-01-05T00:00:00Z,organic\na,2024-02-10T00:00:00Z,ads\nb,2024-01-20T00:00:00Z,\nb,2024-02-15T00:00:00Z,ads\nc,2024-02-01T00:00:00Z,ads\n',
    );
    const spec: MatrixSpec = { input: { activity }, cohort: ['source'], asOf: '2024-04-01T00:00:00Z' };
    const r = await viaSql(spec);
    expect(r.cohorts.attributes[0].values).toEqual(['ads', 'organic', null]);
    expect(Array.from(r.cohorts.size)).toEqual([1, 1, 1]);
    expect(matrixDifferences(await matrix(spec), r)).toEqual([]);
  });

  it('leaves activity after as-of and filtered rows out of the first activity', async () => {
    const activity = csv('asof.csv', 'id,time,source,kind\na,2024-01-05T00:00:00Z,organic,test\na,2024-02-10T00:00:00Z,ads,real\nb,2024-05-01T00:00:00Z,ads,real\nb,2024-03-01T00:00:00Z,referral,real\n');
    const spec: MatrixSpec = { input: { activity }, cohort: ['month', 'source'], where: ['kind = real'], asOf: '2024-04-01T00:00:00Z' };
    const r = await viaSql(spec);
    expect(r.cohorts.attributes[0].values).toEqual(['ads', 'referral']);
    expect(matrixDifferences(await matrix(spec), r)).toEqual([]);
  });

  const CASES: [string, Omit<MatrixSpec, 'input'>][] = [
    ['source alone, first activity, Europe/Berlin', { cohort: ['source'], anchor: 'first-activity', tz: 'Europe/Berlin' }],
    ['month x source x plan (customers), weekly, Berlin', { cohort: ['month', 'source', 'plan'], period: 'week', anchor: 'first-activity', tz: 'Europe/Berlin' }],
    ['source from signup (customers without activity: none)', { cohort: ['source'], columns: { signup: 'signup' }, tz: 'Europe/Berlin' }],
    ['device x source, elapsed days, revenue', { cohort: ['device', 'source'], anchor: 'first-activity', offsets: 'elapsed', period: 'day', maxOffset: 30, mode: 'revenue', columns: { amount: 'amount' } }],
    ['source, survival inferred after 30 days', { cohort: ['source'], anchor: 'first-activity', mode: 'survival', inactiveAfter: '30d' }],
  ];
  it('runs on data where values change over a customer\'s life and file order is not time order', () => {
    const rows = readFileSync(files.activity, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const sources = new Map<string, Set<string>>();
    let unordered = 0;
    const last = new Map<string, string>();
    for (const [id, time, , source] of rows) {
      sources.set(id, (sources.get(id) ?? new Set()).add(source));
      if ((last.get(id) ?? '') > time) ++unordered;
      last.set(id, time);
    }
    expect([...sources.values()].filter((s) => s.size > 1).length).toBeGreaterThan(30);
    expect(unordered).toBeGreaterThan(100);
  });

  it.each(CASES)('gives the memory engine\'s matrix: %s', async (_name, spec) => {
    const full: MatrixSpec = { ...spec, input: files };
    const mem = await matrix(full);
    expect(mem.cohorts.count).toBeGreaterThan(2);
    expect(matrixDifferences(mem, await viaSql(full))).toEqual([]);
  });
});

describe('executeSurvivalSql and executeCrrSql with groups of the activity table', () => {
  const CASES: [string, Omit<SurvivalSpec & CrrSpec, 'input'>][] = [
    ['by source, churn inferred after 40 days, Europe/Berlin', { by: ['source'], inactiveAfter: '40d', tz: 'Europe/Berlin' }],
    ['by source x plan, signup anchor, inferred churn', { by: ['source', 'plan'], columns: { signup: 'signup' }, inactiveAfter: '30d' }],
  ];
  it.each(CASES)('gives the memory engine\'s curves and CRR: %s', async (_name, spec) => {
    const mem = await survival({ ...spec, input: files });
    expect(mem.groups.length).toBeGreaterThan(2);
    const src = await describeSources(conn, files);
    const s = await executeSurvivalSql(conn, normalizeSurvival({ ...spec, input: files }, sqlSchema(src)), src);
    expect(survivalDifferences(mem, s)).toEqual([]);
    const memC = await crr({ ...spec, period: 'month', input: files });
    const c = await executeCrrSql(conn, normalizeCrr({ ...spec, period: 'month', input: files }, sqlSchema(src)), src);
    expect(crrDifferences(memC, c)).toEqual([]);
  });
});
