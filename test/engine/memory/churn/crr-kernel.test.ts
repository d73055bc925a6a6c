import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crrKernel, NO_CHURN } from '../../../../src/engine/memory/churn/crr-kernel.js';
import { crrRates } from '../../../../src/result/crr-table.js';

const monthIndex = (y: number, m: number): number => y * 12 + m - 1;

describe('crrKernel', () => {
  it('gives the METRICS.md section 9 March 2024 figures', () => {
    // p 2023-12-01 -; q 2024-01-10 2024-03-05; r 2024-02-15 2024-04-02; s 2024-03-03 2024-03-20; t 2024-03-10 -
    const signupPeriod = Int32Array.of(monthIndex(2023, 12), monthIndex(2024, 1), monthIndex(2024, 2), monthIndex(2024, 3), monthIndex(2024, 3));
    const churnPeriod = Int32Array.of(NO_CHURN, monthIndex(2024, 3), monthIndex(2024, 4), monthIndex(2024, 3), NO_CHURN);
    const k = crrKernel({
      signupPeriod,
      churnPeriod,
      group: new Int32Array(5),
      groupCount: 1,
      first: monthIndex(2024, 3),
      last: monthIndex(2024, 3),
    });
    expect(k.periods).toBe(1);
    expect([k.start[0], k.newCustomers[0], k.end[0], k.retained[0], k.lost[0], k.newLost[0]]).toEqual([3, 2, 3, 2, 1, 1]);
    const rates = crrRates(k.start[0], k.newCustomers[0], k.end[0], k.retained[0]);
    expect(rates.crr!.toFixed(1)).toBe('33.3');
    expect(rates.churnRate!.toFixed(1)).toBe('66.7');
    expect(rates.exact!.toFixed(1)).toBe('66.7');
  });

  it('has no rate where customers_start = 0, and no periods when last < first', () => {
    expect(crrRates(0, 3, 3, 0)).toEqual({ crr: null, churnRate: null, exact: null });
    const k = crrKernel({ signupPeriod: Int32Array.of(5), churnPeriod: Int32Array.of(NO_CHURN), group: Int32Array.of(0), groupCount: 1, first: 7, last: 6 });
    expect(k.periods).toBe(0);
    expect(k.start.length).toBe(0);
  });

  it('skips customers in no group', () => {
    const k = crrKernel({ signupPeriod: Int32Array.of(1, 1), churnPeriod: Int32Array.of(NO_CHURN, 3), group: Int32Array.of(-1, 0), groupCount: 1, first: 0, last: 4 });
    expect(Array.from(k.start)).toEqual([0, 0, 1, 1, 0]);
    expect(Array.from(k.newCustomers)).toEqual([0, 1, 0, 0, 0]);
    expect(Array.from(k.lost)).toEqual([0, 0, 0, 1, 0]);
  });
});

/** A customer: signup and churn instants on a small integer time line; periods of length L. */
const customer = fc.record({
  signup: fc.integer({ min: 0, max: 99 }),
  life: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  group: fc.integer({ min: 0, max: 2 }),
});

describe('crrKernel properties (fast-check)', () => {
  it('matches the section 5 definitions counted customer by customer, and CF = CI - lost + CN - new lost', () => {
    fc.assert(
      fc.property(
        fc.array(customer, { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: -2, max: 8 }),
        fc.integer({ min: 0, max: 14 }),
        (cs, L, first, span) => {
          const last = first + span - 1;
          const period = (t: number): number => Math.floor(t / L);
          const k = crrKernel({
            signupPeriod: Int32Array.from(cs, (c) => period(c.signup)),
            churnPeriod: Int32Array.from(cs, (c) => (c.life === undefined ? NO_CHURN : period(c.signup + c.life))),
            group: Int32Array.from(cs, (c) => c.group),
            groupCount: 3,
            first,
            last,
          });
          const P = Math.max(0, span);
          expect(k.periods).toBe(P);
          for (let g = 0; g < 3; ++g) {
            for (let p = 0; p < P; ++p) {
              const s = (first + p) * L;
              const e = s + L;
              let ci = 0, cn = 0, cf = 0, retained = 0, newLost = 0;
              for (const c of cs) {
                if (c.group !== g) continue;
                const churn = c.life === undefined ? Infinity : c.signup + c.life;
                const isCI = c.signup < s && churn >= s;
                if (isCI) ++ci;
                if (c.signup >= s && c.signup < e) {
                  ++cn;
                  if (churn < e) ++newLost;
                }
                if (c.signup < e && churn >= e) ++cf;
                if (isCI && churn >= e) ++retained;
              }
              const i = g * P + p;
              expect([k.start[i], k.newCustomers[i], k.end[i], k.retained[i], k.lost[i], k.newLost[i]]).toEqual([
                ci, cn, cf, retained, ci - retained, newLost,
              ]);
              expect(k.end[i]).toBe(k.start[i] - k.lost[i] + k.newCustomers[i] - k.newLost[i]);
              const rates = crrRates(k.start[i], k.newCustomers[i], k.end[i], k.retained[i]);
              if (ci === 0) expect(rates.exact).toBeNull();
              else {
                expect(rates.exact).toBeGreaterThanOrEqual(0);
                expect(rates.exact).toBeLessThanOrEqual(100);
                expect(rates.crr! + rates.churnRate!).toBeCloseTo(100, 9);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
