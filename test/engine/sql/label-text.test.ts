import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { crrOnEngine, matrixOnEngine, reasonsOnEngine, survivalOnEngine, valueOnEngine } from '../../../src/api/engines.js';
import { crr } from '../../../src/api/crr.js';
import { matrix } from '../../../src/api/matrix.js';
import { reasons } from '../../../src/api/reasons.js';
import { survival } from '../../../src/api/survival.js';
import { value } from '../../../src/api/value.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { matrixDifferences } from './same-matrix.js';
import { reasonsDifferences, valueDifferences } from './same-outcomes.js';

// A blank text ('', or a quoted "  " or tab) in a customers-table label column (a cohort or
// --by attribute) is a missing value on DuckDB, as in memory: b and f are with e (no
// channel), never a "  " cohort of their own (before: DuckDB made one; 1357560 fixed it for
// activity attributes and compare's --by only).

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-labels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const customers = path.join(dir, 'cus.csv');
writeFileSync(
  customers,
  'id,signup,churn,channel,status,reason,revenue\n' +
    'a,2024-01-05,2024-03-01,ads,Churned,Price,10\n' +
    'b,2024-01-20,,"  ",Stayed,,5\n' +
    'c,2024-02-01,,ads,Stayed,,7\n' +
    'd,2024-02-10,2024-05-01,seo,Churned,"  ",3\n' +
    'e,2024-02-11,,,Stayed,,2\n' +
    'f,2024-03-02,2024-04-01,"\t",Churned,Support,4\n',
);
const activity = path.join(dir, 'act.csv');
writeFileSync(activity, 'id,time\na,2024-01-06\nb,2024-02-21\nc,2024-03-02\nd,2024-04-11\ne,2024-02-12\nf,2024-03-03\n');

const columns = { id: 'id', signup: 'signup', churn: 'churn' };

describe('labelText: blank customers-table labels are missing, memory = DuckDB', () => {
  it('survival and crr --by channel', async () => {
    const spec = { input: { customers }, columns, by: ['channel'] };
    const mem = await survival(spec);
    expect(mem.groups.map((g) => g.key.channel)).toEqual(['ads', 'seo', null]);
    expect(survivalDifferences(mem, await survivalOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
    expect(crrDifferences(await crr(spec), await crrOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
  });

  it('matrix --cohort channel and month x channel', async () => {
    for (const cohort of [['channel'], ['month', 'channel']]) {
      const spec = { input: { customers, activity }, columns: { ...columns, time: 'time' }, cohort };
      expect(matrixDifferences(await matrix(spec), await matrixOnEngine(spec, { engine: 'duckdb' })), cohort.join()).toEqual([]);
    }
  });

  it('reasons and value by channel', async () => {
    const spec = { input: { customers }, columns: { id: 'id' }, event: 'status=Churned', reason: 'reason', by: ['channel'] };
    expect(reasonsDifferences(await reasons(spec), await reasonsOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
    const v = { input: { customers }, columns: { id: 'id' }, event: 'status=Churned', value: 'revenue', by: ['channel'] };
    expect(valueDifferences(await value(v), await valueOnEngine(v, { engine: 'duckdb' }))).toEqual([]);
  });
});

describe('valueText: number labels as the memory engine writes them (String(v)), memory = DuckDB', () => {
  it('a Parquet DOUBLE label column (1e-7, 0.00001, 1e21, 1234567.5) and a CSV one with spaces around its numbers (" 1.5")', async () => {
    const labels = path.join(dir, 'labels.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const rows = ['1e-7', '0.00001', '1e21', '1234567.5', '1e-7', '2.5e-5'].map((v, i) => `('c${i}', TIMESTAMP '2024-0${1 + (i % 3)}-05 10:00:00', ${v}::DOUBLE)`);
    await conn.run(`COPY (SELECT * FROM (VALUES ${rows.join(', ')}) t(id, time, lab)) TO '${labels}' (FORMAT PARQUET)`);
    conn.closeSync();
    db.closeSync();
    const padded = path.join(dir, 'padded.csv');
    writeFileSync(padded, 'id,time,lab\na,2024-01-05, 1.5\nb,2024-01-06,2.5\nc,2024-02-01,1.5\nd,2024-02-10,2.5 \n');
    for (const activity of [labels, padded]) {
      const spec = { input: { activity }, columns: { id: 'id', time: 'time' }, cohort: ['lab'] };
      const mem = await matrix(spec);
      expect(matrixDifferences(mem, await matrixOnEngine(spec, { engine: 'duckdb' })), activity).toEqual([]);
    }
    const spec = { input: { activity: labels }, columns: { id: 'id', time: 'time' }, cohort: ['lab'] };
    expect((await matrix(spec)).cohorts.attributes[0].values).toEqual(['1e-7', '0.00001', '0.000025', '1234567.5', '1e+21']);
  });
});
