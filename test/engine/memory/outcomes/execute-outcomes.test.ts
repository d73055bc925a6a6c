import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { reasonsFromTables } from '../../../../src/api/reasons.js';
import { reasonsTable, reasonsWideTable } from '../../../../src/result/reasons-table.js';
import { valueTable, valueWideTable } from '../../../../src/result/value-table.js';
import { valueFromTables } from '../../../../src/api/value.js';
import { nullReasonWarning, reasonCounts } from '../../../../src/engine/memory/outcomes/execute-reasons.js';
import { CHURNED } from '../../../../src/engine/memory/outcomes/customer-outcomes.js';
import { columnKeys } from '../../../../src/engine/memory/prepare/column-keys.js';

// Worked example (METRICS.md section 8), as-of 2024-04-01:
//
// id plan  signup      churned_at  category    reason         status   revenue
// 1  basic 2024-01-01  2024-02-01  Price       Too expensive  Churned  100
// 2  basic 2024-01-05  2024-03-01  Price       Too expensive  Churned   50
// 3  basic 2024-01-10  -           -           -              Stayed   300
// 4  pro   2024-01-02  2024-02-10  Competitor  Better offer   Churned  500
// 5  pro   2024-01-03  2024-05-01  Competitor  Better devices Stayed  1000   churn after as-of: retained
// 6  pro   2024-01-04  2024-03-15  -           -              Churned   20   churned without a reason: "(none)"
// 7  basic 2024-01-08  -           -           -              Joined     -   no revenue: missing
//
// Churned: 1, 2, 4, 6 (4 of 7). basic: Price / Too expensive 2 (share 1, of all 0.5);
// pro: Competitor / Better offer 1 (0.5, 0.25), (none) 1 (0.5, 0.25).
// Value: basic churned {100, 50}: mean 75, median 75, total 150; basic retained {300} + 1
// missing; pro churned {500, 20}: mean 260; pro retained {1000}.
const customers = () =>
  aq.table({
    id: ['1', '2', '3', '4', '5', '6', '7'],
    plan: ['basic', 'basic', 'basic', 'pro', 'pro', 'pro', 'basic'],
    signup: ['2024-01-01', '2024-01-05', '2024-01-10', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-08'],
    churned_at: ['2024-02-01', '2024-03-01', null, '2024-02-10', '2024-05-01', '2024-03-15', null],
    category: ['Price', 'Price', null, 'Competitor', 'Competitor', null, null],
    reason: ['Too expensive', 'Too expensive', null, 'Better offer', 'Better devices', '', null],
    status: ['Churned', 'Churned', 'Stayed', 'Churned', 'Stayed', 'Churned', 'Joined'],
    revenue: [100, 50, 300, 500, 1000, 20, NaN],
  });

const EXPECTED_REASONS = [
  { plan: 'basic', category: 'Price', reason: 'Too expensive', churned: 2, share: 1, share_of_all: 0.5, segment_churned: 2, segment_customers: 4 },
  { plan: 'pro', category: 'Competitor', reason: 'Better offer', churned: 1, share: 0.5, share_of_all: 0.25, segment_churned: 2, segment_customers: 3 },
  { plan: 'pro', category: '(none)', reason: '(none)', churned: 1, share: 0.5, share_of_all: 0.25, segment_churned: 2, segment_customers: 3 },
];

describe('reasonsFromTables (executeReasons)', () => {
  it('counts churned customers per segment and reason from a status (--event)', () => {
    const r = reasonsFromTables(customers(), { columns: { id: 'id' }, event: 'status=Churned', reason: ['category', 'reason'], by: ['plan'] });
    expect(reasonsTable(r).objects()).toEqual(EXPECTED_REASONS);
    expect(r.totalChurned).toBe(4);
    expect(r.totalCustomers).toBe(7);
  });

  it('gives the same from a churn time column: churn after as-of is no churn', () => {
    const r = reasonsFromTables(customers(), {
      columns: { id: 'id', signup: 'signup', churn: 'churned_at' },
      asOf: '2024-04-01',
      reason: 'category,reason',
      by: ['plan'],
    });
    expect(reasonsTable(r).objects()).toEqual(EXPECTED_REASONS);
  });

  it('orders reasons by count, "(none)" last, and gives the overall rows and the wide pivot', () => {
    const r = reasonsFromTables(customers(), { event: 'status=Churned', reason: 'category', by: ['plan'] });
    expect(reasonsTable(r, { overall: true }).objects()).toEqual([
      { category: 'Price', churned: 2, share: 0.5, share_of_all: 0.5, segment_churned: 4, segment_customers: 7 },
      { category: 'Competitor', churned: 1, share: 0.25, share_of_all: 0.25, segment_churned: 4, segment_customers: 7 },
      { category: '(none)', churned: 1, share: 0.25, share_of_all: 0.25, segment_churned: 4, segment_customers: 7 },
    ]);
    expect(reasonsWideTable(r).objects()).toEqual([
      { category: 'Price', churned: 2, share_of_all: 0.5, basic: 1, pro: 0 },
      { category: 'Competitor', churned: 1, share_of_all: 0.25, basic: 0, pro: 0.5 },
      { category: '(none)', churned: 1, share_of_all: 0.25, basic: 0, pro: 0.5 },
    ]);
  });

  it('infers churn from inactivity on an activity table', () => {
    const activity = aq.table({
      id: ['1', '1', '2', '3', '3'],
      time: ['2024-01-01', '2024-01-10', '2024-01-05', '2024-01-10', '2024-03-30'],
    });
    const cus = aq.table({ id: ['1', '2', '3'], why: ['Price', null, 'Moved'] });
    // as-of 2024-03-31 (end of the latest day); window 30 days: 1 and 2 churned, 3 not.
    const r = reasonsFromTables({ activity, customers: cus }, { inactiveAfter: '30d', reason: 'why' });
    expect((reasonsTable(r).objects() as Record<string, unknown>[]).map((o) => [o.why, o.churned])).toEqual([
      ['Price', 1],
      ['(none)', 1],
    ]);
  });

  it('splits by signup month with a status (--cohort month needs the signup column)', () => {
    const c = customers();
    const t = c.assign({ signup: (c.array('signup') as string[]).map((s, i) => (i === 6 ? '2024-02-08' : s)) });
    const r = reasonsFromTables(t, { columns: { id: 'id', signup: 'signup' }, event: 'status=Churned', reason: 'category', cohort: 'month' });
    expect((reasonsTable(r).objects() as Record<string, unknown>[]).map((o) => [o.cohort, o.category, o.churned, o.segment_customers])).toEqual([
      ['2024-01', 'Price', 2, 6],
      ['2024-01', 'Competitor', 1, 6],
      ['2024-01', '(none)', 1, 6],
    ]);
    expect(r.groups.attributes[0].values).toEqual(['2024-01', '2024-02']);
    expect(() => reasonsFromTables(aq.table({ id: ['1'], status: ['Churned'], why: ['x'] }), { event: 'status=Churned', reason: 'why', cohort: 'month' })).toThrow(/signup/);
  });

  it('puts a signup in the cohort of its local month (--tz)', () => {
    const t = aq.table({
      id: ['1', '2'],
      signup: ['2024-01-31T23:30:00Z', '2024-01-31T22:30:00Z'],
      status: ['Churned', 'Churned'],
      why: ['a', 'b'],
    });
    const spec = { columns: { id: 'id', signup: 'signup' }, event: 'status=Churned', reason: 'why', cohort: 'month' as const };
    const cohorts = (tz: string) => (reasonsTable(reasonsFromTables(t, { ...spec, tz })).objects() as Record<string, unknown>[]).map((o) => [o.cohort, o.why]);
    expect(cohorts('UTC')).toEqual([['2024-01', 'a'], ['2024-01', 'b']]);
    // Berlin is UTC+1 in winter: 23:30Z is already February there, 22:30Z is not.
    expect(cohorts('Europe/Berlin')).toEqual([['2024-01', 'b'], ['2024-02', 'a']]);
  });

  it('fails with clear messages', () => {
    expect(() => reasonsFromTables(customers(), { event: 'status=Churned', reason: '' })).toThrow(/needs the reason column/);
    expect(() => reasonsFromTables(customers(), { event: 'status=Churned', reason: 'a,b,c' })).toThrow(/one column or two/);
    expect(() => reasonsFromTables(customers(), { event: 'status=Churned', reason: 'cause' })).toThrow(/no column "cause" for churn reason/);
    expect(() => reasonsFromTables(customers(), { event: 'status=Gone', reason: 'reason' })).toThrow(/never occurs/);
    expect(() => reasonsFromTables(customers(), { event: 'status=Churned', columns: { churn: 'churned_at' }, reason: 'reason' })).toThrow(
      /event \(a status\) or columns.churn, not both/,
    );
  });
});

describe('valueFromTables (executeValue)', () => {
  it('splits a customers column between churned and retained by segment', () => {
    const r = valueFromTables(customers(), { columns: { id: 'id' }, event: 'status=Churned', value: 'revenue', by: ['plan'] });
    expect(valueTable(r).objects()).toEqual([
      { plan: 'basic', status: 'churned', customers: 2, mean: 75, median: 75, total: 150, share_of_total: 150 / 450, missing: 0 },
      { plan: 'basic', status: 'retained', customers: 2, mean: 300, median: 300, total: 300, share_of_total: 300 / 450, missing: 1 },
      { plan: 'pro', status: 'churned', customers: 2, mean: 260, median: 260, total: 520, share_of_total: 520 / 1520, missing: 0 },
      { plan: 'pro', status: 'retained', customers: 1, mean: 1000, median: 1000, total: 1000, share_of_total: 1000 / 1520, missing: 0 },
    ]);
    expect(valueTable(r, { overall: true }).objects()).toEqual([
      { status: 'churned', customers: 4, mean: 167.5, median: 75, total: 670, share_of_total: 670 / 1970, missing: 0 },
      { status: 'retained', customers: 3, mean: 650, median: 650, total: 1300, share_of_total: 1300 / 1970, missing: 1 },
    ]);
    expect(valueWideTable(r).objects()[0]).toMatchObject({ plan: 'basic', customers_churned: 2, customers_retained: 2, mean_churned: 75, mean_retained: 300 });
  });

  it('sums activity amounts per customer (--amount), up to as-of; no activity = 0', () => {
    const activity = aq.table({
      id: ['1', '1', '2', '4', '4', '5'],
      time: ['2024-01-02', '2024-01-20', '2024-01-06', '2024-01-03', '2024-05-02', '2024-02-01'],
      qty: [1, 2, 3, 1, 1, 4],
      price: [10, 10, 5, 100, 100, 2.5],
    });
    const r = valueFromTables({ activity, customers: customers() }, {
      columns: { id: 'id', time: 'time' }, event: 'status=Churned', amount: 'qty*price', asOf: '2024-04-01',
    });
    // churned 1: 30, 2: 15, 4: 100 (its May order is after as-of), 6: 0; retained 3: 0, 5: 10, 7: 0.
    expect(valueTable(r).objects()).toEqual([
      { status: 'churned', customers: 4, mean: 145 / 4, median: 22.5, total: 145, share_of_total: 145 / 155, missing: 0 },
      { status: 'retained', customers: 3, mean: 10 / 3, median: 0, total: 10, share_of_total: 10 / 155, missing: 0 },
    ]);
  });

  it('fails without a value, with both, and on a text column', () => {
    expect(() => valueFromTables(customers(), { event: 'status=Churned' })).toThrow(/needs a value/);
    expect(() => valueFromTables(customers(), { event: 'status=Churned', value: 'revenue', amount: 'x' })).toThrow(/not both/);
    expect(() => valueFromTables(customers(), { event: 'status=Churned', value: 'plan' })).toThrow(/value \(value\) column must be numeric, found "basic"/);
  });

  it('reads text values as amounts are read ("$5", "1,000.50"), "NA" as missing, and warns of values that are no number', () => {
    const t = aq.table({
      id: ['a', 'b', 'c', 'd', 'e', 'f'],
      status: ['Churned', 'Stayed', 'Stayed', 'Churned', 'Stayed', 'Churned'],
      spend: ['10', 'NA', '20', '$5', 'abc', '1,000.50'],
    });
    const r = valueFromTables(t, { columns: { id: 'id' }, event: 'status=Churned', value: 'spend' });
    expect(r.overall.total[0]).toBeCloseTo(1015.5, 9);
    expect(r.overall.total[1]).toBe(20);
    expect(r.overall.missing).toEqual(Int32Array.of(0, 2));
    expect(r.report.warnings).toEqual(['1 value of column "spend" is not a number (row 5: "abc"): counted in "missing"']);
    const dollars = aq.table({ id: ['a', 'b'], status: ['Churned', 'Stayed'], spend: ['$5', '$7'] });
    expect(valueFromTables(dollars, { columns: { id: 'id' }, event: 'status=Churned', value: 'spend' }).overall.total).toEqual(Float64Array.of(5, 7));
  });
});

describe('nullReasonWarning(groupOf, status, customersRow, levels, columns)', () => {
  it('counts the churned customers reasonCounts counts: none outside every group', () => {
    const levels = [columnKeys(['NULL', '\\N', 'NULL', 'Price'])];
    const groupOf = Int32Array.of(0, 0, -1, 0);
    const status = Uint8Array.of(CHURNED, CHURNED, CHURNED, CHURNED);
    const rows = Int32Array.of(0, 1, 2, 3);
    const counts = reasonCounts(groupOf, 1, status, rows, levels);
    const none = counts.labels[0].findIndex((l) => l === null);
    expect(counts.churned[none]).toBe(2);
    expect(nullReasonWarning(groupOf, status, rows, levels, ['reason'])).toBe(
      '2 churned customers have a reason written as a database NULL ("reason" = "NULL"): counted as "(none)", no reason',
    );
  });

  it('quotes the same example whatever the rows\' order (SQL engines give theirs in no set order)', () => {
    const levels = [columnKeys(['\\N', 'NULL', ' NULL', 'Price'])];
    const status = Uint8Array.of(CHURNED, CHURNED, CHURNED, CHURNED);
    const groupOf = Int32Array.of(0, 0, 0, 0);
    const want = '3 churned customers have a reason written as a database NULL ("reason" = "NULL"): counted as "(none)", no reason';
    for (const rows of [Int32Array.of(0, 1, 2, 3), Int32Array.of(3, 2, 1, 0), Int32Array.of(1, 0, 3, 2)]) {
      expect(nullReasonWarning(groupOf, status, rows, levels, ['reason'])).toBe(want);
    }
  });
});
