import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/spec/normalize.js';

const act = { file: 'orders.csv', columns: ['CustomerID', 'InvoiceDate', 'Quantity', 'UnitPrice', 'InvoiceNo', 'Country'] };

describe('normalize(spec, schema)', () => {
  it('fills the defaults and detects the columns', () => {
    const n = normalize({ input: {} }, { activity: act });
    expect(n).toMatchObject({
      activity: { file: 'orders.csv', id: 'CustomerID', time: 'InvoiceDate' },
      anchor: 'first-activity',
      cohort: { time: 'month', attributes: [] },
      period: 'month',
      offsets: 'calendar',
      weekStart: 'monday',
      mode: 'classic',
      tz: 'UTC',
      partial: false,
      filters: [],
      strict: false,
    });
    expect(n.asOf).toBeUndefined();
  });

  it('reads an amount product and attribute cohorts', () => {
    const n = normalize(
      { input: {}, mode: 'revenue', columns: { amount: 'Quantity*UnitPrice' }, cohort: ['quarter', 'Country'] },
      { activity: act },
    );
    expect(n.activity!.amount).toEqual(['Quantity', 'UnitPrice']);
    expect(n.cohort).toEqual({ time: 'quarter', attributes: [{ column: 'Country', table: 'activity' }] });
  });

  it('parses filters and the as-of date', () => {
    const n = normalize({ input: {}, where: ['InvoiceNo !^= C'], asOf: '2012-01-01' }, { activity: act });
    expect(n.filters).toEqual([{ column: 'InvoiceNo', op: '!^=', value: 'C', table: 'activity' }]);
    expect(n.asOf).toBe(Date.UTC(2012, 0, 1));
  });

  it('takes the anchor from the signup column of a customers table', () => {
    const n = normalize(
      { input: {}, cohort: ['month', 'channel'] },
      { activity: { file: 'e.csv', columns: ['customer_id', 'event_time'] }, customers: { file: 'c.csv', columns: ['customer_id', 'signup_at', 'channel'] } },
    );
    expect(n.anchor).toBe('signup');
    expect(n.customers).toMatchObject({ id: 'customer_id', signup: 'signup_at' });
    expect(n.cohort.attributes).toEqual([{ column: 'channel', table: 'customers' }]);
  });

  it.each([
    [{ mode: 'weekly' }, 'mode "weekly" is not one of'],
    [{ period: 'fortnight' }, 'period "fortnight" is not one of'],
    [{ tz: 'Mars/Olympus' }, 'unknown time zone "Mars/Olympus"'],
    [{ asOf: 'yesterday' }, 'asOf "yesterday"'],
    [{ mode: 'revenue', columns: { amount: 'A*B*C' } }, 'columns.amount "A*B*C"'],
    [{ cohort: ['month', 'week'] }, 'at most one time granularity'],
    [{ cohort: ['plan'] }, 'no column "plan" for cohort attribute'],
    [{ where: ['Nope = 1'] }, 'no column "Nope" for filter (where)'],
    [{ maxOffset: -1 }, 'maxOffset expects a whole number'],
  ])('rejects %o', (spec, message) => {
    expect(() => normalize({ input: {}, ...(spec as object) }, { activity: act })).toThrow(message);
  });

  it('needs an amount for revenue modes', () => {
    expect(() => normalize({ input: {}, mode: 'ltv' }, { activity: { file: 'e.csv', columns: ['id', 'time'] } })).toThrow(
      'cannot tell which column is the amount',
    );
  });
});

describe('normalize(spec, schema) with inactiveAfter', () => {
  const schema = {
    activity: { file: 'e.csv', columns: ['customer_id', 'event_time'] },
    customers: { file: 'c.csv', columns: ['customer_id', 'signup_at', 'churned_at'] },
  };

  it('infers churn from inactivity instead of a detected churn column', () => {
    const n = normalize({ input: {}, mode: 'survival', inactiveAfter: '30d' }, schema);
    expect(n.customers!.churn).toBeUndefined();
    expect(n.inactiveAfterDays).toBe(30);
  });

  it('rejects inactiveAfter beside a churn column given by name', () => {
    expect(() => normalize({ input: {}, mode: 'survival', inactiveAfter: '30d', columns: { churn: 'churned_at' } }, schema)).toThrow(
      'inactiveAfter infers churn from activity, but columns.churn "churned_at" names churn times: drop one of them',
    );
  });
});

describe('normalize(spec, schema) with a customers table alone', () => {
  const customers = { file: 'c.csv', columns: ['customer_id', 'signup_at', 'churned_at', 'amount'] };

  it.each(['classic', 'unbounded', 'revenue', 'gross-revenue', 'ltv'])('refuses mode %s, which counts activity (never a matrix of zeros)', (mode) => {
    expect(() => normalize({ input: {}, mode: mode as 'classic' }, { customers })).toThrow(
      `mode "${mode}" counts activity: pass an activity file (a customers table alone gives mode "survival", with its churn column)`,
    );
  });

  it('takes mode survival', () => {
    expect(normalize({ input: {}, mode: 'survival' }, { customers }).customers!.churn).toBe('churned_at');
  });
});
