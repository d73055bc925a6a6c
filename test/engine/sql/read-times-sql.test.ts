import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixOnEngine, survivalOnEngine } from '../../../src/api/engines.js';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import { survival, survivalAnalysis } from '../../../src/api/survival.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import { csvTable, type TestTable } from './load-tables.js';
import { onEngine } from './same-on-engines.js';
import { HAS_CH, HAS_PG, startTestServers, type TestServers } from './test-engines.js';
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

// A YYYYMMDD column with one bad value (a typo 20230230, 99990230, 0 or 99999999 for "never"):
// before, memory, DuckDB and PostgreSQL read the whole column as epoch seconds of 1970
// (a matrix of one cohort 1970-08, exit 0; a churn column failed with "no customer is left
// to compute: ... a churn time before their signup"). Now every engine refuses it, naming
// the column, the value and (memory, DuckDB, PostgreSQL) its row.
describe('readSpecTimes: YYYYMMDD numbers with a bad value are refused (ymdExceptRows), memory = DuckDB = PostgreSQL', () => {
  const engines: { name: string; conn: SqlConnection }[] = [];
  const tables: Record<string, TestTable> = {};
  let servers: TestServers | undefined;
  const bads = ['99990230', '20230230', '0', '00000000', '99999999'];
  const put = (name: string, header: string, lines: string[], cols: TestTable['columns']): void => {
    tables[name] = csvTable(dir, name, header, lines, cols);
  };

  beforeAll(async () => {
    chmodSync(dir, 0o755);
    bads.forEach((bad, k) => {
      put(`xact${k}`, 'id,t', ['a,20230105', 'a,20230210', 'b,20230120', `b,${bad}`, 'c,20230201'], { id: 'text', t: bad.startsWith('00') ? 'text' : 'number' });
      put(`xcus${k}`, 'id,signup,churn', ['a,20230101,20230115', `b,20230105,${bad}`, 'c,20230110,20230301', 'd,20230201,', 'e,20230202,20230401'], {
        id: 'text',
        signup: 'number',
        churn: bad.startsWith('00') ? 'text' : 'number',
      });
    });
    put('lowest', 'id,t', ['a,20230301', 'a,20230210', 'b,20230105', 'b,20230230', 'c,20230201'], { id: 'text', t: 'number' });
    put('mixed', 'id,t', ['a,20230105', 'a,1675987200', 'b,20230115', 'b,1677974400', 'c,20230201', 'c,1678974400', 'd,20230202', 'd,1679974400', 'e,1680000000'], { id: 'text', t: 'number' });
    engines.push({ name: 'duckdb', conn: await duckdbConnection() });
    servers = await startTestServers(tables, Object.fromEntries(Object.keys(tables).map((k) => [k, 'id'])), engines);
  }, 300_000);
  afterAll(() => servers?.stop(), 120_000);

  const refused = async (run: Promise<unknown>, what: string, want: string[]): Promise<void> => {
    const err = await run.then(() => undefined, (e: unknown) => e as { code?: string; message?: string });
    expect(err?.code, `${what}: ${err?.message ?? 'no error'}`).toBe('ymdExceptRows');
    for (const w of want) expect(err?.message, what).toContain(w);
  };

  it('an activity time column and a churn column, with each bad value, on every engine', async () => {
    expect(engines.map((e) => e.name)).toEqual(['duckdb', ...(HAS_PG ? ['postgres'] : []), ...(HAS_CH ? ['clickhouse'] : [])]);
    for (const [k, bad] of bads.entries()) {
      // Memory reads 00000000 as the number 0 (the CSV types the column as numbers).
      const shown = (engine: string) => (engine === 'memory' && bad === '00000000' ? '0' : bad);
      const act = { columns: { id: 'id', time: 't' } };
      const cus = { columns: { id: 'id', signup: 'signup', churn: 'churn' } };
      await refused(matrix({ ...act, input: { activity: tables[`xact${k}`].file } }), `memory activity ${bad}`, [
        `xact${k}.csv, column "t": the activity time column (columns.time) reads as YYYYMMDD dates (4 of 5 values, such as "20230105") except row 4: "${shown('memory')}"`,
        'dateFormat YYYYMMDD to read the dates: the other values are then rejects',
      ]);
      // In a churn column 0, 00000000 and 99999999 are "never" (never-churn-sql.test.ts): only the others are refused there.
      const churnBad = !['0', '00000000', '99999999'].includes(bad);
      if (churnBad) await refused(survival({ ...cus, input: { customers: tables[`xcus${k}`].file } }), `memory churn ${bad}`, [
        `xcus${k}.csv, column "churn": the churn column (columns.churn) reads as YYYYMMDD dates (3 of 4 values, such as "20230115") except row 2: "${shown('memory')}"`,
        // Before: it led with "Pass dateFormat YYYYMMDD ... the other values are then rejects", which drops those customers.
        'Correct or blank it: a blank churn reads as not churned',
        'dateFormat YYYYMMDD would make it a reject, its customer left out of the analysis',
      ]);
      for (const e of engines) {
        const file = (t: string) => (e.name === 'duckdb' ? tables[t].file : t);
        const label = (t: string) => (e.name === 'duckdb' ? `${t}.csv` : t);
        // ClickHouse tables have no row order: the value without its row.
        const row = (n: number) => (e.name === 'clickhouse' ? '' : `row ${n}: `);
        await refused(onEngine(e.conn, matrixAnalysis, { ...act, input: { activity: file(`xact${k}`) } }), `${e.name} activity ${bad}`, [
          `${label(`xact${k}`)}, column "t": the activity time column (columns.time) reads as YYYYMMDD dates (4 of 5 values, such as "20230105") except ${row(4)}"${bad}"`,
          `the ${e.name} engine reads a YYYYMMDD column only when every value reads`,
        ]);
        if (churnBad) await refused(onEngine(e.conn, survivalAnalysis, { ...cus, input: { customers: file(`xcus${k}`) } }), `${e.name} churn ${bad}`, [
          `${label(`xcus${k}`)}, column "churn": the churn column (columns.churn) reads as YYYYMMDD dates (3 of 4 values, such as "20230115") except ${row(2)}"${bad}"`,
          'Correct or blank it: a blank churn reads as not churned',
        ]);
      }
    }
    // The example date is the lowest on every engine (before, memory quoted the first in row order: "20230301").
    const example = { columns: { id: 'id', time: 't' } };
    await expect(matrix({ ...example, input: { activity: tables.lowest.file } })).rejects.toThrow('such as "20230105"');
    for (const e of engines) {
      const input = { activity: e.name === 'duckdb' ? tables.lowest.file : 'lowest' };
      await expect(onEngine(e.conn, matrixAnalysis, { ...example, input }), e.name).rejects.toThrow('such as "20230105"');
    }
    // 4 dates beside 5 epoch seconds of 2023 (h49.csv): before, cohort 1970-08 on memory and DuckDB.
    const mixed = { columns: { id: 'id', time: 't' }, asOf: '2023-06-01' };
    const want = (row: string) => `the time column mixes YYYYMMDD dates (${row}"20230105") and epoch seconds (${row.replace('1', '2')}"1675987200")`;
    await expect(matrix({ ...mixed, input: { activity: tables.mixed.file } })).rejects.toThrow(want('row 1: '));
    for (const e of engines) {
      const input = { activity: e.name === 'duckdb' ? tables.mixed.file : 'mixed' };
      await expect(onEngine(e.conn, matrixAnalysis, { ...mixed, input }), e.name).rejects.toThrow(want(e.name === 'clickhouse' ? '' : 'row 1: '));
    }
    // The way out the message names for real epoch seconds: --date-format EPOCH-S reads them as such, memory = DuckDB.
    const m = { input: { activity: tables.xact0.file }, columns: { id: 'id', time: 't' }, dateFormat: 'EPOCH-S' as const };
    const mem = await matrix(m);
    expect(mem.cohorts.label).toEqual(['1970-08']);
    expect(matrixDifferences(mem, await matrixOnEngine(m, { engine: 'duckdb' }))).toEqual([]);
  }, 300_000);
});
