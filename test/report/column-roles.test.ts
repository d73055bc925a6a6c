import { describe, expect, it } from 'vitest';
import { columnRolesLine, lifetimeColumnsLine } from '../../src/report/column-roles.js';
import { runCli } from '../cli/run-cli.js';

describe('columnRolesLine(spec)', () => {
  it('names the column of each role, per table', () => {
    expect(columnRolesLine({ activity: { id: 'uid', time: 't', amount: ['Quantity', 'UnitPrice'] }, customers: { id: 'id', signup: 'signup_at' } })).toBe(
      'columns: activity id "uid", time "t", amount "Quantity*UnitPrice"; customers id "id", signup "signup_at"',
    );
    expect(columnRolesLine({ customers: { id: 'id', signup: 's', churn: 'c' } })).toBe('columns: customers id "id", signup "s", churn "c"');
  });

  it('is the second line of kohort matrix\'s load report, so a detected column is never a silent guess', async () => {
    const r = await runCli(['matrix', 'datasets/sample/activity.csv', '--customers', 'datasets/sample/customers.csv', '--format', 'csv']);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      'read 40,000 rows of activity from datasets/sample/activity.csv',
      'read 2,000 rows of customers from datasets/sample/customers.csv',
      'columns: activity id "customer_id", time "event_time"; customers id "customer_id", signup "signup_at", churn "churned_at"',
    ]);
  });
});

describe('lifetimeColumnsLine(spec)', () => {
  it('names the id, signup and where churn comes from: a column, inactivity, durations or a flag', () => {
    const customers = { file: 'c.csv', id: 'customer_id', signup: 'signup_at' };
    expect(lifetimeColumnsLine({ customers, churn: { kind: 'column', column: 'churned_at' } })).toBe(
      'columns: customers id "customer_id", signup "signup_at", churn "churned_at"',
    );
    expect(lifetimeColumnsLine({ activity: { id: 'uid', time: 't' }, churn: { kind: 'inactivity', days: 90 } })).toBe(
      'columns: activity id "uid", time "t"; churn: 90 days after the last activity',
    );
    expect(lifetimeColumnsLine({ activity: { id: 'uid', time: 't' }, churn: { kind: 'inactivity', days: 1 } })).toMatch(/; churn: 1 day after the last activity$/);
    expect(lifetimeColumnsLine({ customers: {}, churn: { kind: 'duration', duration: 'tenure', event: { column: 'Churn', value: 'Yes' } } })).toBe(
      'columns: customers duration "tenure", event "Churn=Yes"',
    );
    expect(lifetimeColumnsLine({ customers: { id: 'Customer ID' }, churn: { kind: 'flag', event: { column: 'churned' } } })).toBe(
      'columns: customers id "Customer ID", churned "churned"',
    );
  });

  it('follows the files read in the load report of survival, crr, reasons, value and compare', async () => {
    const sample = ['datasets/sample/customers.csv', '--format', 'csv'];
    const line = 'columns: customers id "customer_id", signup "signup_at", churn "churned_at"';
    for (const args of [['survival', ...sample], ['crr', ...sample], ['reasons', ...sample, '--reason', 'churn_reason'], ['value', ...sample, '--value', 'monthly_price']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr.split('\n').slice(0, 2), args.join(' ')).toEqual(['read 2,000 rows of customers from datasets/sample/customers.csv', line]);
    }
    const c = await runCli(['compare', 'datasets/sample/activity.csv', '--customers', 'datasets/sample/customers.csv', '--by', 'channel', '--format', 'csv']);
    expect(c.stderr.split('\n')[2]).toBe('columns: activity id "customer_id", time "event_time"; customers id "customer_id", signup "signup_at", churn "churned_at"');
  });
});
