import nodeSqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import type { DialectName } from '../../../src/engine/sql/dialect.js';
import { churnSqlText, matrixSqlText } from '../../../src/engine/sql/print-sql.js';
import { compareSqlText, compareStatements } from '../../../src/engine/sql/print-compare-sql.js';
import { DIALECTS } from '../../../src/engine/sql/dialects/index.js';
import type { MatrixSpec } from '../../../src/spec/types.js';
import { outcomeSqlText, type OutcomeSqlSpec } from '../../../src/engine/sql/print-outcome-sql.js';

// An independent parser (node-sql-parser) reads the generated SQL of every dialect it
// knows, for every mode and offset kind; the servers here execute the rest (cross-engine).
const { Parser } = nodeSqlParser as unknown as { Parser: new () => { astify(sql: string, o: { database: string }): unknown } };
const PARSERS: Partial<Record<DialectName, string>> = {
  postgres: 'PostgresQL',
  duckdb: 'PostgresQL',
  bigquery: 'BigQuery',
  snowflake: 'Snowflake',
  trino: 'Trino',
  spark: 'Hive',
};

const SPECS: [string, MatrixSpec, { customersTable?: string }][] = [
  ['classic', { input: {} }, {}],
  ['unbounded weekly Berlin', { input: {}, mode: 'unbounded', period: 'week', tz: 'Europe/Berlin' }, {}],
  ['revenue, filtered', { input: {}, mode: 'revenue', columns: { amount: 'price*qty' }, where: ["country = O'Brien land", 'price > 0'] }, {}],
  ['gross revenue', { input: {}, mode: 'gross-revenue', columns: { amount: 'amount' } }, {}],
  ['ltv elapsed months', { input: {}, mode: 'ltv', offsets: 'elapsed', columns: { amount: 'amount' } }, {}],
  ['channel x quarter from signup', { input: {}, cohort: ['quarter', 'channel'], columns: { signup: 'signup_at' } }, { customersTable: 'crm.customers' }],
  ['survival', { input: {}, mode: 'survival', columns: { signup: 'signup_at', churn: 'churned_at' } }, { customersTable: 'customers' }],
  ['month x channel of the activity table', { input: {}, cohort: ['month', 'channel'] }, {}],
];

const strip = (sql: string): string => sql.split('\n').filter((l) => !l.startsWith('--')).join('\n').replace(/;\s*$/, '');

describe.each(Object.entries(PARSERS))('%s SQL parsed by node-sql-parser', (dialect, database) => {
  it.each(SPECS)('%s', (_name, spec, o) => {
    const sql = strip(matrixSqlText(spec, { dialect: dialect as DialectName, table: 'app.events', asOf: undefined, now: Date.UTC(2024, 5, 1), ...o } as never));
    expect(() => new Parser().astify(sql, { database })).not.toThrow();
  });
});

const CHURN: [string, 'survival' | 'crr', Record<string, unknown>, { table?: string; customersTable?: string }][] = [
  ['survival by plan, churn column', 'survival', { columns: { signup: 'signup_at', churn: 'churned_at' }, by: ['plan'] }, { customersTable: 'crm.customers' }],
  ['survival, inferred churn, first activity', 'survival', { inactiveAfter: '90d' }, { table: 'app.events' }],
  ['survival, durations given directly', 'survival', { duration: 'tenure', event: 'Churn=Yes', by: ['Contract'] }, { customersTable: 'telco' }],
  ['survival by a group of the activity table, inferred churn', 'survival', { inactiveAfter: '60d', by: ['device'] }, { table: 'app.events' }],
  ['crr quarterly, Berlin', 'crr', { columns: { signup: 'signup_at', churn: 'churned_at' }, period: 'quarter', tz: 'Europe/Berlin' }, { customersTable: 'customers' }],
];

describe.each(Object.entries(PARSERS))('%s lifetimes SQL parsed by node-sql-parser', (dialect, database) => {
  it.each(CHURN)('%s', (_name, analysis, spec, o) => {
    const sql = strip(churnSqlText({ input: {}, ...spec } as never, { analysis, dialect: dialect as DialectName, now: Date.UTC(2024, 5, 1), ...o }));
    expect(() => new Parser().astify(sql, { database })).not.toThrow();
  });
});

describe('matrixSqlText', () => {
  it('quotes identifiers and escapes values in every dialect', () => {
    for (const dialect of ['duckdb', 'postgres', 'clickhouse', 'bigquery', 'snowflake', 'trino', 'spark'] as const) {
      const sql = matrixSqlText(
        { input: {}, columns: { id: 'user"id`x', time: 'ts' }, where: ["note = it's; DROP TABLE x --"] },
        { dialect, table: 'events', now: Date.UTC(2024, 5, 1), numbers: [] },
      );
      // The value only ever appears inside a string literal, its quote doubled or escaped.
      expect(sql).toMatch(/it(''|\\')s; DROP TABLE x --'/);
      expect(sql).not.toMatch(/[^'\\]'s; DROP/);
    }
  });
});

const OUTCOMES: [string, OutcomeSqlSpec, { table?: string; customersTable?: string }][] = [
  ['reasons, status flag, two levels by contract', { analysis: 'reasons', spec: { columns: { id: 'Customer ID' }, event: 'Customer Status=Churned', reason: 'Churn Category,Churn Reason', by: ['Contract'] } }, { customersTable: 'crm.telecom' }],
  ['reasons, churn column, by signup quarter in Berlin', { analysis: 'reasons', spec: { columns: { id: 'id', signup: 'signup_at', churn: 'churned_at' }, reason: 'reason', cohort: 'quarter', tz: 'Europe/Berlin' } }, { customersTable: 'customers' }],
  ['reasons, inferred churn, nps_class', { analysis: 'reasons', spec: { columns: { id: 'id', time: 'ts', signup: 'signup_at' }, inactiveAfter: '90d', reason: 'reason', by: ['nps_class'], nps: 'nps' } }, { table: 'app.events', customersTable: 'customers' }],
  ['value, status flag, value column', { analysis: 'value', spec: { columns: { id: 'Customer ID' }, event: 'Customer Status=Churned', value: 'Total Revenue', by: ['Contract'] } }, { customersTable: 'telecom' }],
  ['value, inferred churn, amounts', { analysis: 'value', spec: { columns: { id: 'id', time: 'ts' }, inactiveAfter: '45d', amount: 'qty*price', where: ["country = O'Brien land"] } }, { table: 'app.events' }],
  ['value, status flag, amounts', { analysis: 'value', spec: { columns: { id: 'id', time: 'ts' }, event: 'churned', amount: 'amount', by: ['plan'] } }, { table: 'app.events', customersTable: 'customers' }],
  ['feedback, by segment, three scores, filtered', { analysis: 'feedback', spec: { columns: { id: 'id' }, by: ['segment'], nps: 'nps', csat: 'csat', ces: 'ces', where: ['segment != test'] } }, { customersTable: 'survey' }],
  ['feedback, by nps_class', { analysis: 'feedback', spec: { by: ['nps_class'], nps: 'nps', csat: 'csat' } }, { customersTable: 'survey' }],
];

describe.each(Object.entries(PARSERS))('%s reasons, value and feedback SQL parsed by node-sql-parser', (dialect, database) => {
  it.each(OUTCOMES)('%s', (_name, a, o) => {
    const text = outcomeSqlText(a, { dialect: dialect as DialectName, now: Date.UTC(2024, 5, 1), ...o });
    const statements = strip(text).split(/;\n/).map((s) => s.trim()).filter((s) => s !== '');
    expect(statements.length).toBe(a.analysis === 'value' ? 2 : 1);
    for (const sql of statements) expect(() => new Parser().astify(sql, { database }), sql).not.toThrow();
  });
});

describe('outcomeSqlText', () => {
  it('quotes identifiers and escapes the status value in every dialect', () => {
    for (const dialect of ['duckdb', 'postgres', 'clickhouse', 'bigquery', 'snowflake', 'trino', 'spark'] as const) {
      const sql = outcomeSqlText(
        { analysis: 'reasons', spec: { columns: { id: 'user"id`x' }, event: "status=it's; DROP TABLE x --", reason: 'why' } },
        { dialect, customersTable: 'customers' },
      );
      expect(sql).toMatch(/it(''|\\')s; DROP TABLE x --'/);
      expect(sql).not.toMatch(/[^'\\]'s; DROP/);
    }
  });
});

const COMPARE: [string, Record<string, unknown>, { table?: string; customersTable?: string }][] = [
  ['by channel, churn column, amount', { by: 'channel', groups: ['referral', 'organic'], columns: { signup: 'signup_at', churn: 'churned_at', amount: 'amount' } }, { table: 'app.events', customersTable: 'crm.customers' }],
  ['condition "Number of Referrals > 0", first activity, Berlin, inferred churn', { by: 'Number of Referrals > 0', anchor: 'first-activity', tz: 'Europe/Berlin', inactiveAfter: '45d' }, { table: 'app.events', customersTable: 'customers' }],
  ["condition on text with a quote: plan = O'Brien", { by: "plan = O'Brien", mode: 'unbounded', columns: { signup: 'signup_at' } }, { table: 'events', customersTable: 'customers' }],
  ['time to first activity after signup (until first-activity), by origin', { by: 'origin', until: 'first-activity', columns: { id: 'mql_id', time: 'won_date', signup: 'first_contact' } }, { table: 'deals', customersTable: 'leads' }],
  ['groups by NPS class of a score column', { by: 'nps_class', nps: 'score', inactiveAfter: '30d', columns: { signup: 'signup_at' } }, { table: 'events', customersTable: 'survey' }],
  ['durations given directly, Total Revenue', { by: 'Number of Referrals > 0', duration: 'Tenure in Months', event: 'Customer Status=Churned', columns: { id: 'Customer ID', amount: 'Total Revenue' } }, { customersTable: 'telecom' }],
];

describe.each(Object.entries(PARSERS))('%s compare SQL parsed by node-sql-parser', (dialect, database) => {
  it.each(COMPARE)('%s', (_name, spec, o) => {
    const statements = compareStatements({ input: {}, ...spec } as never, { dialect: dialect as DialectName, now: Date.UTC(2024, 5, 1), numbers: ['Number of Referrals'], ...o });
    expect(statements.length).toBeGreaterThanOrEqual(2);
    for (const s of statements) expect(() => new Parser().astify(s.sql, { database }), s.title).not.toThrow();
  });
});

describe('compareSqlText', () => {
  it('compiles the condition with the column quoted and the value escaped, in every dialect', () => {
    for (const dialect of ['duckdb', 'postgres', 'clickhouse', 'bigquery', 'snowflake', 'trino', 'spark'] as const) {
      const text = "note = it's; DROP TABLE x --";
      const sql = strip(compareSqlText({ input: {}, by: text, columns: { signup: 'signup_at' } }, { dialect, table: 'events', customersTable: 'customers', now: Date.UTC(2024, 5, 1) }));
      // The condition's text names the group column: a quoted identifier; its value is a string literal.
      const ident = DIALECTS[dialect].ident(text);
      expect(sql).toContain(ident);
      const rest = sql.split(ident).join('');
      expect(rest).toMatch(/it(''|\\')s; DROP TABLE x --'/);
      expect(rest).not.toMatch(/[^'\\]'s; DROP/);
    }
  });
});
