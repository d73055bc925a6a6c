import * as aq from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFromTables } from '../../../../src/api/compare.js';
import type { CompareResult } from '../../../../src/result/compare-result.js';

/*
 * compare numbers its customers in the activity ids' order when it sums no amounts
 * (customerIndex's activityOrder: no remap pass over the rows). With --amount it keeps
 * the customers table's order, so the same question with an amount column is the old
 * path: everything but the revenue part must be the same, bit for bit.
 */

const ID = fc.constantFrom('007', '7', 'a', 'A', 'C0000042', 'c0000042', 'x1', 'x2', 'é', 'z');
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

interface Data {
  customers: { id: string; channel: string; signup: number; churn: number | null }[];
  events: { id: string; day: number }[];
}

const data: fc.Arbitrary<Data> = fc
  .uniqueArray(ID, { minLength: 3, maxLength: 10 })
  .chain((ids) =>
    fc.record({
      customers: fc.tuple(
        ...ids.map((id) =>
          fc.record({
            id: fc.constant(id),
            channel: fc.constantFrom('organic', 'referral'),
            signup: fc.integer({ min: 0, max: 120 }),
            churn: fc.option(fc.integer({ min: 1, max: 200 }), { nil: null }),
          }),
        ),
      ),
      // Activity of some customers only, in any order: the ids' keys then differ from the customers'.
      events: fc.array(fc.record({ id: fc.constantFrom(...ids.slice(1)), day: fc.integer({ min: 0, max: 300 }) }), { minLength: 1, maxLength: 40 }),
    }),
  );

function tables(d: Data) {
  const iso = (day: number): string => new Date(START + day * DAY).toISOString();
  return {
    activity: aq.table({ customer_id: d.events.map((e) => e.id), event_time: d.events.map((e) => iso(e.day)), amount: d.events.map((e) => e.day % 7) }),
    customers: aq.table({
      customer_id: d.customers.map((c) => c.id),
      signup_at: d.customers.map((c) => iso(c.signup)),
      churned_at: d.customers.map((c) => (c.churn === null ? null : iso(c.signup + c.churn))),
      channel: d.customers.map((c) => c.channel),
    }),
  };
}

const parts = (r: CompareResult) => ({ groups: r.groups, differences: r.differences, survival: r.survival, summary: r.summary });

describe('compareFromTables numbering customers in the activity ids\' order', () => {
  it('gives the groups, differences, survival part and summary of the customers-order path (fast-check; ids 007/7, case)', () => {
    fc.assert(
      fc.property(data, (d) => {
        const t = tables(d);
        if (new Set(d.customers.map((c) => c.channel)).size < 2) return;
        const spec = { columns: { id: 'customer_id', time: 'event_time', signup: 'signup_at', churn: 'churned_at' }, by: 'channel', asOf: '2025-01-01' };
        const fast = compareFromTables(t, spec);
        const plain = compareFromTables(t, { ...spec, columns: { ...spec.columns, amount: 'amount' } });
        expect(parts(fast)).toEqual(parts(plain));
        expect(JSON.stringify(parts(fast))).toBe(JSON.stringify(parts(plain)));
      }),
      { numRuns: 150 },
    );
  });
});
