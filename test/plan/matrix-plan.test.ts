import { describe, expect, it } from 'vitest';
import { plan } from '../../src/plan/matrix-plan.js';
import { normalize } from '../../src/spec/normalize.js';

const schema = {
  activity: { file: 'orders.csv', columns: ['CustomerID', 'InvoiceDate', 'Quantity', 'UnitPrice', 'InvoiceNo', 'Country'] },
};

describe('plan(normalized)', () => {
  it('reads only the columns the run needs, from the right table; the id as text, attributes as labels', () => {
    const p = plan(normalize({ input: {}, cohort: ['month', 'Country'], where: ['InvoiceNo !^= C'] }, schema));
    expect(p.read).toEqual({
      activity: { file: 'orders.csv', columns: ['CustomerID', 'InvoiceDate', 'Country', 'InvoiceNo'], text: ['CustomerID'], csvLabels: ['Country'] },
    });
  });

  it.each([
    ['classic', { lastOffset: false, revenue: false, grossRevenue: false, churn: false }],
    ['unbounded', { lastOffset: true, revenue: false, grossRevenue: false, churn: false }],
    ['revenue', { lastOffset: false, revenue: true, grossRevenue: false, churn: false }],
    ['gross-revenue', { lastOffset: false, revenue: true, grossRevenue: true, churn: false }],
    ['ltv', { lastOffset: false, revenue: true, grossRevenue: false, churn: false }],
  ] as const)('says what %s needs computed', (mode, needs) => {
    const p = plan(normalize({ input: {}, mode, columns: { amount: 'Quantity*UnitPrice' } }, schema));
    expect(p.needs).toEqual({ active: true, ...needs });
  });

  it('reads an amount column found by name only when the mode sums amounts', () => {
    const withAmount = { activity: { file: 'events.csv', columns: ['customer_id', 'event_time', 'amount'] } };
    expect(plan(normalize({ input: {}, mode: 'classic' }, withAmount)).read.activity!.columns).toEqual(['customer_id', 'event_time']);
    expect(plan(normalize({ input: {}, mode: 'revenue' }, withAmount)).read.activity!.columns).toEqual(['customer_id', 'event_time', 'amount']);
  });

  it('is plain JSON-serialisable data', () => {
    const p = plan(normalize({ input: {}, asOf: '2012-01-01' }, schema));
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});
