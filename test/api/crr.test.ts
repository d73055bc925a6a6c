import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as aq from 'arquero';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { crr, crrFromTables } from '../../src/api/crr.js';
import { crrJSON, crrTable } from '../../src/result/crr-table.js';

// METRICS.md section 9, CRR: customers (id, signup, churn).
const EXAMPLE = [
  'id,signup,churn',
  'p,2023-12-01,',
  'q,2024-01-10,2024-03-05',
  'r,2024-02-15,2024-04-02',
  's,2024-03-03,2024-03-20',
  't,2024-03-10,',
].join('\n');

const exampleTable = () =>
  aq.table({
    id: ['p', 'q', 'r', 's', 't'],
    signup: ['2023-12-01', '2024-01-10', '2024-02-15', '2024-03-03', '2024-03-10'],
    churn: [null, '2024-03-05', '2024-04-02', '2024-03-20', null],
  });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-crr-'));
  writeFileSync(path.join(dir, 'example.csv'), EXAMPLE);
});

const MARCH = {
  period: '2024-03',
  customers_start: 3,
  new_customers: 2,
  customers_end: 3,
  retained: 2,
  lost: 1,
};

function march(rows: Record<string, unknown>[]) {
  const row = rows.find((r) => r.period === '2024-03')!;
  return {
    counts: Object.fromEntries(Object.keys(MARCH).map((k) => [k, row[k]])),
    rates: [row.crr, row.churn_rate, row.crr_exact].map((x) => (x as number).toFixed(1)),
  };
}

describe('crr: the METRICS.md worked example (March 2024)', () => {
  it('in memory: CI 3, CN 2, CF 3, CRR 33.3, churn 66.7, exact 66.7', () => {
    const r = crrFromTables(exampleTable(), { columns: { signup: 'signup', churn: 'churn' } });
    const rows = crrTable(r).objects() as Record<string, unknown>[];
    expect(march(rows)).toEqual({ counts: MARCH, rates: ['33.3', '66.7', '66.7'] });
    // Default range: the first signup's month to the last month ended by as-of (2024-04-03).
    expect(rows.map((x) => x.period)).toEqual(['2023-12', '2024-01', '2024-02', '2024-03']);
    expect(rows[0]).toMatchObject({ customers_start: 0, crr: null, churn_rate: null, crr_exact: null });
    expect(r.asOf).toBe(Date.parse('2024-04-03T00:00Z'));
  });

  it('from a file, with --from/--to as labels or dates', async () => {
    const file = path.join(dir, 'example.csv');
    const r = await crr({ input: { customers: file }, columns: { signup: 'signup', churn: 'churn' }, from: '2024-03', to: '2024-03-31' });
    const rows = crrTable(r).objects() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(march(rows)).toEqual({ counts: MARCH, rates: ['33.3', '66.7', '66.7'] });
    const doc = crrJSON(r);
    expect(Object.keys(doc)).toEqual(['period', 'as_of', 'by', 'rows', 'report']);
    expect(Object.keys(doc.rows[0])).toEqual([
      'period', 'customers_start', 'new_customers', 'customers_end', 'retained', 'lost', 'crr', 'churn_rate', 'crr_exact',
    ]);
  });

  it('never reports a period that had not ended at as-of', () => {
    const r = crrFromTables(exampleTable(), { columns: { signup: 'signup', churn: 'churn' }, asOf: '2024-03-20', to: '2024-06' });
    expect(r.labels).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(r.clipped).toBe(true);
  });

  it('refuses a range that holds no period: from after to, or from after the last period ended by as-of', () => {
    const columns = { signup: 'signup', churn: 'churn' };
    expect(() => crrFromTables(exampleTable(), { columns, from: '2024-03', to: '2024-01' })).toThrow('from "2024-03" is after to "2024-01": the range holds no period');
    expect(() => crrFromTables(exampleTable(), { columns, from: '2024-05' })).toThrow(
      'from "2024-05" starts after the last month that had ended at asOf (2024-03): no period to report',
    );
  });

  it('by quarter and per group, group columns first', () => {
    const t = exampleTable().derive({ plan: aq.escape((d: { id: string }) => (d.id < 'r' ? 'basic' : 'pro')) });
    const r = crrFromTables(t, { columns: { signup: 'signup', churn: 'churn' }, period: 'quarter', by: ['plan'], asOf: '2024-07-01' });
    const rows = crrTable(r).objects() as Record<string, unknown>[];
    expect(Object.keys(rows[0])[0]).toBe('plan');
    expect(rows.map((x) => [x.plan, x.period, x.customers_start, x.new_customers, x.customers_end])).toEqual([
      ['basic', '2023-Q4', 0, 1, 1],
      ['basic', '2024-Q1', 1, 1, 1],
      ['basic', '2024-Q2', 1, 0, 1],
      ['pro', '2023-Q4', 0, 0, 0],
      ['pro', '2024-Q1', 0, 3, 2],
      ['pro', '2024-Q2', 2, 0, 1],
    ]);
  });

  it('from activity with --inactive-after: signup = first activity', () => {
    const events = aq.table({
      id: ['a', 'a', 'b', 'c', 'c'],
      time: ['2024-01-05', '2024-01-20', '2024-01-10', '2024-02-02', '2024-03-30'],
    });
    // a churns 01-20 + 30d = 02-19; b 01-10 + 30d = 02-09; c is active at as-of.
    const r = crrFromTables(events, { inactiveAfter: '30d', asOf: '2024-04-01' });
    const rows = crrTable(r).objects() as Record<string, unknown>[];
    expect(rows.map((x) => [x.period, x.customers_start, x.new_customers, x.customers_end, x.lost])).toEqual([
      ['2024-01', 0, 2, 2, 0],
      ['2024-02', 2, 1, 1, 2],
      ['2024-03', 1, 0, 1, 0],
    ]);
  });

  it('leaves out churn before signup and counts it', () => {
    const t = aq.table({ id: ['a', 'b'], signup: ['2024-01-10', '2024-01-01'], churn: ['2024-01-05', null] });
    const r = crrFromTables(t, { columns: { signup: 'signup', churn: 'churn' }, asOf: '2024-03-01' });
    expect(r.report.customers.excluded.churnBeforeAnchor).toBe(1);
    expect(Array.from(r.counts.end)).toEqual([1, 1]);
  });
});

describe('crr: time zones and weeks', () => {
  it('buckets signups and churns by the local calendar of --tz', () => {
    // 2024-02-29T23:30Z is already March 1st in Berlin (UTC+1).
    const t = aq.table({
      id: ['a', 'b', 'c'],
      signup: ['2024-01-15T12:00Z', '2024-02-29T23:30Z', '2024-01-20T00:00Z'],
      churn: [null, null, '2024-02-29T23:30Z'],
    });
    const spec = { columns: { signup: 'signup', churn: 'churn' }, asOf: '2024-04-01' };
    const utc = crrTable(crrFromTables(t, spec)).objects() as Record<string, unknown>[];
    const berlin = crrTable(crrFromTables(t, { ...spec, tz: 'Europe/Berlin' })).objects() as Record<string, unknown>[];
    const view = (rows: Record<string, unknown>[]) => rows.map((x) => [x.period, x.new_customers, x.lost]);
    expect(view(utc)).toEqual([['2024-01', 2, 0], ['2024-02', 1, 1], ['2024-03', 0, 0]]);
    expect(view(berlin)).toEqual([['2024-01', 2, 0], ['2024-02', 0, 0], ['2024-03', 1, 1]]);
  });

  it('weeks start on Monday (ISO) or Sunday', () => {
    const t = aq.table({ id: ['a', 'b'], signup: ['2024-03-03', '2024-03-04'], churn: [null, null] }); // Sun, Mon
    const monday = crrFromTables(t, { columns: { signup: 'signup', churn: 'churn' }, period: 'week', asOf: '2024-03-18' });
    expect(monday.labels).toEqual(['2024-02-26', '2024-03-04', '2024-03-11']);
    expect(Array.from(monday.counts.newCustomers)).toEqual([1, 1, 0]);
    const sunday = crrFromTables(t, { columns: { signup: 'signup', churn: 'churn' }, period: 'week', weekStart: 'sunday', asOf: '2024-03-17' });
    expect(sunday.labels).toEqual(['2024-03-03', '2024-03-10']);
    expect(Array.from(sunday.counts.newCustomers)).toEqual([2, 0]);
  });
});

describe('crr properties (fast-check, through the library)', () => {
  const DAY = 86_400_000;
  const BASE = Date.parse('2023-01-01T00:00Z');
  const cust = fc.record({
    signupHours: fc.integer({ min: 0, max: 400 * 24 }),
    lifeHours: fc.option(fc.integer({ min: 0, max: 300 * 24 }), { nil: undefined }),
  });
  it('matches section 5 counted from instants; CF = CI - lost + CN - new lost; 0 <= exact <= 100', () => {
    fc.assert(
      fc.property(fc.array(cust, { minLength: 1, maxLength: 40 }), fc.constantFrom('week', 'month', 'quarter'), (cs, period) => {
        const signup = cs.map((c) => BASE + c.signupHours * 3_600_000);
        const churn = cs.map((c, i) => (c.lifeHours === undefined ? null : signup[i] + c.lifeHours * 3_600_000));
        const t = aq.table({
          id: cs.map((_, i) => `c${i}`),
          signup: signup.map((x) => new Date(x)),
          churn: churn.map((x) => (x === null ? null : new Date(x))),
        });
        const r = crrFromTables(t, { columns: { signup: 'signup', churn: 'churn' }, period: period as 'week' });
        const rows = crrTable(r).objects() as Record<string, number>[];
        for (const row of rows) {
          expect(row.customers_end).toBe(row.customers_start - row.lost + row.new_customers - newLostOf(row));
          if (row.crr_exact !== null) {
            expect(row.crr_exact).toBeGreaterThanOrEqual(0);
            expect(row.crr_exact).toBeLessThanOrEqual(100);
          }
        }
        // Brute force from the instants, period by period.
        r.periods.forEach((p, j) => {
          const s = periodStart(p, period);
          const e = periodStart(p + 1, period);
          let ci = 0, cn = 0, cf = 0, kept = 0;
          signup.forEach((su, i) => {
            if (su >= r.asOf) return;
            const ch = churn[i] === null || churn[i]! > r.asOf ? Infinity : churn[i]!;
            if (su < s && ch >= s) {
              ++ci;
              if (ch >= e) ++kept;
            }
            if (su >= s && su < e) ++cn;
            if (su < e && ch >= e) ++cf;
          });
          expect([r.counts.start[j], r.counts.newCustomers[j], r.counts.end[j], r.counts.retained[j]]).toEqual([ci, cn, cf, kept]);
        });
        function newLostOf(row: Record<string, number>): number {
          return r.counts.newLost[r.labels.indexOf(row.period as unknown as string)];
        }
      }),
      { numRuns: 60 },
    );
    function periodStart(index: number, g: string): number {
      if (g === 'week') return (index * 7 - 3) * DAY;
      const months = g === 'month' ? index : index * 3;
      return Date.UTC(Math.floor(months / 12), months % 12, 1);
    }
  });
});
