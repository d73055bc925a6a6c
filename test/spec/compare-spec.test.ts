import { describe, expect, it } from 'vitest';
import { compareParts, resolveGroupBy } from '../../src/spec/compare-spec.js';
import { thrown } from '../thrown.js';

const schema = {
  activity: { file: 'e.csv', columns: ['customer_id', 'event_time'] },
  customers: { file: 'c.csv', columns: ['customer_id', 'signup_at', 'channel', 'churned_at'] },
};

describe('compareParts(spec, name, schema)', () => {
  it('takes a churn column the customers table has', () => {
    const { survival } = compareParts({ input: {}, by: 'channel' }, 'channel', schema);
    expect(survival?.columns?.churn).toBe('churned_at');
  });

  it('infers churn from inactiveAfter without also detecting the churn column', () => {
    const { survival } = compareParts({ input: {}, by: 'channel', inactiveAfter: '45d' }, 'channel', schema);
    expect(survival?.inactiveAfter).toBe('45d');
    expect(survival?.columns?.churn).toBeUndefined();
  });

  it('passes decimal and maxRejects to both parts, and the rejects file to the first part only', () => {
    const reading = { decimal: ',', maxRejects: '5', rejects: 'r.csv' };
    const dated = compareParts({ input: {}, by: 'channel', inactiveAfter: '45d', ...reading }, 'channel', schema);
    expect(dated.matrix).toMatchObject(reading);
    expect(dated.survival).toMatchObject({ decimal: ',', maxRejects: '5' });
    expect(dated.survival?.rejects).toBeUndefined();
    const durations = compareParts({ input: {}, by: 'channel', duration: 'tenure', event: 'churned=1', ...reading }, 'channel', schema);
    expect(durations.matrix).toBeUndefined();
    expect(durations.survival).toMatchObject(reading);
  });
});

describe('resolveGroupBy(by, schema)', () => {
  const priced = { ...schema, customers: { file: 'c.csv', columns: [...schema.customers.columns, 'monthly_price', 'a>b'] } };

  it('reads a column, loosely matched, or a condition on one', () => {
    expect(resolveGroupBy('Channel', priced)).toEqual({ kind: 'column', column: 'channel', table: 'customers' });
    expect(resolveGroupBy('monthly_price > 30', priced)).toMatchObject({ kind: 'condition', filter: { column: 'monthly_price', op: '>', value: '30' } });
    expect(resolveGroupBy('a>b', priced)).toEqual({ kind: 'column', column: 'a>b', table: 'customers' });
  });

  it('refuses a condition missing its value, never reading "monthly_price >" as the column monthly_price', () => {
    const e = thrown(() => resolveGroupBy('monthly_price >', priced));
    expect(e.code).toBe('badGroupCondition');
    expect(e.message).toBe('by "monthly_price >" is neither a column nor a condition "<column> <op> <value>" with op one of = != < <= > >= ^= !^=');
    expect(thrown(() => resolveGroupBy('= 3', priced)).code).toBe('badGroupCondition');
  });

  it('lists each file\'s columns once, under its own name, when the --by column is missing', () => {
    const e = thrown(() => resolveGroupBy('chanel', priced));
    expect(e.message).toBe(
      'column "chanel": no column "chanel" for the groups (by); the columns of c.csv are "customer_id", "signup_at", "channel", "churned_at", "monthly_price", "a>b"; ' +
        'those of e.csv are "customer_id", "event_time". Did you mean "channel"?',
    );
  });
});
