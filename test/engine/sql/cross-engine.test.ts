import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import { describeSources, executeMatrixSql, sqlSchema } from '../../../src/engine/sql/execute-matrix-sql.js';
import { executeCrrSql } from '../../../src/engine/sql/execute-crr-sql.js';
import { executeSurvivalSql } from '../../../src/engine/sql/execute-survival-sql.js';
import { crr } from '../../../src/api/crr.js';
import { survival } from '../../../src/api/survival.js';
import { normalizeCrr, type CrrSpec } from '../../../src/spec/crr-spec.js';
import { normalizeSurvival, type SurvivalSpec } from '../../../src/spec/survival-spec.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { matrix } from '../../../src/api/matrix.js';
import { plan } from '../../../src/plan/matrix-plan.js';
import type { MatrixResult } from '../../../src/result/matrix-result.js';
import { normalize } from '../../../src/spec/normalize.js';
import type { MatrixSpec } from '../../../src/spec/types.js';
import { hasSharedDataset, sharedDataset } from '../../shared-datasets.js';
import { runCli } from '../../cli/run-cli.js';
import { reportAnalysis, retentionReport, type ReportSpec } from '../../../src/api/report.js';
import { runOnEngine } from '../../../src/api/engines.js';
import { reasonsDifferences, valueDifferences } from './same-outcomes.js';
import { attributeEvents, berlinDstEvents } from './generated-data.js';
import type { TestTable } from './load-tables.js';
import { matrixDifferences } from './same-matrix.js';
import { compareTables, MAVEN, OLIST_DEALS, OLIST_LEADS, SYNTHETIC_AS_OF } from './compare-tables.js';
import { compareDifferences } from './same-compare.js';
import { parseTimeString } from '../../../src/time/parse-time.js';
import { timeZone } from '../../../src/time/zone.js';
import { compare } from '../../../src/api/compare.js';
import { comparePlan } from '../../../src/plan/compare-plan.js';
import { executeCompareSql } from '../../../src/engine/sql/execute-compare-sql.js';
import type { CompareSpec } from '../../../src/spec/compare-spec.js';
import { HAS_CH, HAS_PG, startTestServers, type TestServers } from './test-engines.js';

// The same specs on the memory engine, embedded DuckDB, a real PostgreSQL server and a
// ClickHouse cluster of two shards (a Distributed table over two servers): identical
// cohorts and counts, values to 1e-9, including Europe/Berlin across DST changes.
// The servers are started here on loopback ports and stopped after.

if (!HAS_PG) console.warn('skipping the PostgreSQL part: no /usr/lib/postgresql/*/bin/pg_ctl (apt-get install postgresql)');
if (!HAS_CH) console.warn('skipping the ClickHouse part: no clickhouse-server binary (apt-get install clickhouse-server)');
const RETAIL = 'online_retail/Online_Retail.parquet';
const HAS_RETAIL = hasSharedDataset(RETAIL);
const TELCO = 'telco/Telco-Customer-Churn.csv';
const HAS_TELCO = hasSharedDataset(TELCO);
const RETAIL2 = 'online_retail_ii/online_retail_ii_2009_2010.parquet';
const HAS_RETAIL2 = hasSharedDataset(RETAIL2);

let dir: string;
let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];
const tables: Record<string, TestTable> = {};

/** The sample's CSVs with times written as ISO instants (every engine then reads instants). */
function instantsCsv(from: string, to: string, timeCols: string[]): void {
  const [head, ...lines] = readFileSync(from, 'utf8').split('\n').filter((l) => l !== '');
  const cols = head.split(',');
  const at = timeCols.map((c) => cols.indexOf(c));
  const out = lines.map((l) => {
    const v = l.split(',');
    for (const i of at) if (v[i]) v[i] = `${v[i].replace(' ', 'T')}Z`;
    return v.join(',');
  });
  writeFileSync(to, `${[head, ...out].join('\n')}\n`);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-xeng-'));
  chmodSync(dir, 0o755);
  const sample = path.resolve(__dirname, '../../../datasets/sample');
  const ev = path.join(dir, 'events.csv');
  const cu = path.join(dir, 'customers.csv');
  instantsCsv(path.join(sample, 'activity.csv'), ev, ['event_time']);
  instantsCsv(path.join(sample, 'customers.csv'), cu, ['signup_at', 'churned_at']);
  const dst = path.join(dir, 'dst.csv');
  writeFileSync(dst, berlinDstEvents(11, 400));
  tables.events = { name: 'events', file: ev, columns: { customer_id: 'text', event_time: 'time', amount: 'number' } };
  tables.customers = {
    name: 'customers', file: cu,
    columns: { customer_id: 'text', signup_at: 'time', channel: 'text', onboarding: 'text', plan: 'text', monthly_price: 'number', churned_at: 'time', churn_reason: 'text' },
  };
  tables.dst = { name: 'dst', file: dst, columns: { id: 'text', time: 'time', amount: 'number' } };
  // Attributes that live in the activity table and change over a customer's life (Berlin DST).
  const attr = attributeEvents(5);
  writeFileSync(path.join(dir, 'attr.csv'), attr.activity);
  writeFileSync(path.join(dir, 'attrcus.csv'), attr.customers);
  tables.attr = { name: 'attr', file: path.join(dir, 'attr.csv'), columns: { id: 'text', time: 'time', amount: 'number', source: 'text', device: 'text' } };
  tables.attrcus = { name: 'attrcus', file: path.join(dir, 'attrcus.csv'), columns: { id: 'text', signup: 'time', plan: 'text' } };

  const duck = await duckdbConnection();
  engines.push({ name: 'duckdb', conn: duck });
  if (HAS_RETAIL) {
    // Online Retail as plain CSV of instants (id, time, amount, invoice) that every engine loads.
    const retail = path.join(dir, 'retail.csv');
    await duck.query(`COPY (SELECT CAST(CAST("CustomerID" AS BIGINT) AS VARCHAR) AS customer_id,
        strftime(CAST("InvoiceDate" AS TIMESTAMP), '%Y-%m-%dT%H:%M:%SZ') AS invoice_time,
        "Quantity" * "UnitPrice" AS amount, CAST("InvoiceNo" AS VARCHAR) AS invoice
      FROM read_parquet('${sharedDataset(RETAIL)}') WHERE "CustomerID" IS NOT NULL) TO '${retail}' (HEADER, DELIMITER ',')`);
    tables.retail = { name: 'retail', file: retail, columns: { customer_id: 'text', invoice_time: 'time', amount: 'number', invoice: 'text' } };
  }
  if (HAS_RETAIL2) {
    // Online Retail II (2009-2010): its invoice times are text; rows without a customer or a readable time are left out.
    const retail2 = path.join(dir, 'retail2.csv');
    await duck.query(`COPY (SELECT CAST(CAST("Customer ID" AS BIGINT) AS VARCHAR) AS customer_id,
        strftime(TRY_CAST("InvoiceDate" AS TIMESTAMP), '%Y-%m-%dT%H:%M:%SZ') AS invoice_time,
        "Quantity" * "Price" AS amount, CAST("Invoice" AS VARCHAR) AS invoice
      FROM read_parquet('${sharedDataset(RETAIL2)}') WHERE "Customer ID" IS NOT NULL AND TRY_CAST("InvoiceDate" AS TIMESTAMP) IS NOT NULL)
      TO '${retail2}' (HEADER, DELIMITER ',')`);
    tables.retail2 = { name: 'retail2', file: retail2, columns: { customer_id: 'text', invoice_time: 'time', amount: 'number', invoice: 'text' } };
  }
  if (HAS_TELCO) {
    // Telco: tenure (months) and Churn given directly, a few group columns.
    const telco = path.join(dir, 'telco.csv');
    await duck.query(`COPY (SELECT customerID AS customer_id, CAST(tenure AS DOUBLE) AS tenure, CAST(Churn AS VARCHAR) AS churn,
        Contract AS contract, PaymentMethod AS payment FROM read_csv('${sharedDataset(TELCO)}', header = true, all_varchar = true)) TO '${telco}' (HEADER, DELIMITER ',')`);
    tables.telco = { name: 'telco', file: telco, columns: { customer_id: 'text', tenure: 'number', churn: 'text', contract: 'text', payment: 'text' } };
  }
  const ids: Record<string, string> = { events: 'customer_id', customers: 'customer_id', dst: 'id', attr: 'id', attrcus: 'id', retail: 'customer_id', retail2: 'customer_id', telco: 'customer_id' };
  Object.assign(ids, await compareTables(dir, duck, tables, 400));
  servers = await startTestServers(tables, ids, engines);
}, 300_000);

afterAll(() => servers?.stop(), 120_000);

type Case = [name: string, data: { activity: string; customers?: string }, spec: Omit<MatrixSpec, 'input'>];
const sample = { activity: 'events', customers: 'customers' };
const cols = { id: 'customer_id', time: 'event_time' };
const CASES: Case[] = [
  ['classic monthly', { activity: 'events' }, { columns: cols }],
  ['unbounded weekly in Europe/Berlin', { activity: 'events' }, { columns: cols, mode: 'unbounded', period: 'week', cohort: ['month'], tz: 'Europe/Berlin' }],
  ['net revenue by quarter', { activity: 'events' }, { columns: { ...cols, amount: 'amount' }, mode: 'revenue', period: 'quarter', cohort: ['quarter'] }],
  ['gross revenue', { activity: 'events' }, { columns: { ...cols, amount: 'amount' }, mode: 'gross-revenue' }],
  ['ltv, as-of mid-month, partial', { activity: 'events' }, { columns: { ...cols, amount: 'amount' }, mode: 'ltv', asOf: '2023-06-15', partial: true }],
  ['elapsed months in Europe/Berlin', { activity: 'events' }, { columns: cols, offsets: 'elapsed', tz: 'Europe/Berlin' }],
  ['elapsed days, max offset 45', { activity: 'events' }, { columns: cols, offsets: 'elapsed', period: 'day', cohort: ['month'], maxOffset: 45 }],
  ['channel x month (first activity)', sample, { columns: cols, cohort: ['month', 'channel'], anchor: 'first-activity' }],
  ['plan x quarter from signup, filtered', sample, { columns: { ...cols, signup: 'signup_at' }, cohort: ['quarter', 'plan'], where: ['amount >= 10', 'onboarding != assisted'] }],
  ['survival mode from signup and churn', sample, { columns: { ...cols, signup: 'signup_at', churn: 'churned_at' }, mode: 'survival', tz: 'Europe/Berlin' }],
  ['rolling completeness: channel alone, unbounded', sample, { columns: cols, cohort: ['channel'], anchor: 'first-activity', mode: 'unbounded' }],
  ['rolling completeness: plan, ltv, Europe/Berlin', sample, { columns: { ...cols, amount: 'amount' }, cohort: ['plan'], anchor: 'first-activity', mode: 'ltv', tz: 'Europe/Berlin' }],
  ['rolling completeness: onboarding from signup, elapsed weeks', sample, { columns: { ...cols, signup: 'signup_at' }, cohort: ['onboarding'], offsets: 'elapsed', period: 'week' }],
  ['DST: daily offsets, weekly cohorts, Berlin', { activity: 'dst' }, { period: 'day', cohort: ['week'], tz: 'Europe/Berlin' }],
  ['DST: weekly elapsed, Berlin', { activity: 'dst' }, { period: 'week', offsets: 'elapsed', tz: 'Europe/Berlin' }],
  ['DST: monthly revenue, Berlin', { activity: 'dst' }, { period: 'month', mode: 'revenue', columns: { amount: 'amount' }, tz: 'Europe/Berlin' }],
  ['activity-table attribute (first activity\'s value), Berlin', { activity: 'attr' }, { cohort: ['source'], anchor: 'first-activity', tz: 'Europe/Berlin' }],
  ['activity x customers attributes by month, weekly, Berlin', { activity: 'attr', customers: 'attrcus' }, { cohort: ['month', 'source', 'plan'], period: 'week', anchor: 'first-activity', tz: 'Europe/Berlin' }],
  ['activity attribute from signup (no activity: none), elapsed', { activity: 'attr', customers: 'attrcus' }, { cohort: ['device', 'source'], columns: { signup: 'signup' }, offsets: 'elapsed', tz: 'Europe/Berlin' }],
];
const RETAIL_CASES: Case[] = [
  ['Online Retail: classic monthly, returns left out', { activity: 'retail' }, { columns: { id: 'customer_id', time: 'invoice_time' }, where: ['invoice !^= C'], asOf: '2011-12-01' }],
  ['Online Retail: net revenue, weekly, Berlin', { activity: 'retail' }, { columns: { id: 'customer_id', time: 'invoice_time', amount: 'amount' }, mode: 'revenue', period: 'week', cohort: ['month'], tz: 'Europe/Berlin' }],
];

const RETAIL2_CASES: Case[] = [
  ['Online Retail II: unbounded weekly, Europe/Berlin', { activity: 'retail2' }, { columns: { id: 'customer_id', time: 'invoice_time' }, mode: 'unbounded', period: 'week', cohort: ['month'], tz: 'Europe/Berlin', where: ['invoice !^= C'] }],
  ['Online Retail II: gross revenue, quarters', { activity: 'retail2' }, { columns: { id: 'customer_id', time: 'invoice_time', amount: 'amount' }, mode: 'gross-revenue', period: 'quarter', cohort: ['quarter'] }],
];

async function onEngine(conn: SqlConnection, data: { activity: string; customers?: string }, spec: Case[2]): Promise<MatrixResult> {
  const src = await describeSources(conn, data);
  const full: MatrixSpec = { ...spec, input: { activity: data.activity, customers: data.customers } };
  return executeMatrixSql(conn, plan(normalize(full, sqlSchema(src))), src);
}

describe.each([...CASES, ...(HAS_RETAIL ? RETAIL_CASES : []), ...(HAS_RETAIL2 ? RETAIL2_CASES : [])])('memory = DuckDB = PostgreSQL = ClickHouse (2 shards): %s', (_name, data, spec) => {
  it('gives identical cohorts, counts and values', async () => {
    const files = { activity: tables[data.activity].file, customers: data.customers && tables[data.customers].file };
    const mem = await matrix({ ...spec, input: files });
    expect(mem.cohorts.count).toBeGreaterThan(0);
    expect(engines.length).toBe(1 + Number(HAS_PG) + Number(HAS_CH));
    for (const e of engines) {
      // DuckDB reads the files in place; the servers read their tables.
      const r = await onEngine(e.conn, e.name === 'duckdb' ? files : data, spec);
      expect(matrixDifferences(mem, r), e.name).toEqual([]);
    }
  }, 120_000);
});

const churnCols = { id: 'customer_id', time: 'event_time', signup: 'signup_at', churn: 'churned_at' };
const CHURN_CASES: [string, { activity?: string; customers: string }, Omit<SurvivalSpec & CrrSpec, 'input'>][] = [
  ['churn column, by channel', { customers: 'customers' }, { columns: churnCols, by: ['channel'] }],
  ['churn column, by plan, Europe/Berlin, as-of', { customers: 'customers' }, { columns: churnCols, by: ['plan'], tz: 'Europe/Berlin', asOf: '2023-10-29T12:00:00Z' }],
  ['churn inferred after 60 days, by onboarding', { activity: 'events', customers: 'customers' }, { columns: { ...churnCols, churn: undefined }, by: ['onboarding'], inactiveAfter: '60d' }],
  ['by an activity-table attribute and plan, inferred churn, Berlin', { activity: 'attr', customers: 'attrcus' }, { columns: { signup: 'signup' }, by: ['source', 'plan'], inactiveAfter: '40d', tz: 'Europe/Berlin' }],
];

describe.each(CHURN_CASES)('survival and CRR: memory = DuckDB = PostgreSQL = ClickHouse (2 shards): %s', (_name, data, spec) => {
  it('gives identical curves, test and CRR counts', async () => {
    const files = { activity: data.activity && tables[data.activity].file, customers: tables[data.customers].file };
    const memS = await survival({ ...spec, input: files });
    const memC = await crr({ ...spec, period: 'quarter', input: files });
    for (const e of engines) {
      const where = e.name === 'duckdb' ? files : data;
      const src = await describeSources(e.conn, where);
      const s = await executeSurvivalSql(e.conn, normalizeSurvival({ ...spec, input: where }, sqlSchema(src)), src);
      expect(survivalDifferences(memS, s), e.name).toEqual([]);
      const c = await executeCrrSql(e.conn, normalizeCrr({ ...spec, period: 'quarter', input: where }, sqlSchema(src)), src);
      expect(crrDifferences(memC, c), e.name).toEqual([]);
    }
  }, 120_000);
});

describe.skipIf(!HAS_TELCO)('survival with durations given directly (Telco): memory = DuckDB = PostgreSQL = ClickHouse (2 shards)', () => {
  it('gives identical curves and log-rank test', async () => {
    const spec = { duration: 'tenure', event: 'churn=Yes', by: ['contract', 'payment'], unit: 'months' as const, at: [6, 12, 24] };
    const mem = await survival({ ...spec, input: { customers: tables.telco.file } });
    expect(mem.groups.length).toBe(12);
    for (const e of engines) {
      const where = { customers: e.name === 'duckdb' ? tables.telco.file : 'telco' };
      const src = await describeSources(e.conn, where);
      const s = await executeSurvivalSql(e.conn, normalizeSurvival({ ...spec, input: where }, sqlSchema(src)), src);
      expect(survivalDifferences(mem, s), e.name).toEqual([]);
    }
  }, 120_000);
});

describe('kohort run with an engine section: memory = DuckDB = PostgreSQL = ClickHouse (2 shards)', () => {
  it('writes the same output files from the servers\' tables as from the files in memory', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kohort-xeng-run-'));
    const spec = (name: string, engine: Record<string, unknown> | undefined, input: Record<string, string> | undefined) => ({
      ...(input ? { input } : {}),
      ...(engine ? { engine } : {}),
      columns: { id: 'customer_id', time: 'event_time', signup: 'signup_at', churn: 'churned_at' },
      tz: 'Europe/Berlin',
      analyses: [
        { kind: 'matrix', cohort: ['month', 'channel'], anchor: 'first-activity', outputs: [{ format: 'csv', table: 'tidy', file: path.join(out, `${name}-matrix.csv`) }] },
        { kind: 'matrix', cohort: ['quarter', 'plan'], mode: 'revenue', columns: { amount: 'amount' }, outputs: [{ format: 'csv', file: path.join(out, `${name}-revenue.csv`) }] },
        { kind: 'survival', by: ['plan'], outputs: [{ format: 'csv', file: path.join(out, `${name}-survival.csv`) }] },
        { kind: 'crr', period: 'quarter', by: ['channel'], outputs: [{ format: 'csv', file: path.join(out, `${name}-crr.csv`) }] },
        { kind: 'compare', by: 'channel', reference: 'organic', outputs: [{ format: 'csv', file: path.join(out, `${name}-compare.csv`) }] },
        { kind: 'reasons', reason: ['churn_reason'], by: ['plan'], outputs: [{ format: 'csv', file: path.join(out, `${name}-reasons.csv`) }] },
        { kind: 'value', value: 'monthly_price', by: ['plan'], outputs: [{ format: 'csv', file: path.join(out, `${name}-value.csv`) }] },
      ],
    });
    const files = { activity: tables.events.file, customers: tables.customers.file };
    const runs: [string, Record<string, unknown> | undefined, Record<string, string> | undefined][] = [
      ['memory', undefined, files],
      ['duckdb', { name: 'duckdb' }, files],
      ...(servers?.pg ? [['postgres', { name: 'postgres', url: servers.pg.url, table: 'events', customersTable: 'customers' }, undefined] as [string, Record<string, unknown>, undefined]] : []),
      ...(servers?.ch ? [['clickhouse', { name: 'clickhouse', url: servers.ch.urls[0], table: 'events', customersTable: 'customers' }, undefined] as [string, Record<string, unknown>, undefined]] : []),
    ];
    expect(runs.length).toBe(2 + Number(HAS_PG) + Number(HAS_CH));
    for (const [name, engine, input] of runs) {
      const file = path.join(out, `${name}.json`);
      writeFileSync(file, JSON.stringify(spec(name, engine, input)));
      const r = await runCli(['run', file, '-q']);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
    }
    for (const part of ['matrix', 'revenue', 'survival', 'crr', 'compare', 'reasons', 'value']) {
      const mem = readFileSync(path.join(out, `memory-${part}.csv`), 'utf8');
      expect(mem.split('\n').length, part).toBeGreaterThan(3);
      for (const [name] of runs.slice(1)) expect(readFileSync(path.join(out, `${name}-${part}.csv`), 'utf8'), `${name} ${part}`).toBe(mem);
    }
  }, 180_000);
});

const sampleCols = { id: 'customer_id', time: 'event_time', signup: 'signup_at', churn: 'churned_at' };
const dstCols = { id: 'id', time: 'time', signup: 'signup' };
const HAS_MAVEN = hasSharedDataset(MAVEN);
type CompareCase = [name: string, data: { activity?: string; customers?: string }, spec: Omit<CompareSpec, 'input'>];
const COMPARE_CASES: CompareCase[] = [
  ['sample: by channel, churn column, amount from activity', sample, { by: 'channel', reference: 'organic', columns: { ...sampleCols, amount: 'amount' } }],
  ['sample: condition "monthly_price > 20", first activity, Europe/Berlin, revenue from a customers column', sample,
    { by: 'monthly_price > 20', anchor: 'first-activity', tz: 'Europe/Berlin', columns: { ...sampleCols, amount: 'monthly_price' } }],
  ['sample: plan, two groups, unbounded, BH', sample, { by: 'plan', groups: ['basic', 'pro'], mode: 'unbounded', adjust: 'bh', columns: sampleCols }],
  ['sample: onboarding, survival mode, elapsed weeks', sample, { by: 'onboarding', mode: 'survival', offsets: 'elapsed', period: 'week', maxOffset: 20, columns: sampleCols }],
  ['DST Berlin: by channel, first activity, weekly, inactive after 30 days, revenue', { activity: 'dst', customers: 'dstcus' },
    { by: 'channel', anchor: 'first-activity', period: 'week', tz: 'Europe/Berlin', inactiveAfter: '30d', columns: { ...dstCols, amount: 'amount' } }],
  ['DST Berlin: condition "referrals >= 1" from signup, daily, max offset 60', { activity: 'dst', customers: 'dstcus' },
    { by: 'referrals >= 1', period: 'day', maxOffset: 60, tz: 'Europe/Berlin', inactiveAfter: '21d', columns: dstCols }],
  ['sample: plan, time to first activity after signup, filtered', sample,
    { by: 'plan', until: 'first-activity', where: ['amount > 40'], columns: { id: 'customer_id', time: 'event_time', signup: 'signup_at' } }],
  ['sample: a number column as the groups (monthly_price: "19", not "19.0")', sample, { by: 'monthly_price', columns: { ...sampleCols, churn: undefined, signup: 'signup_at' } }],
  ['sample: a time condition "signup_at >= 2023-01-01", filtered', sample,
    { by: 'signup_at >= 2023-01-01', where: ['amount > 20', 'channel != email'], columns: { ...sampleCols, amount: 'amount' } }],
  ['DST Berlin, activity only: condition "amount > 50" on the first counted activity, weekly elapsed, revenue', { activity: 'dst' },
    { by: 'amount > 50', period: 'week', offsets: 'elapsed', tz: 'Europe/Berlin', inactiveAfter: '30d', columns: { id: 'id', time: 'time', amount: 'amount' } }],
  ['sample: activity-table condition from signup, revenue from a customers column', sample,
    { by: 'amount >= 30', columns: { ...sampleCols, amount: 'monthly_price' } }],
  ['synthetic groups by NPS class (nps_class of a score column with missing and off-scale values), promoters as reference', { activity: 'synev', customers: 'syncus' },
    { by: 'nps_class', nps: 'nps', reference: 'promoter', inactiveAfter: '45d', maxOffset: 6, asOf: SYNTHETIC_AS_OF, columns: { id: 'customer_id', time: 'event_time', signup: 'signup_at' } }],
  ['synthetic referral vs organic (known hazards), inactive after 45 days', { activity: 'synev', customers: 'syncus' },
    { by: 'channel', inactiveAfter: '45d', maxOffset: 12, asOf: SYNTHETIC_AS_OF, columns: { id: 'customer_id', time: 'event_time', signup: 'signup_at' } }],
];
const HAS_OLIST = hasSharedDataset(OLIST_LEADS) && hasSharedDataset(OLIST_DEALS);
const OLIST_CASES: CompareCase[] = [
  ['Olist: lead origin, time from first contact to a won deal (until first activity)', { activity: 'deals', customers: 'leads' },
    { by: 'origin', groups: ['referral', 'organic_search'], until: 'first-activity', at: [30, 90, 180], maxOffset: 3, columns: { id: 'mql_id', time: 'won_date', signup: 'first_contact' } }],
];
const MAVEN_CASES: CompareCase[] = [
  ['Maven telecom: the number column "Number of Referrals", three groups', { customers: 'maven' },
    { by: 'Number of Referrals', groups: ['0', '1', '2'], reference: '0', duration: 'Tenure in Months', event: 'Customer Status=Churned', unit: 'months', columns: { id: 'Customer ID', amount: 'Total Revenue' } }],
  ['Maven telecom: "Number of Referrals > 0", tenure and status given directly, Total Revenue', { customers: 'maven' },
    { by: 'Number of Referrals > 0', duration: 'Tenure in Months', event: 'Customer Status=Churned', unit: 'months', columns: { id: 'Customer ID', amount: 'Total Revenue' } }],
  ['Maven telecom: Contract, two groups, reference Month-to-Month', { customers: 'maven' },
    { by: 'Contract', groups: ['Month-to-Month', 'Two Year'], reference: 'Month-to-Month', duration: 'Tenure in Months', event: 'Customer Status=Churned', unit: 'months', maxOffset: 24, columns: { id: 'Customer ID' } }],
];

describe.each([...COMPARE_CASES, ...(HAS_MAVEN ? MAVEN_CASES : []), ...(HAS_OLIST ? OLIST_CASES : [])])('compare: memory = DuckDB = PostgreSQL = ClickHouse (2 shards): %s', (_name, data, spec) => {
  it('gives identical groups, counts, differences, p-values, survival and revenue', async () => {
    const files = { activity: data.activity && tables[data.activity].file, customers: data.customers && tables[data.customers].file };
    const mem = await compare({ ...spec, input: files });
    expect(mem.groups.length).toBeGreaterThanOrEqual(2);
    expect(engines.length).toBe(1 + Number(HAS_PG) + Number(HAS_CH));
    for (const e of engines) {
      const where = e.name === 'duckdb' ? files : data;
      const src = await describeSources(e.conn, where);
      const r = await executeCompareSql(e.conn, comparePlan({ ...spec, input: where }, sqlSchema(src)), src);
      expect(compareDifferences(mem, r), e.name).toEqual([]);
    }
  }, 120_000);
});

describe('kohort report on a SQL engine: memory = DuckDB = PostgreSQL = ClickHouse (2 shards)', () => {
  it('computes the same numbers in every part, and names a part the engine cannot compute yet', async () => {
    const spec: Omit<ReportSpec, 'input'> = {
      columns: { id: 'customer_id', time: 'event_time', signup: 'signup_at', churn: 'churned_at', amount: 'amount' },
      modes: ['classic', 'unbounded', 'revenue', 'survival'],
      by: ['plan'],
      reason: 'churn_reason',
      value: 'monthly_price',
      tz: 'Europe/Berlin',
    };
    const files = { activity: tables.events.file, customers: tables.customers.file };
    const mem = await retentionReport({ ...spec, input: files });
    expect(mem.matrices.length).toBe(4);
    expect(mem.crr && mem.survival && mem.byMatrix && mem.reasons && mem.value).toBeTruthy();
    for (const e of engines) {
      const o = e.name === 'duckdb' ? { engine: 'duckdb' as const } : { engine: e.name as 'postgres' | 'clickhouse', url: e.name === 'postgres' ? servers!.pg!.url : servers!.ch!.urls[0], table: 'events', customersTable: 'customers' };
      const r = await runOnEngine(reportAnalysis, { ...spec, input: e.name === 'duckdb' ? files : {} }, o);
      mem.matrices.forEach((m, i) => expect(matrixDifferences(m, r.matrices[i]), `${e.name} ${m.spec.mode}`).toEqual([]));
      expect(matrixDifferences(mem.byMatrix!.result, r.byMatrix!.result), `${e.name} by plan`).toEqual([]);
      expect(crrDifferences(mem.crr!, r.crr!), e.name).toEqual([]);
      expect(survivalDifferences(mem.survival!, r.survival!), e.name).toEqual([]);
      // Reasons and value: the engine's own numbers when it has them, else a note naming the part.
      if (r.reasons) expect(reasonsDifferences(mem.reasons!, r.reasons), `${e.name} reasons`).toEqual([]);
      else expect(r.notes, `${e.name} reasons`).toContain(`Churn reasons: not computed on the ${e.name} engine yet (--engine memory computes it)`);
      if (r.value) expect(valueDifferences(mem.value!, r.value), `${e.name} value`).toEqual([]);
      else expect(r.notes, `${e.name} value`).toContain(`Value of churned and retained customers: not computed on the ${e.name} engine yet (--engine memory computes it)`);
    }
  }, 180_000);
});

describe('naive wall-clock times to instants: DuckDB = PostgreSQL = kohort (DST gaps move forward, repeated hours take the earlier instant)', () => {
  const TIMES: [string, string][] = [
    ['Europe/Berlin', '2022-10-30 02:30:00'],
    ['Europe/Berlin', '2022-10-30 02:00:00'],
    ['Europe/Berlin', '2022-10-30 03:00:00'],
    ['Europe/Berlin', '2022-03-27 02:30:00'],
    ['Europe/Berlin', '2022-06-01 12:00:00'],
    ['America/New_York', '2023-11-05 01:30:00'],
    ['America/New_York', '2023-03-12 02:30:00'],
    ['Australia/Sydney', '2023-04-02 02:30:00'],
  ];
  it.each(TIMES)('%s %s', async (tz, wall) => {
    const want = parseTimeString(wall, timeZone(tz));
    for (const e of engines.filter((x) => x.name !== 'clickhouse')) {
      const d = e.conn.dialect;
      const r = await e.conn.query(`SELECT ${d.epochMs({ expr: d.string(wall), type: 'local' }, tz)} AS m`);
      expect(Number(r[0].m), e.name).toBe(want);
    }
  });
});

describe('kohort compare --engine postgres|clickhouse (the CLI, in-process, over the server tables)', () => {
  it('writes the memory engine\'s tidy CSV for the synthetic referral / organic groups', async () => {
    const args = ['--signup', 'signup_at', '--by', 'channel', '--inactive-after', '45d', '--max-offset', '12', '--as-of', SYNTHETIC_AS_OF, '--format', 'tidy-csv', '-q'];
    const mem = await runCli(['compare', tables.synev.file, '--customers', tables.syncus.file, ...args]);
    expect(mem.code, mem.stderr).toBe(0);
    expect(mem.stdout.split('\n').length).toBeGreaterThan(20);
    const { pg, ch } = servers ?? {};
    const urls = [...(pg ? [['postgres', pg.url]] : []), ...(ch ? [['clickhouse', ch.urls[0]]] : [])];
    for (const [engine, url] of urls) {
      const r = await runCli(['compare', '--engine', engine, '--url', url, '--table', 'synev', '--customers-table', 'syncus', ...args]);
      expect(r.stderr, engine).toBe('');
      expect(r.stdout, engine).toBe(mem.stdout);
    }
  }, 120_000);
});
