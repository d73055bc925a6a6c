import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedback, feedbackAnalysis } from '../../../src/api/feedback.js';
import { reasons, reasonsAnalysis } from '../../../src/api/reasons.js';
import { value, valueAnalysis } from '../../../src/api/value.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import { describeSources, sqlSchema } from '../../../src/engine/sql/execute-matrix-sql.js';
import { sqlEngine } from '../../../src/engine/sql/sql-engine.js';
import type { FeedbackSpec } from '../../../src/spec/feedback-spec.js';
import type { ReasonsSpec, ValueSpec } from '../../../src/spec/outcome-spec.js';
import { hasSharedDataset, sharedDataset } from '../../shared-datasets.js';
import { loadClickhouse, loadPostgres, type TestTable } from './load-tables.js';
import { outcomeActivity, outcomeCustomers, outcomeSurvey } from './outcome-data.js';
import { feedbackDifferences, reasonsDifferences, valueDifferences } from './same-outcomes.js';
import { HAS_CH, HAS_PG, startTestServers, type TestServers } from './test-engines.js';

// kohort reasons, value and feedback on the memory engine, embedded DuckDB, a real
// PostgreSQL server and a ClickHouse cluster of two shards (a Distributed table over two
// servers): identical counts, shares, means, exact medians (ties, even and odd groups) and
// NPS intervals, on generated data and on Maven telecom where present.

if (!HAS_PG) console.warn('skipping the PostgreSQL part: no /usr/lib/postgresql/*/bin/pg_ctl (apt-get install postgresql)');
if (!HAS_CH) console.warn('skipping the ClickHouse part: no clickhouse-server binary (apt-get install clickhouse-server)');
const MAVEN = 'maven_telecom/telecom_customer_churn.csv';
const HAS_MAVEN = hasSharedDataset(MAVEN);

let dir: string;
let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];
const tables: Record<string, TestTable> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-xout-'));
  chmodSync(dir, 0o755);
  const write = (name: string, text: string): string => {
    const file = path.join(dir, `${name}.csv`);
    writeFileSync(file, text);
    return file;
  };
  tables.ocustomers = {
    name: 'ocustomers', file: write('ocustomers', outcomeCustomers(7)),
    columns: { id: 'text', segment: 'text', plan: 'text', status: 'text', category: 'text', reason: 'text', revenue: 'number', signup: 'time', churned_at: 'time', nps: 'number' },
  };
  tables.oactivity = { name: 'oactivity', file: write('oactivity', outcomeActivity(7)), columns: { id: 'text', time: 'time', amount: 'number', channel: 'text' } };
  tables.osurvey = { name: 'osurvey', file: write('osurvey', outcomeSurvey(7)), columns: { id: 'text', segment: 'text', nps: 'number', csat: 'number', ces: 'number' } };
  // Reasons written as a database NULL (SQL NULL, MySQL \N) for some churned customers.
  const nullReasons = ['Price', 'NULL', '\\N', 'Support', ' NULL', 'Price', '', 'None'];
  tables.ncustomers = {
    name: 'ncustomers', file: write('ncustomers', `id,status,reason\n${nullReasons.map((r, i) => `n${i},${i === 5 ? 'Stayed' : 'Churned'},${r}`).join('\n')}\n`),
    columns: { id: 'text', status: 'text', reason: 'text' },
  };
  const duck = await duckdbConnection();
  engines.push({ name: 'duckdb', conn: duck });
  if (HAS_MAVEN) {
    // Maven telecom, the columns the cases read (commas inside reasons become ';' for the test loaders).
    const file = path.join(dir, 'maven.csv');
    const text = (c: string): string => `replace(CAST("${c}" AS VARCHAR), ',', ';')`;
    await duck.query(`COPY (SELECT ${text('Customer ID')} AS customer_id, ${text('Contract')} AS contract, ${text('Customer Status')} AS status,
        ${text('Churn Category')} AS category, ${text('Churn Reason')} AS reason, CAST("Total Revenue" AS DOUBLE) AS total_revenue,
        CAST("Number of Referrals" AS DOUBLE) AS referrals
      FROM read_csv('${sharedDataset(MAVEN)}', header = true, all_varchar = true)) TO '${file}' (HEADER, DELIMITER ',')`);
    tables.maven = {
      name: 'maven', file,
      columns: { customer_id: 'text', contract: 'text', status: 'text', category: 'text', reason: 'text', total_revenue: 'number', referrals: 'number' },
    };
  }
  const ids: Record<string, string> = { ncustomers: 'id', ocustomers: 'id', oactivity: 'id', osurvey: 'id', maven: 'customer_id' };
  servers = await startTestServers(tables, ids, engines);
}, 300_000);

afterAll(() => servers?.stop(), 120_000);

type Data = { activity?: string; customers?: string };
/** The input of an engine: DuckDB reads the files in place, the servers their tables. */
const inputOf = (engine: string, data: Data): Data =>
  engine === 'duckdb'
    ? { activity: data.activity && tables[data.activity].file, customers: data.customers && tables[data.customers].file }
    : data;

async function onEngine<S extends { input: Data }, P>(
  conn: SqlConnection,
  analysis: { plan(spec: S, schema: ReturnType<typeof sqlSchema>): P },
  method: 'reasons' | 'value' | 'feedback',
  spec: S,
): Promise<unknown> {
  const src = await describeSources(conn, spec.input);
  const plan = analysis.plan(spec, sqlSchema(src));
  return (sqlEngine(conn, src)[method] as unknown as (p: P, t: object) => Promise<unknown>)(plan, {});
}

const customers = { customers: 'ocustomers' };
const both = { activity: 'oactivity', customers: 'ocustomers' };
const status = { columns: { id: 'id' }, event: 'status=Churned' };
const times = { columns: { id: 'id', time: 'time', signup: 'signup', churn: 'churned_at' } };

const REASONS: [string, Data, Omit<ReasonsSpec, 'input'>][] = [
  ['status flag, two levels, by segment', customers, { ...status, reason: 'category,reason', by: ['segment'] }],
  ['status flag, by signup month in Europe/Berlin', customers, { columns: { id: 'id', signup: 'signup' }, event: 'status=Churned', reason: 'category', cohort: 'month', tz: 'Europe/Berlin' }],
  ['status flag, by the channel of the first activity (activity table) and plan', both, { columns: { id: 'id', time: 'time' }, event: 'status=Churned', reason: 'category', by: ['channel', 'plan'] }],
  ['status flag, by signup week, as-of mid-September (later signups left out)', customers, { columns: { id: 'id', signup: 'signup' }, event: 'status=churned', reason: 'reason', cohort: 'week', asOf: '2023-09-15T12:00:00Z' }],
  ['status flag, by nps_class, filtered', customers, { ...status, reason: 'reason', by: ['nps_class', 'plan'], nps: 'nps', where: ['plan != team'] }],
  ['churn column, by plan, as-of', customers, { ...times, columns: { id: 'id', signup: 'signup', churn: 'churned_at' }, reason: 'category,reason', by: ['plan'], asOf: '2023-10-01' }],
  ['inactivity 30 days, by segment x quarter', both, { ...times, columns: { id: 'id', time: 'time', signup: 'signup' }, inactiveAfter: '30d', reason: 'reason', by: ['segment'], cohort: 'quarter' }],
];

describe.each(REASONS)('reasons: memory = DuckDB = PostgreSQL = ClickHouse (2 shards): %s', (_name, data, spec) => {
  it('gives identical counts and shares', async () => {
    const mem = await reasons({ ...spec, input: inputOf('duckdb', data) });
    expect(mem.totalChurned).toBeGreaterThan(0);
    expect(engines.length).toBe(1 + Number(HAS_PG) + Number(HAS_CH));
    for (const e of engines) {
      const r = (await onEngine(e.conn, reasonsAnalysis, 'reasons', { ...spec, input: inputOf(e.name, data) })) as typeof mem;
      expect(reasonsDifferences(mem, r), e.name).toEqual([]);
    }
  }, 120_000);
});

describe('reasons: a reason written NULL or \\N is no reason ("(none)"), reported, on every engine', () => {
  it('counts them with the blanks, keeps "None" as a reason, and warns with the count', async () => {
    const spec = { columns: { id: 'id' }, event: 'status=Churned', reason: 'reason' };
    const mem = await reasons({ ...spec, input: inputOf('duckdb', { customers: 'ncustomers' }) });
    const none = mem.overall.labels[0].findIndex((l) => l === null);
    // NULL, \N, " NULL" and the blank: 4 of the 7 churned; Price 1 (the other Price stayed), Support 1, None 1.
    expect(mem.overall.churned[none]).toBe(4);
    expect(mem.overall.labels[0]).toContain('None');
    expect(mem.overall.labels[0]).not.toContain('NULL');
    const want = '3 churned customers have a reason written as a database NULL ("reason" = "NULL"): counted as "(none)", no reason';
    expect(mem.report.warnings).toContain(want);
    for (const e of engines) {
      const r = (await onEngine(e.conn, reasonsAnalysis, 'reasons', { ...spec, input: inputOf(e.name, { customers: 'ncustomers' }) })) as typeof mem;
      expect(reasonsDifferences(mem, r), e.name).toEqual([]);
      expect(r.report.warnings, e.name).toContain(want);
    }
  }, 120_000);
});

const VALUES: [string, Data, Omit<ValueSpec, 'input'>][] = [
  ['status flag, value column, by segment', customers, { ...status, value: 'revenue', by: ['segment'] }],
  ['status flag, value column, by plan x signup quarter', customers, { columns: { id: 'id', signup: 'signup' }, event: 'status=Churned', value: 'revenue', by: ['plan'], cohort: 'quarter' }],
  ['status flag, activity amounts, by plan', both, { columns: { id: 'id', time: 'time' }, event: 'status=Churned', amount: 'amount', by: ['plan'] }],
  ['churn column, value column, Europe/Berlin', customers, { columns: { id: 'id', signup: 'signup', churn: 'churned_at' }, value: 'revenue', by: ['segment'], tz: 'Europe/Berlin' }],
  ['status flag, amounts, by the channel of the first activity', both, { columns: { id: 'id', time: 'time' }, event: 'status=Churned', amount: 'amount', by: ['channel'], asOf: '2023-09-01' }],
  ['inactivity 45 days, by the channel of the first activity', both, { columns: { id: 'id', time: 'time', signup: 'signup' }, inactiveAfter: '45d', value: 'revenue', by: ['channel'] }],
  ['inactivity 45 days, amounts, by segment', both, { columns: { id: 'id', time: 'time', signup: 'signup' }, inactiveAfter: '45d', amount: 'amount', by: ['segment'] }],
  ['activity alone, inactivity 20 days, amounts filtered', { activity: 'oactivity' }, { columns: { id: 'id', time: 'time' }, inactiveAfter: '20d', amount: 'amount', where: ['amount > 0'] }],
];

describe.each(VALUES)('value: memory = DuckDB = PostgreSQL = ClickHouse (2 shards): %s', (_name, data, spec) => {
  it('gives identical customers, means, exact medians and totals', async () => {
    const mem = await value({ ...spec, input: inputOf('duckdb', data) });
    expect(mem.overall.customers[0]).toBeGreaterThan(0);
    for (const e of engines) {
      const r = (await onEngine(e.conn, valueAnalysis, 'value', { ...spec, input: inputOf(e.name, data) })) as typeof mem;
      expect(valueDifferences(mem, r), e.name).toEqual([]);
    }
  }, 120_000);
});

describe('value: the medians are the mean of the two middle values (ties, even and odd groups)', () => {
  it('matches d3-array on every engine for groups of 1 to 6 customers', async () => {
    const file = path.join(dir, 'medians.csv');
    // Group g has g + 1 churned and g + 1 retained customers; values with ties.
    const rows = ['id,g,status,v'];
    let id = 0;
    for (let g = 0; g < 6; ++g) {
      for (const st of ['Churned', 'Stayed']) for (let i = 0; i <= g; ++i) rows.push([`m${id++}`, `g${g}`, st, String([2, 5, 2, 8, 1, 11][(i * 5 + g + st.length) % 6])].join(','));
    }
    writeFileSync(file, `${rows.join('\n')}\n`);
    const t: TestTable = { name: 'medians', file, columns: { id: 'text', g: 'text', status: 'text', v: 'number' } };
    if (servers?.pg) await loadPostgres(engines.find((e) => e.name === 'postgres')!.conn, t);
    if (servers?.ch) await loadClickhouse(servers.ch.urls, servers.ch.cluster, t, 'id');
    const spec = { columns: { id: 'id' }, event: 'status=Churned', value: 'v', by: ['g'] };
    const mem = await value({ ...spec, input: { customers: file } });
    expect(Array.from(mem.stats.median).filter((x) => !Number.isInteger(x) && !Number.isNaN(x)).length).toBeGreaterThan(0);
    // The window form (row_number over each bucket) of the dialects without an exact median
    // aggregate (BigQuery, Trino), run on DuckDB with its median() taken away.
    const duck = engines[0].conn;
    const windowed = { name: 'duckdb (row_number median)', conn: { ...duck, dialect: { ...duck.dialect, median: undefined } } };
    for (const e of [...engines, windowed]) {
      const r = (await onEngine(e.conn, valueAnalysis, 'value', { ...spec, input: { customers: e.name.startsWith('duckdb') ? file : 'medians' } })) as typeof mem;
      expect(Array.from(r.stats.median), e.name).toEqual(Array.from(mem.stats.median));
      expect(Array.from(r.overall.median), e.name).toEqual(Array.from(mem.overall.median));
    }
  }, 120_000);
});

describe('value: text that is no number is a missing value, as in memory', () => {
  it('reads "n/a" as missing on every engine (TRY_CAST, toFloat64OrNull, a regular expression)', async () => {
    const file = path.join(dir, 'junk.csv');
    const values = ['12', 'n/a', '7.5', '', '1e2', '-3', 'n/a', '40', '12'];
    writeFileSync(file, `id,status,v\n${values.map((v, i) => `j${i},${i % 3 ? 'Stayed' : 'Churned'},${v}`).join('\n')}\n`);
    const t: TestTable = { name: 'junk', file, columns: { id: 'text', status: 'text', v: 'text' } };
    if (servers?.pg) await loadPostgres(engines.find((e) => e.name === 'postgres')!.conn, t);
    if (servers?.ch) await loadClickhouse(servers.ch.urls, servers.ch.cluster, t, 'id');
    const spec = { columns: { id: 'id' }, event: 'status=Churned', value: 'v' };
    const mem = await value({ ...spec, input: { customers: file } });
    expect(mem.overall.missing[0] + mem.overall.missing[1]).toBe(3);
    for (const e of engines) {
      const r = (await onEngine(e.conn, valueAnalysis, 'value', { ...spec, input: { customers: e.name === 'duckdb' ? file : 'junk' } })) as typeof mem;
      expect(valueDifferences(mem, r), e.name).toEqual([]);
    }
  }, 120_000);
});

const FEEDBACK: [string, Omit<FeedbackSpec, 'input'>][] = [
  ['by segment, all three scores', { columns: { id: 'id' }, by: ['segment'], nps: 'nps', csat: 'csat', ces: 'ces' }],
  ['by nps_class, no id, 90% interval', { by: ['nps_class'], nps: 'nps', csat: 'csat', confLevel: 0.9 }],
  ['filtered, CES on 1-5', { columns: { id: 'id' }, ces: 'ces', cesScale: '1-5', where: ['segment != b'] }],
];

describe.each(FEEDBACK)('feedback: memory = DuckDB = PostgreSQL = ClickHouse (2 shards): %s', (_name, spec) => {
  it('gives identical NPS with its interval, CSAT, CES and rejected counts', async () => {
    const mem = await feedback({ ...spec, input: { customers: tables.osurvey.file } });
    expect(Object.values(mem.report.rejected).some((x) => (x?.count ?? 0) > 0)).toBe(true);
    for (const e of engines) {
      const r = (await onEngine(e.conn, feedbackAnalysis, 'feedback', { ...spec, input: inputOf(e.name, { customers: 'osurvey' }) })) as typeof mem;
      expect(feedbackDifferences(mem, r), e.name).toEqual([]);
    }
  }, 120_000);
});

describe.skipIf(!HAS_MAVEN)('Maven telecom: memory = DuckDB = PostgreSQL = ClickHouse (2 shards)', () => {
  const flag = { columns: { id: 'customer_id' }, event: 'status=Churned' };
  it('reasons by contract (category, then reason) sum to the 1,869 churned customers', async () => {
    const spec = { ...flag, reason: 'category,reason', by: ['contract'] };
    const mem = await reasons({ ...spec, input: { customers: tables.maven.file } });
    expect(mem.totalChurned).toBe(1869);
    expect(Array.from(mem.rows.churned).reduce((s, x) => s + x, 0)).toBe(1869);
    for (const e of engines) {
      const r = (await onEngine(e.conn, reasonsAnalysis, 'reasons', { ...spec, input: inputOf(e.name, { customers: 'maven' }) })) as typeof mem;
      expect(r.totalChurned, e.name).toBe(1869);
      expect(reasonsDifferences(mem, r), e.name).toEqual([]);
    }
  }, 120_000);

  it('value of Total Revenue, churned vs retained (filtered on referrals)', async () => {
    const spec = { ...flag, value: 'total_revenue', where: ['referrals >= 0'] };
    const mem = await value({ ...spec, input: { customers: tables.maven.file } });
    expect(mem.overall.customers[0]).toBe(1869);
    for (const e of engines) {
      const r = (await onEngine(e.conn, valueAnalysis, 'value', { ...spec, input: inputOf(e.name, { customers: 'maven' }) })) as typeof mem;
      expect(valueDifferences(mem, r), e.name).toEqual([]);
    }
  }, 120_000);
});
