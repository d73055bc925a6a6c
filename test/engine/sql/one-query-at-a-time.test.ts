import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareAnalysis } from '../../../src/api/compare.js';
import { crrAnalysis } from '../../../src/api/crr.js';
import { feedbackAnalysis } from '../../../src/api/feedback.js';
import { matrixAnalysis } from '../../../src/api/matrix.js';
import { reasonsAnalysis } from '../../../src/api/reasons.js';
import { survivalAnalysis } from '../../../src/api/survival.js';
import { valueAnalysis } from '../../../src/api/value.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import { outcomeActivity, outcomeCustomers, outcomeSurvey } from './outcome-data.js';
import { onEngine } from './same-on-engines.js';

// One DuckDB connection runs one query at a time: two at once on it hung or crashed the
// process when one failed and the run closed the connection under the other (96a1b9a,
// describeSources). Every analysis runs here on a connection that records how many of its
// calls were in flight at once.

let conn: SqlConnection;
let most = 0;
const input: { customers?: string; activity?: string; survey?: string } = {};

/** A connection whose every call counts the calls in flight (most = the largest count seen). */
function counting(c: SqlConnection): SqlConnection {
  let now = 0;
  const counted = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    most = Math.max(most, ++now);
    try {
      return await f(...a);
    } finally {
      --now;
    }
  };
  return {
    ...c,
    query: counted(c.query.bind(c)),
    queryColumns: c.queryColumns && counted(c.queryColumns.bind(c)),
    queryColumnar: c.queryColumnar && counted(c.queryColumnar.bind(c)),
    describe: counted(c.describe.bind(c)),
  };
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-one-query-'));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, `${name}.csv`);
    writeFileSync(file, text);
    return file;
  };
  input.customers = write('customers', outcomeCustomers(7));
  input.activity = write('activity', outcomeActivity(7));
  input.survey = write('survey', outcomeSurvey(7));
  conn = counting(await duckdbConnection());
});

afterAll(() => conn?.close());

describe('a DuckDB connection runs one query at a time', () => {
  const both = () => ({ customers: input.customers, activity: input.activity });
  const cases: [string, () => Promise<unknown>][] = [
    ['matrix', () => onEngine(conn, matrixAnalysis, { input: both(), columns: { id: 'id', time: 'time', signup: 'signup' }, cohort: ['month', 'plan'] })],
    ['survival', () => onEngine(conn, survivalAnalysis, { input: both(), columns: { id: 'id', time: 'time', signup: 'signup', churn: 'churned_at' }, by: ['plan'] })],
    ['crr', () => onEngine(conn, crrAnalysis, { input: both(), columns: { id: 'id', time: 'time', signup: 'signup', churn: 'churned_at' } })],
    ['compare', () => onEngine(conn, compareAnalysis, { input: both(), columns: { id: 'id', time: 'time', signup: 'signup', churn: 'churned_at', amount: 'amount' }, by: 'plan' })],
    ['reasons', () => onEngine(conn, reasonsAnalysis, { input: { customers: input.customers }, columns: { id: 'id' }, event: 'status=Churned', reason: 'category', by: ['segment'] })],
    ['value', () => onEngine(conn, valueAnalysis, { input: { customers: input.customers }, columns: { id: 'id' }, event: 'status=Churned', value: 'revenue', by: ['segment'] })],
    ['value (amounts)', () => onEngine(conn, valueAnalysis, { input: both(), columns: { id: 'id', time: 'time' }, event: 'status=Churned', amount: 'amount', by: ['plan'] })],
    ['feedback', () => onEngine(conn, feedbackAnalysis, { input: { customers: input.survey }, columns: { id: 'id' }, nps: 'nps', by: ['segment'] })],
  ];
  it.each(cases)('%s', async (_name, run) => {
    most = 0;
    await run();
    expect(most).toBe(1);
  }, 60_000);
});
