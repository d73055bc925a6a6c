import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logRankSums, TERM_BY_TERM_GROUPS, type LogRankTest } from '../../src/stats/log-rank-sums.js';
import { pooledArrays } from '../../src/stats/log-rank.js';
import { groupedTallies } from '../../src/stats/pooled-tally.js';
import { refLogRankSums } from './reference-survival.js';

// Above TERM_BY_TERM_GROUPS groups the sums are settled per group (O(entries x G)): the
// same O, E and V as the row-by-row reference, to rounding.

const WEIGHTS: { test: LogRankTest; rho: number; q: number; w: (n: number, km: number) => number }[] = [
  { test: 'log-rank', rho: 0, q: 0, w: () => 1 },
  { test: 'wilcoxon', rho: 0, q: 0, w: (n) => n },
  { test: 'tarone-ware', rho: 0, q: 0, w: (n) => Math.sqrt(n) },
  { test: 'peto', rho: 1, q: 0, w: (_, km) => km },
  { test: 'fleming-harrington', rho: 0.5, q: 1.5, w: (_, km) => Math.pow(km, 0.5) * Math.pow(1 - km, 1.5) },
];

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, scale: number, what: string): void {
  for (let i = 0; i < expected.length; i++) {
    const ok = Math.abs(actual[i] - expected[i]) <= 1e-9 * scale;
    expect(ok, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`).toBe(true);
  }
}

/** logRankSums and the row-by-row reference on the same sampled rows (a group past `groups` is no group). */
function sumsAndReference(groups: number, rows: readonly { t: number; e: number; g: number }[], wt: (typeof WEIGHTS)[number]) {
  const codes = Int32Array.from(rows, (r) => (r.g < groups ? r.g : -1));
  const d = Float64Array.from(rows, (r) => r.t);
  const e = Uint8Array.from(rows, (r) => r.e);
  const mine = logRankSums(pooledArrays(groupedTallies(d, e, codes, groups)), wt.test, wt.rho, wt.q);
  const ref = refLogRankSums([...d], [...e], [...codes], groups, wt.w);
  return { mine, ref };
}

describe('logRankSums', () => {
  it('settles the sums per group above TERM_BY_TERM_GROUPS groups: O, E and V as the reference', () => {
    const sample = fc.record({
      groups: fc.integer({ min: TERM_BY_TERM_GROUPS + 1, max: 40 }),
      rows: fc.array(
        fc.record({
          t: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1e3, noNaN: true, noDefaultInfinity: true })),
          e: fc.constantFrom(0, 1, 1, 7),
          g: fc.integer({ min: -1, max: 39 }),
        }),
        { maxLength: 400 },
      ),
    });
    fc.assert(
      fc.property(sample, fc.constantFrom(...WEIGHTS), ({ groups, rows }, wt) => {
        const { mine, ref } = sumsAndReference(groups, rows, wt);
        const flat = ref.variance.flat();
        const scale = Math.max(1, ...flat.map(Math.abs), ...ref.expected.map(Math.abs));
        expectClose(mine.observed, ref.observed, scale, 'observed');
        expectClose(mine.expected, ref.expected, scale, 'expected');
        expectClose(mine.V, flat, scale, 'V');
      }),
      { numRuns: 300 },
    );
  });

  it('gives every double of the term-by-term sums up to TERM_BY_TERM_GROUPS groups', () => {
    const d = Float64Array.of(1, 2, 2, 3, 5, 8, 8, 9);
    const e = Uint8Array.of(1, 1, 0, 1, 1, 0, 1, 1);
    const codes = Int32Array.of(0, 1, 2, 0, 1, 2, 0, 1);
    const mine = logRankSums(pooledArrays(groupedTallies(d, e, codes, 3)), 'log-rank', 0, 0);
    const ref = refLogRankSums([...d], [...e], [...codes], 3, () => 1);
    expect([...mine.V]).toEqual(ref.variance.flat());
    expect([...mine.expected]).toEqual(ref.expected);
  });
  it('gives every double of the reference up to TERM_BY_TERM_GROUPS groups, as groups run out of customers at any point (fast-check)', () => {
    const sample = fc.record({
      groups: fc.integer({ min: 1, max: TERM_BY_TERM_GROUPS }),
      rows: fc.array(
        fc.record({
          t: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1e3, noNaN: true, noDefaultInfinity: true })),
          e: fc.constantFrom(0, 1, 1, 3),
          // Some groups get few customers, so they leave the risk set long before the last time.
          g: fc.oneof(fc.integer({ min: -1, max: TERM_BY_TERM_GROUPS - 1 }), fc.constant(0)),
        }),
        { maxLength: 300 },
      ),
    });
    fc.assert(
      fc.property(sample, fc.constantFrom(...WEIGHTS), ({ groups, rows }, wt) => {
        const { mine, ref } = sumsAndReference(groups, rows, wt);
        expect([...mine.observed]).toEqual(ref.observed);
        expect([...mine.expected]).toEqual(ref.expected);
        expect([...mine.V]).toEqual(ref.variance.flat());
      }),
      { numRuns: 300 },
    );
  });
});
