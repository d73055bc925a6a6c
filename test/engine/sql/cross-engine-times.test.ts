import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crr, crrAnalysis } from '../../../src/api/crr.js';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import { survival, survivalAnalysis } from '../../../src/api/survival.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { TestTable } from './load-tables.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { matrixDifferences } from './same-matrix.js';
import { onEngine, sameOnEngines } from './same-on-engines.js';
import { HAS_CH, HAS_PG, startTestServers, type TestServers } from './test-engines.js';

// Time columns the database does not type as times, read by the memory engine's rules on
// memory, embedded DuckDB, a real PostgreSQL server and a two-shard ClickHouse cluster:
// epoch seconds and milliseconds, YYYYMMDD numbers, Excel serial days (--date-format
// EXCEL, local days in a zone with DST), a churn column with no value at all; and text
// forms the SQL engines do not parse, refused with a message that names --engine memory.

if (!HAS_PG) console.warn('skipping the PostgreSQL part: no /usr/lib/postgresql/*/bin/pg_ctl (apt-get install postgresql)');
if (!HAS_CH) console.warn('skipping the ClickHouse part: no clickhouse-server binary (apt-get install clickhouse-server)');

let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];
const tables: Record<string, TestTable> = {};

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 3, 10, 0, 0);
const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
/** Customer i signs up on day 9i (+ hours), is active every 23 days for (i % 5) + 1 times, churns at day 9i + 40 when i % 3 = 0. */
const signupMs = (i: number): number => T0 + i * 9 * DAY + (i % 4) * 3_600_000;
const events: [string, number][] = IDS.flatMap((id, i) => Array.from({ length: (i % 5) + 1 }, (_, k): [string, number] => [id, signupMs(i) + k * 23 * DAY + k * 61_000]));
const churnMs = (i: number): number | undefined => (i % 3 === 0 ? signupMs(i) + 40 * DAY : undefined);
/** Excel serial of the UTC day of ms (a whole day). */
const serial = (ms: number): number => Math.floor(ms / DAY) + 25569;
const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
const monthName = (ms: number): string => {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}-${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]}-${d.getUTCFullYear()}`;
};

/** ms as an ISO text in the k-th of a few forms: Z, +02:00, a fraction, -11:00, +0530, +14:00 after a space. */
function zoned(ms: number, k: number): string {
  const [sign, h, m, form] = ([['+', 0, 0, 'Z'], ['+', 2, 0, ':'], ['+', 0, 0, 'Z.'], ['-', 11, 0, ':'], ['+', 5, 30, ''], ['+', 14, 0, ' :']] as const)[k % 6];
  const off = (sign === '+' ? 1 : -1) * (h * 60 + m) * 60_000;
  const wall = new Date(ms + off).toISOString().slice(0, form === 'Z.' ? 23 : 19);
  const hm = `${String(h).padStart(2, '0')}${form.endsWith(':') ? ':' : ''}${String(m).padStart(2, '0')}`;
  return form.startsWith('Z') ? `${wall}Z` : `${wall}${form.startsWith(' ') ? ' ' : ''}${sign}${hm}`;
}

function table(dir: string, name: string, header: string, lines: string[], columns: TestTable['columns']): void {
  const file = path.join(dir, `${name}.csv`);
  writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
  tables[name] = { name, file, columns };
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-xtimes-'));
  chmodSync(dir, 0o755);
  table(dir, 'sact', 'id,t', events.map(([id, ms]) => `${id},${ms / 1000}`), { id: 'text', t: 'number' });
  table(dir, 'msact', 'id,t', events.map(([id, ms]) => `${id},${ms}`), { id: 'text', t: 'number' });
  // Epoch seconds as a text column on the servers (as exports often type them).
  table(dir, 'tact', 'id,t', events.map(([id, ms]) => `${id},${ms / 1000}`), { id: 'text', t: 'text' });
  table(dir, 'xact', 'id,t', events.map(([id, ms]) => `${id},${serial(ms)}`), { id: 'text', t: 'number' });
  // Excel serials with a time of day (a fraction of a day: 0.25 = 06:00).
  table(dir, 'xfact', 'id,t', events.map(([id, ms]) => `${id},${(ms / DAY + 25569).toFixed(6)}`), { id: 'text', t: 'number' });
  table(dir, 'yact', 'id,t', events.map(([id, ms]) => `${id},${ymd(ms)}`), { id: 'text', t: 'number' });
  table(dir, 'mact', 'id,t', events.map(([id, ms]) => `${id},${monthName(ms)}`), { id: 'text', t: 'text' });
  table(dir, 'tmact', 'id,t', events.map(([id, ms]) => `${id},${monthName(ms)} ${new Date(ms).toISOString().slice(11, 16)}`), { id: 'text', t: 'text' });
  table(dir, 'ymact', 'id,t', events.map(([id, ms]) => `${id},${new Date(ms).toISOString().slice(0, 7)}`), { id: 'text', t: 'text' });
  const dmy = (ms: number, order: 'dmy' | 'mdy'): string => {
    const d = new Date(ms);
    const [a, b] = [String(d.getUTCDate()).padStart(2, '0'), String(d.getUTCMonth() + 1).padStart(2, '0')];
    return `${order === 'dmy' ? `${a}/${b}` : `${b}/${a}`}/${d.getUTCFullYear()} ${d.toISOString().slice(11, 16)}`;
  };
  // Day first, with times (some day > 12 decides), and only days <= 12 (ambiguous: DuckDB's sniffer would guess).
  table(dir, 'dact', 'id,t', events.map(([id, ms]) => `${id},${dmy(ms, 'dmy')}`), { id: 'text', t: 'text' });
  table(dir, 'aact', 'id,t', events.filter(([, ms]) => new Date(ms).getUTCDate() <= 12).map(([id, ms]) => `${id},${dmy(ms, 'mdy').slice(0, 10)}`), { id: 'text', t: 'text' });
  // Dotted day-first dates (European exports), and a column mixing ".", "/" and "-" (day first).
  const dotted = (ms: number, sep: string): string => dmy(ms, 'dmy').replace(/\//g, sep);
  table(dir, 'dotact', 'id,t', events.map(([id, ms]) => `${id},${dotted(ms, '.')}`), { id: 'text', t: 'text' });
  table(dir, 'sepact', 'id,t', events.map(([id, ms], k) => `${id},${dotted(ms, ['.', '/', '-'][k % 3]).slice(0, 10)}`), { id: 'text', t: 'text' });
  // A 12-hour clock ("1/25/2024 9:05 PM", as US spreadsheets write it), month first.
  const twelve = (ms: number): string => {
    const d = new Date(ms);
    const h = d.getUTCHours();
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
  };
  table(dir, 'pmact', 'id,t', events.map(([id, ms], k) => `${id},${twelve(ms + (k % 2) * 13 * 3_600_000)}`), { id: 'text', t: 'text' });
  // Activity with rows memory excludes before the as-of: no id (blank, spaces), no time (blank, NULL), and after as-of (dates alone: ClickHouse reads them).
  table(dir, 'xrows', 'id,t', [
    ...events.map(([id, ms]) => `${id},${new Date(ms).toISOString().slice(0, 10)}`),
    ',2024-01-10', '  ,2024-01-11', 'a,', 'b,NULL', 'c,2024-09-01', 'd,2024-08-01',
  ], { id: 'text', t: 'text' });
  // ISO times as text without an offset (a Parquet string column, a PostgreSQL text column): wall clock in --tz.
  table(dir, 'iact', 'id,t', events.map(([id, ms], k) => `${id},${new Date(ms).toISOString().slice(0, k % 2 ? 19 : 23).replace('T', k % 3 ? ' ' : 'T')}`), { id: 'text', t: 'text' });
  const names = ['Jan', 'February', 'Mar.', 'April', 'May', 'June', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
  table(dir, 'nact', 'id,t', events.map(([id, ms]) => { const d = new Date(ms); return `${id},"${names[d.getUTCMonth()]} ${d.getUTCDate()}${d.getUTCDate() % 2 ? ',' : ''} ${d.getUTCFullYear()}"`; }), { id: 'text', t: 'text' });
  table(dir, 'scus', 'id,signup,churned,plan', IDS.map((id, i) => `${id},${signupMs(i) / 1000},${churnMs(i) === undefined ? '' : churnMs(i)! / 1000},${i % 2 ? 'pro' : 'free'}`), {
    id: 'text', signup: 'number', churned: 'number', plan: 'text',
  });
  // Churn as ISO text, with NULL, \N and NaT for the customers who did not churn (database and pandas exports).
  table(dir, 'ncus', 'id,signup,churned', IDS.map((id, i) => `${id},${new Date(signupMs(i)).toISOString()},${churnMs(i) === undefined ? ['NULL', '\\N', 'NaT', ' NULL '][i % 4] : new Date(churnMs(i)!).toISOString().slice(0, 10)}`), {
    id: 'text', signup: 'time', churned: 'text',
  });
  // A churn column nobody churned in: empty on every row (text on the servers: no type to tell).
  table(dir, 'bcus', 'id,signup,churned,plan', IDS.map((id, i) => `${id},${new Date(signupMs(i)).toISOString()},,${i % 2 ? 'pro' : 'free'}`), {
    id: 'text', signup: 'time', churned: 'text', plan: 'text',
  });
  // ISO times with Z or an offset (the same instant written in other zones, some with a
  // fraction), mixed with the NULL tokens of database and pandas exports: DuckDB's sniffer
  // then types the column as text. -11:00 and +14:00 move the written day: an engine that
  // dropped the offset would count other weeks.
  table(dir, 'zact', 'id,t', [...events.map(([id, ms], k) => `${id},${zoned(ms, k)}`), 'a,NULL', 'b,\\N', 'c,NaT', 'd,', 'e, NULL '], { id: 'text', t: 'text' });
  table(dir, 'zcus', 'id,signup,churned', IDS.map((id, i) => `${id},${zoned(signupMs(i), i + 1)},${churnMs(i) === undefined ? ['NULL', '\\N', 'NaT', ''][i % 4] : zoned(churnMs(i)!, i)}`), {
    id: 'text', signup: 'text', churned: 'text',
  });
  // Offsets mixed with times without one (wall clock in --tz): memory reads both, SQL refuses.
  table(dir, 'zmact', 'id,t', events.map(([id, ms], k) => `${id},${k % 2 ? zoned(ms, 0) : new Date(ms).toISOString().slice(0, 19)}`), { id: 'text', t: 'text' });
  engines.push({ name: 'duckdb', conn: await duckdbConnection() });
  const ids = Object.fromEntries(Object.keys(tables).map((k) => [k, 'id']));
  servers = await startTestServers(tables, ids, engines);
}, 300_000);

afterAll(() => servers?.stop(), 120_000);

const same = sameOnEngines(engines, tables);

describe('numeric time columns: memory = DuckDB = PostgreSQL = ClickHouse', () => {
  it.each(['sact', 'msact', 'tact', 'yact'])('matrix over %s (epoch s, epoch ms, epoch s as text, YYYYMMDD)', async (name) => {
    const { memory } = await same({ activity: name }, { columns: { id: 'id', time: 't' } }, matrix, matrixAnalysis, matrixDifferences);
    expect(Array.from(memory.cohorts.size).reduce((s, x) => s + x, 0)).toBe(12);
  }, 300_000);

  it('matrix by week in Europe/Berlin over epoch seconds, with --where on the time as a date', async () => {
    const spec = { columns: { id: 'id', time: 't' }, period: 'week' as const, tz: 'Europe/Berlin', where: ['t >= 2024-02-01'] };
    const { memory } = await same({ activity: 'sact' }, spec, matrix, matrixAnalysis, matrixDifferences);
    // Berlin's 2024-02-01 starts at 23:00 UTC the day before: the rows kept are those after it.
    const kept = new Set(events.filter(([, ms]) => ms >= Date.UTC(2024, 0, 31, 23)).map(([id]) => id));
    expect(Array.from(memory.cohorts.size).reduce((s, x) => s + x, 0)).toBe(kept.size);
    expect(kept.size).toBeLessThan(12);
  }, 300_000);

  it('Excel serial days with date format EXCEL, as local days in Europe/Berlin (across DST)', async () => {
    const { memory } = await same({ activity: 'xact' }, { columns: { id: 'id', time: 't' }, dateFormat: 'excel', tz: 'Europe/Berlin', period: 'week' as const }, matrix, matrixAnalysis, matrixDifferences);
    expect(Array.from(memory.cohorts.size).reduce((s, x) => s + x, 0)).toBe(12);
  }, 300_000);

  it('Excel serials with a time of day: DuckDB and PostgreSQL read them; ClickHouse (dates only) refuses', async () => {
    const spec = { columns: { id: 'id', time: 't' }, dateFormat: 'EXCEL', tz: 'Europe/Berlin', offsets: 'elapsed' as const, period: 'day' as const };
    const mem = await matrix({ input: { activity: tables.xfact.file }, ...spec });
    for (const e of engines) {
      const input = e.name === 'duckdb' ? { activity: tables.xfact.file } : { activity: 'xfact' };
      const run = onEngine(e.conn, matrixAnalysis, { input, ...spec });
      if (e.name === 'clickhouse') await expect(run).rejects.toThrow(/Excel serial days with a time of day .* clickhouse engine does not read; engine memory reads it/);
      else expect(matrixDifferences(mem, await run), e.name).toEqual([]);
    }
  }, 300_000);

  it('survival and CRR with epoch signup and churn columns, and matrix anchored on the epoch signup', async () => {
    const spec = { columns: { id: 'id', signup: 'signup', churn: 'churned' }, by: ['plan'] };
    const { memory } = await same({ customers: 'scus' }, spec, survival, survivalAnalysis, survivalDifferences);
    expect(memory.report.customers).toMatchObject({ used: 12, churned: 4 });
    await same({ customers: 'scus' }, { columns: { id: 'id', signup: 'signup', churn: 'churned' } }, crr, crrAnalysis, crrDifferences);
    await same({ activity: 'sact', customers: 'scus' }, { columns: { id: 'id', time: 't', signup: 'signup' }, cohort: ['month', 'plan'] }, matrix, matrixAnalysis, matrixDifferences);
  }, 300_000);

  it('Excel-like numbers without date format EXCEL: the memory engine\'s message on every engine', async () => {
    const want = /numbers such as "\d+" read as epoch seconds all fall on 1970-01-01 or 1970-01-02; .*EXCEL/;
    await expect(matrix({ input: { activity: tables.xact.file }, columns: { id: 'id', time: 't' } })).rejects.toThrow(want);
    for (const e of engines) {
      const input = e.name === 'duckdb' ? { activity: tables.xact.file } : { activity: 'xact' };
      await expect(onEngine(e.conn, matrixAnalysis, { input, columns: { id: 'id', time: 't' } }), e.name).rejects.toThrow(want);
    }
  }, 300_000);
});

describe('a churn column empty on every row: every customer censored, on every engine', () => {
  it('survival and CRR', async () => {
    const spec = { columns: { id: 'id', signup: 'signup', churn: 'churned' } };
    const { memory } = await same({ customers: 'bcus' }, spec, survival, survivalAnalysis, survivalDifferences);
    expect(memory.report.customers).toMatchObject({ used: 12, churned: 0, censored: 12 });
    await same({ customers: 'bcus' }, spec, crr, crrAnalysis, crrDifferences);
  }, 300_000);
});

describe('date texts: memory = DuckDB = PostgreSQL = ClickHouse (dates alone there); refused where the SQL does not parse them', () => {
  it.each(['mact', 'ymact', 'nact'])('matrix over %s ("05-Jan-2024", "2024-01", "Jan 5, 2024") on memory, DuckDB, PostgreSQL and ClickHouse', async (name) => {
    const onText = engines;
    const mem = await matrix({ input: { activity: tables[name].file }, columns: { id: 'id', time: 't' }, tz: 'Europe/Berlin' });
    for (const e of onText) {
      const input = e.name === 'duckdb' ? { activity: tables[name].file } : { activity: name };
      const r = await onEngine(e.conn, matrixAnalysis, { input, columns: { id: 'id', time: 't' }, tz: 'Europe/Berlin' });
      expect(matrixDifferences(mem, r), e.name).toEqual([]);
    }
    expect(Array.from(mem.cohorts.size).reduce((s, x) => s + x, 0)).toBe(12);
    expect(onText.length).toBe(1 + Number(HAS_PG) + Number(HAS_CH));
  }, 300_000);

  it('day-month dates: the order from the values (or --date-format), never the sniffer\'s guess', async () => {
    const onText = engines.filter((e) => e.name !== 'clickhouse');
    const check = async (name: string, extra: object): Promise<void> => {
      const spec = { columns: { id: 'id', time: 't' }, tz: 'Europe/Berlin', period: 'week' as const, ...extra };
      const mem = await matrix({ input: { activity: tables[name].file }, ...spec });
      for (const e of onText) {
        const input = e.name === 'duckdb' ? { activity: tables[name].file } : { activity: name };
        expect(matrixDifferences(mem, await onEngine(e.conn, matrixAnalysis, { input, ...spec })), `${e.name} ${name}`).toEqual([]);
      }
    };
    await check('dact', {});
    await check('dact', { dateFormat: 'DD/MM/YYYY' });
    await check('aact', { dateFormat: 'mm/dd/yyyy' });
    await check('aact', { dateFormat: 'DD/MM/YYYY' });
    const want = /column "t": dates such as "\d\d\/\d\d\/2024" could be day-first or month-first/;
    await expect(matrix({ input: { activity: tables.aact.file }, columns: { id: 'id', time: 't' } })).rejects.toThrow(want);
    for (const e of onText) {
      const input = e.name === 'duckdb' ? { activity: tables.aact.file } : { activity: 'aact' };
      await expect(onEngine(e.conn, matrixAnalysis, { input, columns: { id: 'id', time: 't' } }), e.name).rejects.toThrow(want);
    }
  }, 300_000);

  it('ISO times held as text (a Parquet string column, a PostgreSQL text column), in Europe/Berlin', async () => {
    const spec = { columns: { id: 'id', time: 't' }, tz: 'Europe/Berlin', period: 'week' as const };
    const mem = await matrix({ input: { activity: tables.iact.file }, ...spec });
    const parquet = tables.iact.file.replace(/\.csv$/, '.parquet');
    const duck = engines[0].conn;
    await duck.query(`COPY (SELECT id, CAST(t AS VARCHAR) AS t FROM read_csv('${tables.iact.file}', header = true, all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    expect(matrixDifferences(mem, await onEngine(duck, matrixAnalysis, { input: { activity: parquet }, ...spec })), 'duckdb').toEqual([]);
    const pg = engines.find((e) => e.name === 'postgres');
    if (pg) expect(matrixDifferences(mem, await onEngine(pg.conn, matrixAnalysis, { input: { activity: 'iact' }, ...spec })), 'postgres').toEqual([]);
  }, 300_000);

  it('--where t >= 2024-02-01 on month-name dates compares dates, not texts ("05-Jan-2024" > "2024-02-01" as text)', async () => {
    const spec = { columns: { id: 'id', time: 't' }, where: ['t >= 2024-02-01'] };
    const mem = await matrix({ input: { activity: tables.mact.file }, ...spec });
    const kept = new Set(events.filter(([, ms]) => ms >= Date.UTC(2024, 1, 1)).map(([id]) => id));
    expect(Array.from(mem.cohorts.size).reduce((s, x) => s + x, 0)).toBe(kept.size);
    for (const e of engines.filter((x) => x.name !== 'clickhouse')) {
      const input = e.name === 'duckdb' ? { activity: tables.mact.file } : { activity: 'mact' };
      expect(matrixDifferences(mem, await onEngine(e.conn, matrixAnalysis, { input, ...spec })), e.name).toEqual([]);
    }
  }, 300_000);

  it('dates with a time of day ("05-Jan-2024 10:00"): memory reads them, every SQL engine refuses them clearly', async () => {
    const m = await matrix({ input: { activity: tables.tmact.file }, columns: { id: 'id', time: 't' } });
    expect(Array.from(m.cohorts.size).reduce((s, x) => s + x, 0)).toBe(12);
    for (const e of engines) {
      const input = e.name === 'duckdb' ? { activity: tables.tmact.file } : { activity: 'tmact' };
      await expect(onEngine(e.conn, matrixAnalysis, { input, columns: { id: 'id', time: 't' } }), e.name).rejects.toThrow(
        /column "t" holds times such as "\d\d-[A-Z][a-z]{2}-2024 \d\d:\d\d" \(text; .*\), which the \w+ engine does not read; engine memory reads it/,
      );
    }
  }, 300_000);
});

describe('day-month dates with dots, mixed separators and 12-hour clocks: memory = DuckDB = PostgreSQL = ClickHouse', () => {
  const sameText = async (name: string, spec: object): Promise<void> => {
    const mem = await matrix({ input: { activity: tables[name].file }, ...spec } as Parameters<typeof matrix>[0]);
    expect(Array.from(mem.cohorts.size).reduce((x, y) => x + y, 0)).toBe(12);
    for (const e of engines) {
      const input = e.name === 'duckdb' ? { activity: tables[name].file } : { activity: name };
      expect(matrixDifferences(mem, await onEngine(e.conn, matrixAnalysis, { input, ...spec } as Parameters<typeof matrix>[0])), `${e.name} ${name} ${JSON.stringify(spec)}`).toEqual([]);
    }
  };

  it('"05.01.2024 10:00" reads day-first with no date format, DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY (ClickHouse: dates alone)', async () => {
    const spec = { columns: { id: 'id', time: 't' }, tz: 'Europe/Berlin', period: 'week' as const };
    const onTimes = engines.filter((e) => e.name !== 'clickhouse');
    for (const dateFormat of [undefined, 'DD/MM/YYYY', 'DD-MM-YYYY', 'DD.MM.YYYY']) {
      const mem = await matrix({ input: { activity: tables.dotact.file }, ...spec, dateFormat });
      expect(Array.from(mem.cohorts.size).reduce((x, y) => x + y, 0)).toBe(12);
      for (const e of onTimes) {
        const input = e.name === 'duckdb' ? { activity: tables.dotact.file } : { activity: 'dotact' };
        expect(matrixDifferences(mem, await onEngine(e.conn, matrixAnalysis, { input, ...spec, dateFormat })), `${e.name} ${dateFormat}`).toEqual([]);
      }
    }
    const ch = engines.find((e) => e.name === 'clickhouse');
    if (ch) {
      await expect(onEngine(ch.conn, matrixAnalysis, { input: { activity: 'dotact' }, ...spec })).rejects.toThrow(
        /column "t" holds times such as "\d\d\.\d\d\.2024 \d\d:\d\d" \(dates with a time of day; .*\), which the clickhouse engine does not read; engine memory reads it/,
      );
    }
  }, 300_000);

  it('a month-first date format refuses dotted dates (day-first wherever written) on every engine', async () => {
    const spec = { columns: { id: 'id', time: 't' }, dateFormat: 'MM/DD/YYYY' };
    await expect(matrix({ input: { activity: tables.dotact.file }, ...spec })).rejects.toThrow(/column "t": no value of the time column could be read as a date, e\.g\. "\d\d\.\d\d\.2024 \d\d:\d\d"/);
    for (const e of engines) {
      const input = e.name === 'duckdb' ? { activity: tables.dotact.file } : { activity: 'dotact' };
      await expect(onEngine(e.conn, matrixAnalysis, { input, ...spec }), e.name).rejects.toThrow(/column "t": "\d\d\.\d\d\.2024 \d\d:\d\d" is not a MM\/DD\/YYYY date|holds times such as/);
    }
  }, 300_000);

  it('"05.01.2024", "13/01/2024" and "14-01-2024" in one column: read day-first under DD/MM/YYYY; without it, refused on every engine', async () => {
    await sameText('sepact', { columns: { id: 'id', time: 't' }, dateFormat: 'DD/MM/YYYY', tz: 'Europe/Berlin' });
    await expect(matrix({ input: { activity: tables.sepact.file }, columns: { id: 'id', time: 't' } })).rejects.toThrow(/mixes D\.M\.YYYY .* pass dateFormat/);
    for (const e of engines) {
      const input = e.name === 'duckdb' ? { activity: tables.sepact.file } : { activity: 'sepact' };
      await expect(onEngine(e.conn, matrixAnalysis, { input, columns: { id: 'id', time: 't' } }), e.name).rejects.toThrow(
        /column "t": the time column mixes day-month dates written with different separators .*; pass dateFormat DD\/MM\/YYYY/,
      );
    }
  }, 300_000);

  it('"1/25/2024 9:05 PM": 12-hour clocks on memory, DuckDB and PostgreSQL; ClickHouse refuses the time of day clearly', async () => {
    const spec = { columns: { id: 'id', time: 't' }, tz: 'America/New_York', period: 'day' as const, offsets: 'elapsed' as const };
    const mem = await matrix({ input: { activity: tables.pmact.file }, ...spec });
    expect(Array.from(mem.cohorts.size).reduce((x, y) => x + y, 0)).toBe(12);
    for (const e of engines) {
      const input = e.name === 'duckdb' ? { activity: tables.pmact.file } : { activity: 'pmact' };
      const run = onEngine(e.conn, matrixAnalysis, { input, ...spec });
      if (e.name === 'clickhouse') await expect(run).rejects.toThrow(/holds times such as "\d+\/\d+\/2024 \d+:\d\d [AP]M" .*engine memory reads it/);
      else expect(matrixDifferences(mem, await run), e.name).toEqual([]);
    }
  }, 300_000);

  it('a churn column of ISO texts with NULL, \\N and NaT for "not churned": survival and CRR agree on every engine', async () => {
    const spec = { columns: { id: 'id', signup: 'signup', churn: 'churned' } };
    const { memory } = await same({ customers: 'ncus' }, spec, survival, survivalAnalysis, survivalDifferences);
    expect(memory.report.customers).toMatchObject({ used: 12, churned: 4, censored: 8 });
    await same({ customers: 'ncus' }, spec, crr, crrAnalysis, crrDifferences);
  }, 300_000);
});

describe('ISO times with Z or an offset held as text among NULL tokens: memory = DuckDB = PostgreSQL = ClickHouse', () => {
  it('matrix by week and by day in Europe/Berlin: the offset applied, then the zone', async () => {
    for (const period of ['week', 'day'] as const) {
      const { memory } = await same({ activity: 'zact' }, { columns: { id: 'id', time: 't' }, tz: 'Europe/Berlin', period }, matrix, matrixAnalysis, matrixDifferences);
      expect(Array.from(memory.cohorts.size).reduce((s, x) => s + x, 0)).toBe(12);
    }
  }, 300_000);

  it('survival and CRR with signup and churn columns of offset texts (NULL, \\N, NaT, blank for "not churned")', async () => {
    const spec = { columns: { id: 'id', signup: 'signup', churn: 'churned' }, tz: 'Europe/Berlin' };
    const { memory } = await same({ customers: 'zcus' }, spec, survival, survivalAnalysis, survivalDifferences);
    expect(memory.report.customers).toMatchObject({ used: 12, churned: 4, censored: 8 });
    await same({ customers: 'zcus' }, spec, crr, crrAnalysis, crrDifferences);
  }, 300_000);

  it('offsets mixed with times without one: memory reads them, the SQL engines refuse them clearly', async () => {
    const spec = { columns: { id: 'id', time: 't' } };
    const m = await matrix({ input: { activity: tables.zmact.file }, ...spec });
    expect(Array.from(m.cohorts.size).reduce((s, x) => s + x, 0)).toBe(12);
    // DuckDB's sniffer types this column TIMESTAMPTZ (the times without an offset as UTC): it is read again as text and refused.
    for (const e of engines) {
      const input = e.name === 'duckdb' ? { activity: tables.zmact.file } : { activity: 'zmact' };
      await expect(onEngine(e.conn, matrixAnalysis, { input, ...spec }), e.name).rejects.toThrow(
        /column "t" holds times such as "2024-[^"]+Z" \(text: ISO times with an offset mixed .*\), which the \w+ engine does not read; engine memory reads it/,
      );
    }
  }, 300_000);
});

describe('the matrix load report on SQL: the activity rows memory excludes by id, time and as-of', () => {
  it('counts rows without an id, without a time and after as-of as memory does, on every engine', async () => {
    const spec = { columns: { id: 'id', time: 't' }, asOf: '2024-08-01' };
    const mem = await matrix({ input: { activity: tables.xrows.file }, ...spec });
    const after = events.filter(([, ms]) => ms >= Date.UTC(2024, 7, 1)).length;
    expect(mem.report.excluded).toMatchObject({ missingId: 2, missingTime: 2, afterAsOf: after + 2 });
    for (const e of engines) {
      const input = e.name === 'duckdb' ? { activity: tables.xrows.file } : { activity: 'xrows' };
      const r = await onEngine(e.conn, matrixAnalysis, { input, ...spec });
      expect(matrixDifferences(mem, r), e.name).toEqual([]);
      const pick = (x: typeof mem.report.excluded) => ({ missingId: x.missingId, missingTime: x.missingTime, afterAsOf: x.afterAsOf });
      expect(pick(r.report.excluded), e.name).toEqual(pick(mem.report.excluded));
      expect([r.report.rowsRead, r.report.rowsUsed], e.name).toEqual([mem.report.rowsRead, mem.report.rowsUsed]);
    }
  }, 300_000);
});

describe('--where with a date on number columns: the same on every engine', () => {
  it('the time column read from epoch seconds: a plain number compares with its own numbers', async () => {
    const cut = (T0 + 40 * DAY) / 1000;
    const { memory } = await same({ activity: 'sact' }, { columns: { id: 'id', time: 't' }, where: [`t < ${cut}`] }, matrix, matrixAnalysis, matrixDifferences);
    const kept = new Set(events.filter(([, ms]) => ms / 1000 < cut).map(([id]) => id));
    expect(Array.from(memory.cohorts.size).reduce((s, x) => s + x, 0)).toBe(kept.size);
  }, 300_000);

  it('a number column that is not a time: a date is refused, never compared as text', async () => {
    const want = /column "churned": where compares a number column with "2024-02-01", which is not a number/;
    const spec = { columns: { id: 'id', time: 't' }, where: ['churned >= 2024-02-01'] };
    await expect(matrix({ input: { activity: tables.sact.file, customers: tables.scus.file }, ...spec })).rejects.toThrow(want);
    const duck = engines[0];
    await expect(onEngine(duck.conn, matrixAnalysis, { input: { activity: tables.sact.file, customers: tables.scus.file }, ...spec })).rejects.toThrow(want);
  }, 300_000);
});
