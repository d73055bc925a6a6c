import { describe, expect, it } from 'vitest';
import { compareParts } from '../../src/spec/compare-spec.js';

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
});
