import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crr, crrAnalysis } from '../../../src/api/crr.js';
import { crrOnEngine, matrixOnEngine, survivalOnEngine } from '../../../src/api/engines.js';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import { survival, survivalAnalysis } from '../../../src/api/survival.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import type { CrrResult } from '../../../src/result/crr-table.js';
import type { MatrixResult } from '../../../src/result/matrix-result.js';
import type { SurvivalResult } from '../../../src/result/survival-result.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import { csvTable, type TestTable } from './load-tables.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { matrixDifferences } from './same-matrix.js';
import { onEngine, sameOnEngines } from './same-on-engines.js';
import { startTestServers, type TestServers } from './test-engines.js';

// A churn time of 9999-12-31 is the "never" of exports: read as no churn (censored at an
// as-of from the real data), in memory and on DuckDB alike, in UTC and in New York, whatever
// form the sentinel takes. Before: memory took 10000-01-01 as the as-of and counted b as
// churned; DuckDB failed on that as-of.

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-never-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Customers a..d, b's churn `never`; the other times dates, or instants when `never` has an offset. */
function customers(never: string): string {
  const file = path.join(dir, `c${never.replace(/\W/g, '')}.csv`);
  const z = never.endsWith('Z') ? 'T00:00:00Z' : '';
  const lines = ['id,signup,churn', `a,2024-01-05${z},2024-03-01${z}`, `b,2024-01-20${z},${never}`, `c,2024-02-01${z},`, `d,2024-02-10${z},2024-05-01${z}`];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
const activity = path.join(dir, 'activity.csv');
writeFileSync(activity, 'id,time\na,2024-01-06\nb,2024-02-21\nc,2024-03-02\nd,2024-04-11\n');

const columns = { id: 'id', signup: 'signup', churn: 'churn' };

describe('readNeverChurn: a churn in the year 9999 is no churn, memory = DuckDB', () => {
  const cases = [['9999-12-31', 'UTC'], ['9999-12-31', 'America/New_York'], ['9999-12-31 23:59:59', 'UTC']];
  for (const [never, tz] of cases) {
    it(`survival, crr and the survival matrix with churn ${never} in ${tz}`, async () => {
      const file = customers(never);
      const spec = { input: { customers: file }, columns, tz };
      const mem = await survival(spec);
      // As-of: the end of the latest real day (d's churn, 1 May 2024); b is censored.
      expect(new Date(mem.asOf!).toISOString().slice(0, 10)).toBe('2024-05-02');
      expect(mem.report.customers.churned).toBe(2);
      expect(mem.report.customers.censored).toBe(2);
      expect(survivalDifferences(mem, await survivalOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
      const c = await crr(spec);
      expect(crrDifferences(c, await crrOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
      const m = { input: { customers: file, activity }, columns: { ...columns, time: 'time' }, tz, mode: 'survival' as const, anchor: 'signup' as const, cohort: ['month'] };
      expect(matrixDifferences(await matrix(m), await matrixOnEngine(m, { engine: 'duckdb' }))).toEqual([]);
    });
  }

  it('reads an instant 9999-12-31T00:00:00Z as never in New York too (9999-12-30 there)', async () => {
    const spec = { input: { customers: customers('9999-12-31T00:00:00Z') }, columns, tz: 'America/New_York' };
    const mem = await survival(spec);
    expect(mem.report.customers.churned).toBe(2);
    expect(survivalDifferences(mem, await survivalOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
  });
});

// A YYYYMMDD churn column with the sentinel 99991231 (20230115, 99991231, 20230301): before,
// 99991231 was no YYYYMMDD date (1900-2100 only), so memory and DuckDB read the whole column
// as epoch seconds of 1970 and survival used 1 customer of 4. Now 9999MMDD is YYYYMMDD, and
// "never" in a churn column, on memory, DuckDB, PostgreSQL and ClickHouse alike.
describe('readNeverChurn: a YYYYMMDD churn of 99991231 is no churn, memory = DuckDB = PostgreSQL = ClickHouse', () => {
  const engines: { name: string; conn: SqlConnection }[] = [];
  const tables: Record<string, TestTable> = {};
  let servers: TestServers | undefined;
  const put = (name: string, header: string, lines: string[], cols: TestTable['columns']): void => {
    tables[name] = csvTable(dir, name, header, lines, cols);
  };

  beforeAll(async () => {
    chmodSync(dir, 0o755);
    put('ycus', 'id,signup,churn', ['a,20230101,20230115', 'b,20230105,99991231', 'c,20230110,20230301', 'd,20230201,'], { id: 'text', signup: 'number', churn: 'number' });
    put('yact', 'id,t', ['a,20230105', 'b,20230210', 'c,20230205', 'd,20230215', 'b,20230320'], { id: 'text', t: 'number' });
    // Year-9999 signup and activity times: YYYYMMDD numbers, and dates as text (DuckDB's sniffer types them DATE).
    put('ycus9', 'id,signup,churn', ['a,20230101,20230115', 'b,99991231,', 'c,20230110,20230301'], { id: 'text', signup: 'number', churn: 'number' });
    put('yact9', 'id,t', ['a,20230105', 'b,99991231', 'c,20230205'], { id: 'text', t: 'number' });
    put('dcus9', 'id,signup,churn', ['a,2023-01-01,2023-01-15', 'b,9999-12-31,', 'c,2023-01-10,2023-03-01'], { id: 'text', signup: 'text', churn: 'text' });
    put('dact9', 'id,t', ['a,2023-01-05', 'b,9999-12-31', 'c,2023-02-05'], { id: 'text', t: 'text' });
    // Epoch ms and Excel serials of 9999-12-31.
    put('eact9', 'id,t', ['a,1672876800000', 'b,253402214400000', 'c,1675555200000'], { id: 'text', t: 'number' });
    put('xact9', 'id,t', ['a,44931', 'b,2958465', 'c,44962'], { id: 'text', t: 'number' });
    // Every signup in the year 9999.
    put('yall9', 'id,signup,churn', ['a,99991231,', 'b,99991231,'], { id: 'text', signup: 'number', churn: 'number' });
    put('dall9', 'id,signup,churn', ['a,9999-12-31,', 'b,9999-12-31,'], { id: 'text', signup: 'text', churn: 'text' });
    // YYYYMMDD churn dates with 0, 00000000 or 99999999 for "never" (5 of 7), and a signup column mostly 0.
    for (const [name, never] of [['pcus0', '0'], ['pcus00', '00000000'], ['pcus9', '99999999']]) {
      const rows = ['a,20230105,N', 'b,20230115,20230301', 'c,20230201,N', 'd,20230202,N', 'e,20230210,N', 'f,20230111,20230401', 'g,20230112,N'];
      put(name, 'id,signup,churn', rows.map((r) => r.replace('N', never)), { id: 'text', signup: 'number', churn: never === '00000000' ? 'text' : 'number' });
    }
    put('psig0', 'id,signup,churn', ['a,0,', 'b,20230301,', 'c,0,', 'd,0,', 'e,0,', 'f,20230401,', 'g,0,'], { id: 'text', signup: 'number', churn: 'number' });
    engines.push({ name: 'duckdb', conn: await duckdbConnection() });
    servers = await startTestServers(tables, Object.fromEntries(Object.keys(tables).map((k) => [k, 'id'])), engines);
    // On PostgreSQL the dates typed as times too (ClickHouse's DateTime ends in 2106: none there).
    const pg = engines.find((e) => e.name === 'postgres');
    await pg?.conn.query('CREATE TABLE tcus9 AS SELECT id, CAST(signup AS timestamptz) AS signup, CAST(churn AS timestamptz) AS churn FROM dcus9');
    await pg?.conn.query('CREATE TABLE tact9 AS SELECT id, CAST(t AS date) AS t FROM dact9');
  }, 300_000);
  afterAll(() => servers?.stop(), 120_000);

  it('survival, crr and the survival matrix over YYYYMMDD signup and churn columns', async () => {
    const same = sameOnEngines(engines, tables);
    const spec = { columns };
    const { memory } = await same({ customers: 'ycus' }, spec, survival, survivalAnalysis, survivalDifferences);
    expect(memory.report.customers).toMatchObject({ used: 4, churned: 2, censored: 2 });
    // As-of: the end of the latest real day (c's churn, 1 March 2023), not of 9999-12-31.
    expect(new Date(memory.asOf!).toISOString().slice(0, 10)).toBe('2023-03-02');
    await same({ customers: 'ycus' }, spec, crr, crrAnalysis, crrDifferences);
    const m = { columns: { ...columns, time: 't' }, mode: 'survival' as const, anchor: 'signup' as const, cohort: ['month'] };
    const mat = await same({ customers: 'ycus', activity: 'yact' }, m, matrix, matrixAnalysis, matrixDifferences);
    expect(Array.from(mat.memory.cohorts.size).reduce((s, x) => s + x, 0)).toBe(4);
  }, 300_000);

  // Before: 5 of 7 values 0 were under half dates, so the column read as epoch seconds of
  // 1970 on every engine ("no customer is left to compute ... 7 with a churn time before their signup").
  it('readProbed, numberScale: a YYYYMMDD churn column with 0, 00000000 or 99999999 for "never" reads those as not churned', async () => {
    const same = sameOnEngines(engines, tables);
    for (const name of ['pcus0', 'pcus00', 'pcus9']) {
      const { memory } = await same({ customers: name }, { columns, asOf: '2023-06-01' }, survival, survivalAnalysis, survivalDifferences);
      expect(memory.report.customers, name).toMatchObject({ used: 7, churned: 2, censored: 5 });
      await same({ customers: name }, { columns, asOf: '2023-06-01' }, crr, crrAnalysis, crrDifferences);
    }
  }, 300_000);

  it('numberScale, readProbed: a signup column mostly 0 is refused as YYYYMMDD with bad values (ymdExceptRows), not read as 1970', async () => {
    const spec = { columns, asOf: '2023-06-01' };
    await expect(survival({ input: { customers: tables.psig0.file }, ...spec })).rejects.toMatchObject({ code: 'ymdExceptRows', column: 'signup' });
    for (const e of engines) {
      const input = { customers: e.name === 'duckdb' ? tables.psig0.file : 'psig0' };
      await expect(onEngine(e.conn, survivalAnalysis, { input, ...spec }), e.name).rejects.toMatchObject({ code: 'ymdExceptRows' });
    }
  }, 300_000);

  const refused = async (run: Promise<unknown>, what: string, table: string, column: string, value: string): Promise<void> => {
    const err = await run.then(() => undefined, (e: unknown) => e as { code?: string; message?: string });
    expect(err?.code, `${what}: ${err?.message ?? 'no error'}`).toBe('neverTime');
    expect(err?.message, what).toContain(`${table}`);
    expect(err?.message, what).toContain(`column "${column}": "${value}" is a date in the year 9999`);
  };
  const act = { id: 'id', time: 't' };
  const fileOrTable = (engine: string, name: string): string => (engine === 'duckdb' ? tables[name].file : name);
  const shown = (engine: string, name: string): string => (engine === 'duckdb' ? `${name}.csv` : name);

  // Before: memory read them as times (a matrix of ~95,000 months, an as-of in the year
  // 10000); DuckDB failed with its own words ("Conversion Error: invalid timestamp field format").
  it('refuseNeverTime: without --as-of a year-9999 signup or activity time is refused on every engine, naming the file, the column and the value', async () => {
    for (const [name, value, textual] of [['yact9', '99991231', false], ['dact9', '9999-12-31', true]] as const) {
      await refused(matrix({ input: { activity: tables[name].file }, columns: act }), `memory ${name}`, `${name}.csv, row 2`, 't', value);
      for (const e of engines) {
        // ClickHouse holds no time of the year 9999 (its times end in 2106): its date texts are not read.
        if (textual && e.name === 'clickhouse') continue;
        await refused(onEngine(e.conn, matrixAnalysis, { input: { activity: fileOrTable(e.name, name) }, columns: act }), `${e.name} ${name}`, shown(e.name, name), 't', value);
      }
    }
    // Epoch ms and Excel serials too (ClickHouse read them past its range, unrefused).
    for (const [name, value, dateFormat] of [['eact9', '253402214400000', undefined], ['xact9', '2958465', 'EXCEL']] as const) {
      await refused(matrix({ input: { activity: tables[name].file }, columns: act, dateFormat }), `memory ${name}`, `${name}.csv, row 2`, 't', value);
      for (const e of engines) {
        await refused(onEngine(e.conn, matrixAnalysis, { input: { activity: fileOrTable(e.name, name) }, columns: act, dateFormat }), `${e.name} ${name}`, shown(e.name, name), 't', value);
      }
    }
    // Also when --where removes the customer (memory's rule: the as-of would be read off the
    // whole column), and when every signup is in 9999 (before "no customers" on SQL).
    for (const [name, value, textual, where, row] of [
      ['ycus9', '99991231', false, [], 2], ['dcus9', '9999-12-31', true, [], 2],
      ['ycus9', '99991231', false, ['signup < 2024-01-01'], 2], ['dcus9', '9999-12-31', true, ['signup < 2024-01-01'], 2],
      ['yall9', '99991231', false, [], 1], ['dall9', '9999-12-31', true, [], 1],
    ] as const) {
      const what = `${name} ${where.join()}`;
      await refused(survival({ input: { customers: tables[name].file }, columns, where: [...where] }), `memory ${what}`, `${name}.csv, row ${row}`, 'signup', value);
      await refused(crr({ input: { customers: tables[name].file }, columns, where: [...where] }), `memory crr ${what}`, `${name}.csv, row ${row}`, 'signup', value);
      for (const e of engines) {
        if (textual && e.name === 'clickhouse') continue;
        const input = { customers: fileOrTable(e.name, name) };
        await refused(onEngine(e.conn, survivalAnalysis, { input, columns, where: [...where] }), `${e.name} ${what}`, shown(e.name, name), 'signup', value);
        await refused(onEngine(e.conn, crrAnalysis, { input, columns, where: [...where] }), `${e.name} crr ${what}`, shown(e.name, name), 'signup', value);
        const m = { input: { customers: input.customers, activity: fileOrTable(e.name, 'yact') }, columns: { ...columns, time: 't' }, anchor: 'signup' as const, where: [...where] };
        await refused(onEngine(e.conn, matrixAnalysis, m), `${e.name} matrix ${what}`, shown(e.name, name), 'signup', value);
      }
    }
    const pg = engines.find((e) => e.name === 'postgres');
    if (pg) {
      await refused(onEngine(pg.conn, survivalAnalysis, { input: { customers: 'tcus9' }, columns }), 'postgres timestamptz', 'tcus9', 'signup', '9999-12-31 00:00:00+00');
      await refused(onEngine(pg.conn, matrixAnalysis, { input: { activity: 'tact9' }, columns: act }), 'postgres date', 'tact9', 't', '9999-12-31');
    }
  }, 300_000);

  // cd716fb refused them even with --as-of, breaking runs that worked (the corpus case date-far).
  it('with --as-of a year-9999 activity time is left out as after it, a year-9999 signup signed up after it: memory = DuckDB = PostgreSQL = ClickHouse, reports too', async () => {
    const asOf = '2023-06-01';
    const matrixCounts = (r: MatrixResult) => {
      const x = r.report;
      return { rows: x.files.map((f) => [f.role, f.rows]), rowsRead: x.rowsRead, rowsUsed: x.rowsUsed, excluded: x.excluded, customers: x.customers, latestActivity: x.latestActivity };
    };
    const churnCounts = (r: SurvivalResult | CrrResult) => [r.report.activity, r.report.customers];
    for (const [a, c, textual] of [['yact9', 'ycus9', false], ['dact9', 'dcus9', true]] as const) {
      const mem = await matrix({ input: { activity: tables[a].file }, columns: act, asOf });
      expect(mem.report.excluded.afterAsOf, a).toBe(1);
      expect(mem.report.latestActivity, a).toBe('9999-12-31T00:00:00.000Z');
      const sig = { columns: { ...columns, time: 't' }, anchor: 'signup' as const, asOf };
      const memSig = await matrix({ input: { customers: tables[c].file, activity: tables.yact.file }, ...sig });
      expect(memSig.report.customers.excluded.afterAsOf, c).toBe(1);
      const memFiltered = await matrix({ input: { customers: tables[c].file, activity: tables.yact.file }, ...sig, where: ['signup < 2024-01-01'] });
      expect(memFiltered.report.customers.excluded).toMatchObject({ afterAsOf: 0, filtered: 1 });
      const memS = await survival({ input: { customers: tables[c].file }, columns, asOf });
      expect(memS.report.customers).toMatchObject({ used: 2, excluded: { anchorAfterAsOf: 1 } });
      const memC = await crr({ input: { customers: tables[c].file }, columns, asOf });
      for (const e of engines) {
        if (textual && e.name === 'clickhouse') continue;
        const what = `${e.name} ${a} ${c}`;
        const m = await onEngine(e.conn, matrixAnalysis, { input: { activity: fileOrTable(e.name, a) }, columns: act, asOf });
        expect(matrixDifferences(mem, m), what).toEqual([]);
        expect(matrixCounts(m), what).toEqual(matrixCounts(mem));
        const input = { customers: fileOrTable(e.name, c), activity: fileOrTable(e.name, 'yact') };
        const ms = await onEngine(e.conn, matrixAnalysis, { input, ...sig });
        expect(matrixDifferences(memSig, ms), what).toEqual([]);
        expect(matrixCounts(ms), what).toEqual(matrixCounts(memSig));
        const mf = await onEngine(e.conn, matrixAnalysis, { input, ...sig, where: ['signup < 2024-01-01'] });
        expect(matrixCounts(mf), what).toEqual(matrixCounts(memFiltered));
        const s = await onEngine(e.conn, survivalAnalysis, { input: { customers: input.customers }, columns, asOf });
        expect(survivalDifferences(memS, s), what).toEqual([]);
        expect(churnCounts(s), what).toEqual(churnCounts(memS));
        const cr = await onEngine(e.conn, crrAnalysis, { input: { customers: input.customers }, columns, asOf });
        expect(crrDifferences(memC, cr), what).toEqual([]);
        expect(churnCounts(cr), what).toEqual(churnCounts(memC));
      }
    }
    // The other forms of 9999-12-31: epoch ms, Excel serials (ClickHouse, whose times end in
    // 2106, read them past its range before: its latest activity was 2106-01-28).
    for (const [a, dateFormat] of [['eact9', undefined], ['xact9', 'EXCEL']] as const) {
      const mem = await matrix({ input: { activity: tables[a].file }, columns: act, asOf, dateFormat });
      expect(mem.report.excluded.afterAsOf, a).toBe(1);
      for (const e of engines) {
        const m = await onEngine(e.conn, matrixAnalysis, { input: { activity: fileOrTable(e.name, a) }, columns: act, asOf, dateFormat });
        expect(matrixDifferences(mem, m), `${e.name} ${a}`).toEqual([]);
        expect(matrixCounts(m), `${e.name} ${a}`).toEqual(matrixCounts(mem));
      }
    }
    // Every signup after the as-of: no customers on every engine (not the refusal of some).
    const noCustomers = async (run: Promise<unknown>, what: string): Promise<void> => {
      const err = await run.then(() => undefined, (e: unknown) => e as { code?: string; message?: string });
      expect(err?.code, `${what}: ${err?.message ?? 'no error'}`).toBe('noCustomers');
    };
    for (const [name, textual] of [['yall9', false], ['dall9', true]] as const) {
      await noCustomers(survival({ input: { customers: tables[name].file }, columns, asOf }), `memory ${name}`);
      for (const e of engines) {
        if (textual && e.name === 'clickhouse') continue;
        await noCustomers(onEngine(e.conn, survivalAnalysis, { input: { customers: fileOrTable(e.name, name) }, columns, asOf }), `${e.name} ${name}`);
      }
    }
  }, 300_000);
});
