import nodeSqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const { Parser } = nodeSqlParser as unknown as { Parser: new () => { astify(sql: string, o: { database: string }): unknown } };
const statements = (text: string): string[] =>
  text.split('\n').filter((l) => !l.startsWith('--')).join('\n').split(/;\n/).map((s) => s.trim()).filter((s) => s !== '');

describe('kohort sql --analysis reasons | value | feedback', () => {
  it('prints the reasons SQL of a status flag, the value escaped, that PostgreSQL parses', async () => {
    const r = await runCli(['sql', '--dialect', 'postgres', '--analysis', 'reasons', '--customers-table', 'crm.telecom', '--id', 'Customer ID',
      '--event', "Customer Status=O'Churned", '--reason', 'Churn Category,Churn Reason', '--by', 'Contract']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('"crm"."telecom"');
    expect(r.stdout).toContain("'O''Churned'");
    for (const sql of statements(r.stdout)) expect(() => new Parser().astify(sql, { database: 'PostgresQL' })).not.toThrow();
  });

  it('prints two value statements (per group, overall) with the dialect\'s exact median', async () => {
    const r = await runCli(['sql', '--dialect', 'clickhouse', '--analysis', 'value', '--table', 'orders', '--inactive-after', '90d', '--amount', 'qty*price', '--time', 'ts', '--as-of', '2024-06-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(statements(r.stdout)).toHaveLength(2);
    expect(r.stdout).toContain('quantileExact(0.5)');
  });

  it('prints the feedback SQL for BigQuery, a --cohort only when asked for (reasons by signup quarter)', async () => {
    const f = await runCli(['sql', '--dialect', 'bigquery', '--analysis', 'feedback', '--customers-table', 'survey.answers', '--id', 'id', '--by', 'nps_class', '--nps', 'nps', '--csat', 'csat']);
    expect(f.code, f.stderr).toBe(0);
    for (const sql of statements(f.stdout)) expect(() => new Parser().astify(sql, { database: 'BigQuery' })).not.toThrow();
    const q = await runCli(['sql', '--dialect', 'duckdb', '--analysis', 'reasons', '--customers-table', 'customers', '--signup', 'signup_at', '--churn', 'churned_at', '--reason', 'why', '--cohort', 'quarter']);
    expect(q.code, q.stderr).toBe(0);
    expect(q.stdout).toContain('AS kp');
    const m = await runCli(['sql', '--dialect', 'duckdb', '--analysis', 'reasons', '--customers-table', 'customers', '--signup', 'signup_at', '--churn', 'churned_at', '--reason', 'why']);
    expect(m.stdout).not.toContain('AS kp');
  });

  it('says what is missing: no reason column', async () => {
    const r = await runCli(['sql', '--dialect', 'duckdb', '--analysis', 'reasons', '--customers-table', 'customers', '--event', 'status=Churned']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--reason/);
  });
});
