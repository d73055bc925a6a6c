import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matrixOnEngine, survivalOnEngine } from '../../../src/api/engines.js';
import { matrix } from '../../../src/api/matrix.js';
import { survival } from '../../../src/api/survival.js';
import { survivalDifferences } from './same-churn.js';
import { matrixDifferences } from './same-matrix.js';

// A --time column of small whole numbers below 0 too (-3 to 72: a balance, an offset) is no
// time on memory nor DuckDB (numbersNotTimes, the one rule): before, both read it as epoch
// seconds of 1969-12-31 and 1970-01-01.

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-small-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readSpecTimes: small whole numbers are no times, memory = DuckDB', () => {
  it('refuses -3 to 72 as a time column, naming the column', async () => {
    const activity = path.join(dir, 'act.csv');
    writeFileSync(activity, 'id,t\na,-3\na,10\nb,72\nc,0\n');
    const spec = { input: { activity }, columns: { id: 'id', time: 't' } };
    await expect(matrix(spec)).rejects.toMatchObject({ code: 'smallNumbersNotTimes', column: 't' });
    await expect(matrixOnEngine(spec, { engine: 'duckdb' })).rejects.toMatchObject({ code: 'smallNumbersNotTimes', column: 't' });
  });

  // Before: the range quoted was -max|v| to max|v| on both engines ("-999 to 999" for -999..50).
  it('smallNumbersNotTimes quotes the real min and max of the column (-999 to 50), not max |v|', async () => {
    const activity = path.join(dir, 'neg.csv');
    writeFileSync(activity, 'id,t\na,-999\na,10\nb,50\nc,0\n');
    const spec = { input: { activity }, columns: { id: 'id', time: 't' } };
    const want = /column "t": the column holds only whole numbers, -999 to 50, not times/;
    await expect(matrix(spec)).rejects.toThrow(want);
    await expect(matrixOnEngine(spec, { engine: 'duckdb' })).rejects.toThrow(want);
  });
});

// YYYYMMDD numbers: the SQL of a time repeated the number dozens of times (the day check the
// probe had already made, and the generic days-from-civil), and a survival query over a
// signup and a churn column of them never returned on DuckDB (a 4-row matrix took 22 s).
describe('readSpecTimes: YYYYMMDD numbers, memory = DuckDB, in seconds', () => {
  it('survival over YYYYMMDD signup and churn columns, and a matrix over a YYYYMMDD time', async () => {
    const customers = path.join(dir, 'ymd-customers.csv');
    writeFileSync(customers, 'id,signup,churn\na,20240101,20240301\nb,20240105,20240401\nc,20240110,\nd,20240201,20240501\n');
    const activity = path.join(dir, 'ymd-activity.csv');
    writeFileSync(activity, 'id,t\na,20240105\nb,20240206\na,20240301\nc,20240305\n');
    for (const tz of ['UTC', 'America/New_York']) {
      const s = { input: { customers }, columns: { id: 'id', signup: 'signup', churn: 'churn' }, tz };
      const mem = await survival(s);
      expect(mem.report.customers.churned).toBe(3);
      expect(survivalDifferences(mem, await survivalOnEngine(s, { engine: 'duckdb' }))).toEqual([]);
      const m = { input: { activity }, columns: { id: 'id', time: 't' }, tz };
      expect(matrixDifferences(await matrix(m), await matrixOnEngine(m, { engine: 'duckdb' }))).toEqual([]);
    }
  }, 120_000);
});
