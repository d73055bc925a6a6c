import { describe, expect, it } from 'vitest';
import { columnRolesLine } from '../../src/report/column-roles.js';
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
