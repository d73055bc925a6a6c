import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, kaplanMeierGroups, kaplanMeierTallies, type KMCurve } from '../../src/stats/kaplan-meier.js';
import { logRank, logRankTallies, type LogRankOptions } from '../../src/stats/log-rank.js';
import { survivalQuantile } from '../../src/stats/median.js';
import { groupedTallies } from '../../src/stats/pooled-tally.js';
import { twoSidedZ } from '../../src/stats/normal-quantile.js';
import { refFindq, refKaplanMeier, refLogRankSums } from './reference-survival.js';

// The columnar algorithms against the row-by-row ones they replaced: every double the same
// (Object.is: same bits up to NaN, -0 told from 0), not merely close.

function expectSame(actual: unknown, expected: unknown, what: string): void {
  expect(Object.is(actual, expected), `${what}: ${String(actual)} vs ${String(expected)}`).toBe(true);
}

const sample = fc.record({
  groups: fc.integer({ min: 1, max: 5 }),
  rows: fc.array(
    fc.record({
      t: fc.oneof(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 60 }).map((x) => x / 4),
        fc.double({ min: 0, max: 1e3, noNaN: true, noDefaultInfinity: true }),
        fc.constant(-0),
      ),
      e: fc.constantFrom(0, 1, 1, 7),
      g: fc.integer({ min: -1, max: 4 }),
    }),
    { maxLength: 120 },
  ),
});

const TESTS: LogRankOptions[] = [
  {},
  { test: 'wilcoxon' },
  { test: 'tarone-ware' },
  { test: 'peto' },
  { test: 'fleming-harrington', rho: 0.5, q: 1.5 },
  { rho: 0, q: 1 },
];

function weightOf(opts: LogRankOptions): (n: number, km: number) => number {
  const test = opts.test ?? (opts.rho !== undefined || opts.q !== undefined ? 'fleming-harrington' : 'log-rank');
  const rho = test === 'peto' ? 1 : (opts.rho ?? 0);
  const q = opts.q ?? 0;
  switch (test) {
    case 'wilcoxon':
      return (n) => n;
    case 'tarone-ware':
      return (n) => Math.sqrt(n);
    case 'peto':
      return (_, km) => km;
    case 'fleming-harrington':
      return (_, km) => Math.pow(km, rho) * Math.pow(1 - km, q);
    default:
      return () => 1;
  }
}

describe('the columnar curves give the doubles of the row-by-row ones', () => {
  it('kaplanMeierGroups: every column, every conf type and level', () => {
    fc.assert(
      fc.property(sample, fc.constantFrom('log', 'log-log', 'plain' as const), fc.constantFrom(0.8, 0.95, 0.99), ({ groups, rows }, ct, level) => {
        const codes = rows.map((r) => (r.g < groups ? r.g : -1));
        const curves = kaplanMeierGroups(
          Float64Array.from(rows, (r) => r.t),
          Uint8Array.from(rows, (r) => r.e),
          Int32Array.from(codes),
          groups,
          { confType: ct, level },
        );
        // The curves of the one-sort tallies (executeSurvival's way with --by) are the same.
        const pooled = groupedTallies(Float64Array.from(rows, (r) => r.t), Uint8Array.from(rows, (r) => r.e), Int32Array.from(codes), groups);
        expect(kaplanMeierTallies(pooled.groups, { confType: ct, level })).toEqual(curves);
        curves.forEach((curve, g) => {
          const mine = rows.filter((_, i) => codes[i] === g);
          const ref = refKaplanMeier(mine.map((r) => r.t), mine.map((r) => r.e), ct, twoSidedZ(level));
          expect(curve.rows).toHaveLength(ref.length);
          expect(curve.n).toBe(mine.length);
          expect(curve.nEvents).toBe(mine.filter((r) => r.e !== 0).length);
          ref.forEach((row, i) => {
            for (const k of Object.keys(row) as (keyof typeof row)[]) expectSame(curve.rows[i][k], row[k], `group ${g} row ${i} ${k}`);
          });
        });
      }),
      { numRuns: 400 },
    );
  });

  it('logRank and logRankTallies: O, E and V of every weighting', () => {
    fc.assert(
      fc.property(sample, fc.constantFrom(...TESTS), ({ groups, rows }, opts) => {
        const codes = Int32Array.from(rows, (r) => (r.g < groups ? r.g : -1));
        const d = Float64Array.from(rows, (r) => r.t);
        const e = Uint8Array.from(rows, (r) => r.e);
        const res = logRank(d, e, codes, groups, opts);
        const ref = refLogRankSums([...d], [...e], [...codes], groups, weightOf(opts));
        res.observed.forEach((x, g) => expectSame(x, ref.observed[g], `observed[${g}]`));
        res.expected.forEach((x, g) => expectSame(x, ref.expected[g], `expected[${g}]`));
        res.variance.forEach((row, j) => row.forEach((x, k) => expectSame(x, ref.variance[j][k], `variance[${j}][${k}]`)));
        expect(logRankTallies(kaplanMeierGroups(d, e, codes, groups), opts)).toEqual(res);
      }),
      { numRuns: 400 },
    );
  });

  it('survivalQuantile: fitted curves, all conf types, several p', () => {
    fc.assert(
      fc.property(sample, fc.constantFrom('log', 'log-log', 'plain' as const), fc.constantFrom(0.1, 0.25, 0.5, 0.75), ({ rows }, ct, p) => {
        const km = kaplanMeier(Float64Array.from(rows, (r) => r.t), Uint8Array.from(rows, (r) => r.e), { confType: ct });
        checkQuantiles(km, p);
      }),
      { numRuns: 400 },
    );
  });

  it('survivalQuantile: hand-made curves with repeats, NA, values at p and bands that turn back', () => {
    const value = fc.constantFrom(null, 0, 0.2, 0.3, 0.5, 0.5 + 1e-9, 0.5 - 1e-9, 0.5 + 1e-7, 0.6, 0.7, 1);
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 12 }), fc.constantFrom(0.3, 0.5), (points, p) => {
        const col = (k: number) => Float64Array.from(points, (x) => x[k] ?? NaN);
        const time = Float64Array.from(points, (_, i) => i + 1);
        const curve = { time, survival: col(0), lower: col(1), upper: col(2) } as KMCurve;
        checkQuantiles(curve, p);
      }),
      { numRuns: 1000 },
    );
  });
});

function checkQuantiles(curve: KMCurve, p: number): void {
  const q = survivalQuantile(curve, p);
  const times = [...curve.time];
  const rows = (col: Float64Array) => Array.from(col, (v) => (Number.isNaN(v) ? null : v));
  expectSame(q.estimate, refFindq(times, rows(curve.survival), p), 'estimate');
  expectSame(q.lower, refFindq(times, rows(curve.lower), p), 'lower');
  expectSame(q.upper, refFindq(times, rows(curve.upper), p), 'upper');
}
