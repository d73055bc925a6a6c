import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { describeSources, executeMatrixSql, sqlSchema } from '../../../src/engine/sql/execute-matrix-sql.js';
import { matrix } from '../../../src/api/matrix.js';
import { plan } from '../../../src/plan/matrix-plan.js';
import { normalize } from '../../../src/spec/normalize.js';
import type { MatrixSpec } from '../../../src/spec/types.js';
import { berlinDstEvents } from './generated-data.js';
import { matrixDifferences } from './same-matrix.js';

// Differential: the memory engine and the generated DuckDB SQL on the same files give
// the same cohorts, counts (exactly), values (to 1e-9), completeness and average.
const SAMPLE = path.resolve(__dirname, '../../../datasets/sample');
const activity = path.join(SAMPLE, 'activity.csv');
const customers = path.join(SAMPLE, 'customers.csv');
const base: MatrixSpec = { input: { activity }, columns: { id: 'customer_id', time: 'event_time' } };
const withCustomers: MatrixSpec = { ...base, input: { activity, customers } };

const CASES: [string, MatrixSpec][] = [
  ['classic monthly', base],
  ['unbounded', { ...base, mode: 'unbounded' }],
  ['revenue', { ...base, mode: 'revenue', columns: { ...base.columns, amount: 'amount' } }],
  ['gross revenue', { ...base, mode: 'gross-revenue', columns: { ...base.columns, amount: 'amount' } }],
  ['ltv by quarter', { ...base, mode: 'ltv', period: 'quarter', cohort: ['quarter'], columns: { ...base.columns, amount: 'amount' } }],
  ['weekly, sunday start, month cohorts', { ...base, period: 'week', weekStart: 'sunday', cohort: ['month'] }],
  ['daily, max offset 40', { ...base, period: 'day', cohort: ['week'], maxOffset: 40 }],
  ['yearly', { ...base, period: 'year', cohort: ['year'] }],
  ['Europe/Berlin', { ...base, tz: 'Europe/Berlin', period: 'week', cohort: ['month'] }],
  ['as-of mid-month, partial', { ...base, asOf: '2023-06-15', partial: true }],
  ['elapsed days', { ...base, offsets: 'elapsed', period: 'day', cohort: ['month'], maxOffset: 60 }],
  ['elapsed weeks Berlin', { ...base, offsets: 'elapsed', period: 'week', tz: 'Europe/Berlin' }],
  ['elapsed months', { ...base, offsets: 'elapsed', period: 'month' }],
  ['elapsed quarters Berlin', { ...base, offsets: 'elapsed', period: 'quarter', cohort: ['quarter'], tz: 'Europe/Berlin' }],
  ['where filters', { ...base, where: ['amount > 20', 'customer_id !^= C00001'] }],
  ['channel x month, first activity', { ...withCustomers, cohort: ['month', 'channel'], anchor: 'first-activity' }],
  ['channel alone, strict', { ...withCustomers, cohort: ['channel'], anchor: 'first-activity', completeness: 'strict' }],
  ['signup anchor, plan x quarter', { ...withCustomers, columns: { ...base.columns, signup: 'signup_at' }, cohort: ['quarter', 'plan'] }],
  ['signup anchor, elapsed months', { ...withCustomers, columns: { ...base.columns, signup: 'signup_at' }, offsets: 'elapsed' }],
  ['customer filter', { ...withCustomers, cohort: ['month', 'onboarding'], anchor: 'first-activity', where: ['plan = pro'] }],
  ['survival mode, signup', { ...withCustomers, columns: { ...base.columns, signup: 'signup_at', churn: 'churned_at' }, mode: 'survival' }],
  ['survival mode, elapsed weeks', { ...withCustomers, columns: { ...base.columns, signup: 'signup_at', churn: 'churned_at' }, mode: 'survival', period: 'week', offsets: 'elapsed', cohort: ['month'] }],
  ['survival mode, churn inferred after 60 days, signup', { ...withCustomers, input: { activity, customers: signupsOnly() }, columns: { ...base.columns, signup: 'signup_at' }, mode: 'survival', inactiveAfter: '60d' }],
  ['survival mode, inferred churn, first activity, elapsed weeks', { ...base, mode: 'survival', inactiveAfter: '45d', offsets: 'elapsed', period: 'week', cohort: ['month'] }],
  ['survival mode, churn column, first activity, elapsed months', { ...withCustomers, columns: { ...base.columns, churn: 'churned_at' }, anchor: 'first-activity', mode: 'survival', offsets: 'elapsed' }],
  ['rolling: channel alone (the default for cohorts without a time part)', { ...withCustomers, cohort: ['channel'], anchor: 'first-activity' }],
  ['rolling: onboarding, unbounded, weekly, Berlin', { ...withCustomers, cohort: ['onboarding'], anchor: 'first-activity', mode: 'unbounded', period: 'week', tz: 'Europe/Berlin' }],
  ['rolling: plan, net revenue', { ...withCustomers, columns: { ...base.columns, amount: 'amount' }, cohort: ['plan'], anchor: 'first-activity', mode: 'revenue' }],
  ['rolling: channel, gross revenue, max offset 10', { ...withCustomers, columns: { ...base.columns, amount: 'amount' }, cohort: ['channel'], anchor: 'first-activity', mode: 'gross-revenue', maxOffset: 10 }],
  ['rolling: channel, ltv, as-of mid-month', { ...withCustomers, columns: { ...base.columns, amount: 'amount' }, cohort: ['channel'], anchor: 'first-activity', mode: 'ltv', asOf: '2023-06-15' }],
  ['rolling: month cohorts asked for, elapsed weeks', { ...base, completeness: 'rolling', offsets: 'elapsed', period: 'week', cohort: ['month'] }],
  ['rolling: plan from signup, survival mode', { ...withCustomers, columns: { ...base.columns, signup: 'signup_at', churn: 'churned_at' }, cohort: ['plan'], mode: 'survival' }],
  ['survival mode, first activity, Berlin', { ...withCustomers, columns: { ...base.columns, churn: 'churned_at' }, anchor: 'first-activity', mode: 'survival', tz: 'Europe/Berlin' }],
];

let conn: SqlConnection;
let dir: string;

/** The sample's customers without their churn column (churn is then inferred from activity). */
function signupsOnly(): string {
  const file = path.join(tmpdir(), 'kohort-sqld-signups.csv');
  const lines = readFileSync(customers, 'utf8').trim().split('\n').map((l) => l.split(',').slice(0, 6).join(','));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
beforeAll(async () => {
  conn = await duckdbConnection();
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-sqld-'));
});
afterAll(async () => conn?.close());

async function viaSql(spec: MatrixSpec) {
  const src = await describeSources(conn, { activity: spec.input.activity, customers: spec.input.customers });
  return executeMatrixSql(conn, plan(normalize(spec, sqlSchema(src))), src);
}

describe('memory engine vs generated DuckDB SQL on the sample', () => {
  it.each(CASES)('%s', async (_name, spec) => {
    const [mem, sql] = await Promise.all([matrix(spec), viaSql(spec)]);
    expect(sql.cohorts.count).toBeGreaterThan(0);
    expect(matrixDifferences(mem, sql)).toEqual([]);
  });
});

describe('memory engine vs generated DuckDB SQL across DST in Europe/Berlin', () => {
  it.each(['day', 'week', 'month'] as const)('instants around the changes, %s periods, calendar and elapsed', async (period) => {
    const file = path.join(dir, 'dst.csv');
    writeFileSync(file, berlinDstEvents(7));
    for (const offsets of ['calendar', 'elapsed'] as const) {
      const spec: MatrixSpec = { input: { activity: file }, tz: 'Europe/Berlin', period, offsets, cohort: [period === 'day' ? 'week' : period] };
      const [mem, sql] = await Promise.all([matrix(spec), viaSql(spec)]);
      expect(matrixDifferences(mem, sql), offsets).toEqual([]);
    }
  });
});
