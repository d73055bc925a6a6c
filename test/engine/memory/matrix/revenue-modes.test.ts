import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { tidyTable } from '../../../../src/result/tidy-table.js';
import { retention } from '../../../../src/api/matrix.js';

// Two customers in 2024-01: a spends 100 then 150, b spends 50 then nothing then 20.
const orders = aq.table({
  id: ['a', 'a', 'b', 'b', 'b'],
  time: ['2024-01-03', '2024-02-03', '2024-01-10', '2024-01-20', '2024-03-01'],
  qty: [1, 3, 1, 1, 2],
  price: [100, 50, 30, 20, 10],
});
const asOf = '2024-04-01';

function values(mode: 'revenue' | 'gross-revenue' | 'ltv') {
  const r = retention(orders, { mode, columns: { amount: 'qty*price' }, asOf });
  return tidyTable(r).objects() as { offset: number; value: number; revenue: number; active: number }[];
}

describe('retention(table, {mode: "revenue"})', () => {
  it('is revenue(c,k) / revenue(c,0) with the amount a product of two columns', () => {
    const rows = values('revenue');
    expect(rows.map((x) => x.revenue)).toEqual([150, 150, 20]);
    expect(rows.map((x) => x.value)).toEqual([1, 1, 20 / 150]);
    expect(rows.map((x) => x.active)).toEqual([2, 1, 1]);
  });
});

describe('retention(table, {mode: "gross-revenue"})', () => {
  it('caps each customer at their offset-0 revenue', () => {
    // k=1: min(150, 100) for a = 100; k=2: min(20, 50) for b = 20.
    expect(values('gross-revenue').map((x) => x.value)).toEqual([1, 100 / 150, 20 / 150]);
  });
});

describe('retention(table, {mode: "ltv"})', () => {
  it('is cumulative revenue per cohort customer', () => {
    expect(values('ltv').map((x) => x.value)).toEqual([75, 150, 160]);
  });
});

describe('retention({activity, customers}, {cohort: ["month", "channel"]})', () => {
  const customers = aq.table({
    customer_id: ['a', 'b', 'c', 'd'],
    signup_at: ['2024-01-01', '2024-01-05', '2024-01-07', '2024-02-01'],
    channel: ['referral', 'organic', 'referral', null],
  });
  const activity = aq.table({
    customer_id: ['a', 'a', 'b', 'x', 'd', 'c'],
    event_time: ['2024-01-02', '2024-02-02', '2024-02-10', '2024-01-01', '2024-01-15', '2024-03-01'],
  });

  it('anchors on signup, keeps customers without activity in N and counts unknown ids', () => {
    const r = retention({ activity, customers }, { cohort: ['month', 'channel'], asOf: '2024-04-01' });
    const rows = tidyTable(r).objects() as { cohort: string; channel: string | null; offset: number; cohort_size: number; active: number }[];
    expect(rows.filter((x) => x.offset === 0).map((x) => [x.cohort, x.channel, x.cohort_size, x.active])).toEqual([
      ['2024-01', 'organic', 1, 0],
      ['2024-01', 'referral', 2, 1],
      ['2024-02', null, 1, 0],
    ]);
    expect(r.report.excluded.unknownCustomer).toBe(1);
    expect(r.report.excluded.beforeAnchor).toBe(1); // d on 2024-01-15, before its 2024-02-01 signup
    const ref = rows.filter((x) => x.channel === 'referral').map((x) => x.active);
    expect(ref).toEqual([1, 1, 1]); // a in Jan and Feb, c in March
  });

  it('anchors on first activity when asked, though the customers table has a signup', () => {
    const r = retention({ activity, customers }, { anchor: 'first-activity', asOf: '2024-04-01' });
    expect(r.report.anchor).toBe('first activity');
    // First activity: a 01-02 and d 01-15 (Jan), b 02-10 (Feb), c 03-01 (Mar).
    expect(r.cohorts.label).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(Array.from(r.cohorts.size)).toEqual([2, 1, 1]);
    expect(r.report.excluded.beforeAnchor).toBe(0);
  });

  it('fails on unknown ids with strict', () => {
    expect(() => retention({ activity, customers }, { strict: true })).toThrow('1 activity id has no row in the customers table, e.g. "x"');
  });

  it('filters on a customers column', () => {
    const r = retention({ activity, customers }, { where: ['channel = referral'], asOf: '2024-04-01' });
    expect(Array.from(r.cohorts.size)).toEqual([2]);
    expect(r.report.customers.excluded.filtered).toBe(2);
  });
});
