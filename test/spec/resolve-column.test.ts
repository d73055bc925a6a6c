import { describe, expect, it } from 'vitest';
import { closestColumn, resolveColumn, resolveInTables } from '../../src/spec/resolve-column.js';

const columns = ['Customer ID', 'event_time', 'channel', 'Plan'];

describe('resolveColumn(name, columns, context)', () => {
  it('takes the exact name first, then the one match ignoring case, spaces and punctuation', () => {
    expect(resolveColumn('channel', columns, { role: 'group' })).toBe('channel');
    expect(resolveColumn('Channel', columns, { role: 'group' })).toBe('channel');
    expect(resolveColumn('customer_id', columns, { role: 'id' })).toBe('Customer ID');
    expect(resolveColumn('EVENT TIME', columns, { role: 'time' })).toBe('event_time');
    expect(resolveColumn('a', ['a', 'A'], { role: 'x' })).toBe('a');
  });

  it('refuses a name two columns match loosely', () => {
    expect(() => resolveColumn('plan', ['Plan', 'PLAN'], { role: 'group', file: 'c.csv' })).toThrow(
      'c.csv, column "plan": "plan" (group) matches several columns when case and spacing are ignored: "Plan", "PLAN"; write the name exactly',
    );
  });

  it('lists the columns and suggests a close one', () => {
    expect(() => resolveColumn('chanel', columns, { role: 'group', file: 'c.csv' })).toThrow(
      'no column "chanel" for group; the columns are "Customer ID", "event_time", "channel", "Plan". Did you mean "channel"?',
    );
    expect(() => resolveColumn('revenue', columns, { role: 'amount' })).toThrow(/the columns are "Customer ID", "event_time", "channel", "Plan"$/);
  });
});

describe('closestColumn(name, columns)', () => {
  it('suggests within two edits, never for a short or distant name', () => {
    expect(closestColumn('chanel', columns)).toBe('channel');
    expect(closestColumn('customerd', columns)).toBe('Customer ID');
    expect(closestColumn('pl', columns)).toBeUndefined();
    expect(closestColumn('country', columns)).toBeUndefined();
  });

  it('counts two swapped letters as one edit, so short names get a suggestion too', () => {
    expect(closestColumn('tmie', ['id', 'time'])).toBe('time');
    expect(closestColumn('paln', columns)).toBe('Plan');
    expect(closestColumn('tmei', ['id', 'time'])).toBeUndefined();
  });

  it('suggests the one column whose name begins or ends with the name given: "reason" is churn_reason, "price" monthly_price', () => {
    const sample = ['customer_id', 'signup_at', 'monthly_price', 'churned_at', 'churn_reason', 'Total Revenue'];
    expect(closestColumn('reason', sample)).toBe('churn_reason');
    expect(closestColumn('price', sample)).toBe('monthly_price');
    expect(closestColumn('revenue', sample)).toBe('Total Revenue');
    expect(closestColumn('churn', sample)).toBeUndefined(); // churned_at and churn_reason: no one guess
    expect(closestColumn('at', sample)).toBeUndefined(); // too short to point anywhere
  });
});

describe('resolveInTables(name, schema, order, role)', () => {
  const schema = {
    activity: { file: 'a.csv', columns: ['id', 'time', 'Channel'] },
    customers: { file: 'c.csv', columns: ['id', 'signup', 'channel'] },
  };
  it('takes an exact name in any table before a loose one, tables in the order given', () => {
    expect(resolveInTables('channel', schema, ['activity', 'customers'], 'x')).toEqual({ column: 'channel', table: 'customers' });
    expect(resolveInTables('Channel', schema, ['customers', 'activity'], 'x')).toEqual({ column: 'Channel', table: 'activity' });
    expect(resolveInTables('CHANNEL', schema, ['customers', 'activity'], 'x')).toEqual({ column: 'channel', table: 'customers' });
    expect(resolveInTables('SIGNUP', schema, ['activity', 'customers'], 'x')).toEqual({ column: 'signup', table: 'customers' });
  });

  it('lists each file\'s columns under its own name when none has it, and suggests from both', () => {
    expect(() => resolveInTables('plan', schema, ['customers', 'activity'], 'group column')).toThrow(
      'column "plan": no column "plan" for group column; the columns of c.csv are "id", "signup", "channel"; those of a.csv are "id", "time", "Channel"',
    );
    expect(() => resolveInTables('tmie', schema, ['customers', 'activity'], 'group column')).toThrow(/those of a\.csv are "id", "time", "Channel"\. Did you mean "time"\?$/);
    expect(() => resolveInTables('signp', schema, ['activity', 'customers'], 'group column')).toThrow(/Did you mean "signup"\?$/);
  });

  it('names the one file searched as before', () => {
    expect(() => resolveInTables('plan', { customers: schema.customers }, ['customers', 'activity'], 'group column')).toThrow(
      'c.csv, column "plan": no column "plan" for group column; the columns are "id", "signup", "channel"',
    );
  });
});
