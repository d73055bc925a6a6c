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
