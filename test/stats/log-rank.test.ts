import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logRank, type LogRankOptions } from '../../src/stats/log-rank.js';
import {
  codes,
  expectAllClose,
  expectClose,
  expectNoNaN,
  hasTelco,
  readFixture,
  synthData,
  telcoCsv,
  telcoData,
  type RSurvivalFixture,
  type SurvivalData,
} from './survival-fixtures.js';

function optionsFor(t: { test: string; rho: number; q: number }): LogRankOptions {
  return t.test === 'fleming-harrington' ? { test: 'fleming-harrington', rho: t.rho, q: t.q } : { test: t.test as never };
}

function checkAgainstR(
  fx: RSurvivalFixture,
  data: (by: string) => SurvivalData,
  groupingOf: (by: string) => string,
): void {
  const loaded = new Map<string, SurvivalData>();
  for (const lr of fx.log_rank) {
    for (const t of lr.tests) {
      it(`by ${lr.by}: ${t.test} (rho ${t.rho}, q ${t.q})`, () => {
        if (!loaded.has(lr.by)) loaded.set(lr.by, data(lr.by));
        const d = loaded.get(lr.by)!;
        // Rows outside the groups R tested (a subset) get code -1, which leaves them out.
        const groupCodes = codes(d.groupings[groupingOf(lr.by)], lr.groups);
        const res = logRank(d.durations, d.events, groupCodes, lr.groups.length, optionsFor(t));
        expect(res.n).toEqual(lr.n);
        expect(res.df).toBe(t.df);
        expectClose(res.chi2, t.chisq, 'chi2');
        expectClose(res.p, t.p, 'p', 1e-6);
        expectClose(res.log10p, t.log10p, 'log10p');
        expectAllClose(res.observed, t.obs, 'observed');
        expectAllClose(res.expected, t.exp, 'expected');
        res.variance.forEach((row, j) => expectAllClose(row, t.var[j], `variance[${j}]`));
      });
    }
  }
}

/** synth-tiny plus the one row R adds for its "subset with censored-early" test (see survival.R). */
function tinyData(by: string): SurvivalData {
  const d = synthData('synth-tiny.csv');
  if (by !== 'subset with censored-early') return d;
  return {
    durations: Float64Array.of(...d.durations, 0.5),
    events: Uint8Array.of(...d.events, 0),
    groupings: { group: [...d.groupings.group, 'censored-early'] },
  };
}

describe('logRank: a hand-checked two-group example', () => {
  // Group 0: (1,1) (3,1) (5,0); group 1: (2,1) (4,1) (6,1).
  const durations = Float64Array.of(1, 3, 5, 2, 4, 6);
  const events = Uint8Array.of(1, 1, 0, 1, 1, 1);
  const groups = Int32Array.of(0, 0, 0, 1, 1, 1);
  it('sums O, E and V over the event times', () => {
    const r = logRank(durations, events, groups, 2);
    // t=1: n=6 (3,3) d=1 -> E0 1/2; t=2: n=5 (2,3) -> E0 2/5; t=3: n=4 (2,2) -> E0 1/2;
    // t=4: n=3 (1,2) -> E0 1/3; t=6: n=1 (0,1) -> E0 0.
    const e0 = 1 / 2 + 2 / 5 + 1 / 2 + 1 / 3;
    expect(r.observed).toEqual([2, 3]);
    expect(r.expected[0]).toBeCloseTo(e0, 14);
    expect(r.expected[1]).toBeCloseTo(5 - e0, 14);
    const v = 1 / 4 + 6 / 25 + 1 / 4 + 2 / 9;
    expect(r.variance[0][0]).toBeCloseTo(v, 14);
    expect(r.variance[0][1]).toBeCloseTo(-v, 14);
    expect(r.chi2).toBeCloseTo((2 - e0) ** 2 / v, 12);
    expect(r.df).toBe(1);
    expect(r.name).toBe('log-rank');
  });
});

describe('logRank against R survdiff (rho 0, 1) and a weighted log-rank in R: synthetic ties', () => {
  checkAgainstR(readFixture('synth-ties.json'), () => synthData('synth-ties.csv'), () => 'group');
});

describe('logRank against R: tiny groups, a group with no events, one dropped from df', () => {
  checkAgainstR(readFixture('synth-tiny.json'), tinyData, () => 'group');
});

describe.skipIf(!hasTelco)(`logRank against R: Telco (skipped when ${telcoCsv.pathname} is absent)`, () => {
  checkAgainstR(readFixture('telco.json'), telcoData, (by) => by);
});

describe('logRank options and names', () => {
  const d = Float64Array.of(1, 2, 3, 4, 5, 6);
  const e = Uint8Array.of(1, 1, 1, 1, 0, 1);
  const g = Int32Array.of(0, 1, 0, 1, 0, 1);
  it('peto is Fleming-Harrington rho = 1, q = 0, and rho alone means Fleming-Harrington', () => {
    const peto = logRank(d, e, g, 2, { test: 'peto' });
    const fh = logRank(d, e, g, 2, { rho: 1 });
    expect(peto.chi2).toBeCloseTo(fh.chi2, 14);
    expect(peto.name).toBe('Peto-Peto');
    expect(fh.name).toBe('Fleming-Harrington (rho = 1, q = 0)');
    expect(logRank(d, e, g, 2, { test: 'fleming-harrington' }).chi2).toBeCloseTo(logRank(d, e, g, 2).chi2, 14);
  });
  it('rejects an unknown test and negative exponents', () => {
    expect(() => logRank(d, e, g, 2, { test: 'cox' as never })).toThrow(/is not one of/);
    expect(() => logRank(d, e, g, 2, { rho: -1 })).toThrow(RangeError);
  });
});

describe('logRank edge cases: no test means chi2 0, df 0, p null', () => {
  it('one group only', () => {
    const r = logRank(Float64Array.of(1, 2, 3), Uint8Array.of(1, 0, 1), Int32Array.of(0, 0, 0), 1);
    expect(r).toMatchObject({ chi2: 0, df: 0, p: null, log10p: null });
    expectNoNaN(r);
  });
  it('groups with no customers are dropped from df', () => {
    const r = logRank(Float64Array.of(1, 2, 3, 4), Uint8Array.of(1, 1, 1, 0), Int32Array.of(0, 2, 0, 2), 4);
    expect(r.df).toBe(1);
    expect(r.n).toEqual([2, 0, 2, 0]);
    expectNoNaN(r);
  });
  it('zero-length input, and all censored', () => {
    const empty = logRank(new Float64Array(0), new Uint8Array(0), new Int32Array(0), 3);
    expect(empty).toMatchObject({ chi2: 0, df: 0, p: null, observed: [0, 0, 0], expected: [0, 0, 0] });
    const censored = logRank(Float64Array.of(1, 2, 3, 4), new Uint8Array(4), Int32Array.of(0, 1, 0, 1), 2);
    expect(censored).toMatchObject({ chi2: 0, df: 0, p: null });
    expectNoNaN([empty, censored]);
  });
  it('all events at one time: a singular variance gives no test, not NaN', () => {
    const r = logRank(Float64Array.of(5, 5), Uint8Array.of(1, 1), Int32Array.of(0, 1), 2);
    expect(r).toMatchObject({ chi2: 0, df: 0, p: null });
    expectNoNaN(r);
  });
  it('a single customer', () => {
    expect(logRank(Float64Array.of(2), Uint8Array.of(1), Int32Array.of(0), 2)).toMatchObject({ chi2: 0, df: 0, p: null });
  });
  it('a huge statistic still has a finite log10 p', () => {
    const n = 4000;
    const d = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 + (i % 5) : 100 + (i % 5)));
    const r = logRank(d, new Uint8Array(n).fill(1), Int32Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1)), 2);
    expect(r.p).toBe(0);
    expect(Number.isFinite(r.log10p)).toBe(true);
    expect(r.log10p).toBeLessThan(-300);
  });
});

describe('logRank properties', () => {
  const sample = fc
    .record({
      G: fc.integer({ min: 1, max: 5 }),
      rows: fc.array(fc.record({ t: fc.integer({ min: 0, max: 15 }), e: fc.boolean(), g: fc.nat() }), { maxLength: 60 }),
    })
    .map(({ G, rows }) => ({
      G,
      durations: Float64Array.from(rows, (r) => r.t),
      events: Uint8Array.from(rows, (r) => (r.e ? 1 : 0)),
      groups: Int32Array.from(rows, (r) => r.g % G),
    }));
  const test = fc.constantFrom<LogRankOptions>(
    { test: 'log-rank' },
    { test: 'peto' },
    { test: 'wilcoxon' },
    { test: 'tarone-ware' },
    { test: 'fleming-harrington', rho: 1, q: 1 },
  );

  it('chi2 >= 0, p in [0, 1], O and E total the same, and nothing is NaN', () => {
    fc.assert(
      fc.property(sample, test, ({ G, durations, events, groups }, opts) => {
        const r = logRank(durations, events, groups, G, opts);
        expect(r.chi2).toBeGreaterThanOrEqual(0);
        if (r.p !== null) {
          expect(r.p).toBeGreaterThanOrEqual(0);
          expect(r.p).toBeLessThanOrEqual(1);
        }
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(sum(r.observed)).toBeCloseTo(sum(r.expected), 8);
        expectNoNaN(r);
      }),
      { numRuns: 300 },
    );
  });

  it('is invariant to relabelling the groups', () => {
    fc.assert(
      fc.property(
        sample.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray([...Array(s.G).keys()], { minLength: s.G, maxLength: s.G }))),
        test,
        ([{ G, durations, events, groups }, perm], opts) => {
          const a = logRank(durations, events, groups, G, opts);
          const b = logRank(durations, events, Int32Array.from(groups, (g) => perm[g]), G, opts);
          expect(b.df).toBe(a.df);
          expect(Math.abs(b.chi2 - a.chi2)).toBeLessThanOrEqual(1e-8 * Math.max(1, a.chi2));
          perm.forEach((to, from) => {
            expect(b.observed[to]).toBeCloseTo(a.observed[from], 10);
            expect(b.expected[to]).toBeCloseTo(a.expected[from], 10);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
