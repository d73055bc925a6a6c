import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineMoments, diffMeans, groupMoments, meanSummary } from '../../src/stats/mean-interval.js';

const one = (xs: number[]) => groupMoments(Float64Array.from(xs), new Int32Array(xs.length), 1)[0];

describe('groupMoments', () => {
  it('counts, sums and the squared deviations per group, skipping NaN and no group', () => {
    const m = groupMoments(Float64Array.of(1, 2, 3, NaN, 10), Int32Array.of(0, 0, 0, 0, -1), 1)[0];
    expect(m.n).toBe(3);
    expect(m.total).toBe(6);
    expect(m.mean).toBe(2);
    expect(m.m2).toBeCloseTo(2, 12);
  });
});

describe('meanSummary', () => {
  it('mean +- 1.96 sd / sqrt(n)', () => {
    const s = meanSummary(one([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(s.upper! - s.mean!).toBeCloseTo((1.959963984540054 * Math.sqrt(32 / 7)) / Math.sqrt(8), 9);
  });
});

describe('combineMoments', () => {
  it('gives the moments of the values taken together (any split)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { maxLength: 40 }), fc.nat(), (xs, k) => {
        const cut = xs.length ? k % (xs.length + 1) : 0;
        const c = combineMoments(one(xs.slice(0, cut)), one(xs.slice(cut)));
        const all = one(xs);
        expect(c.n).toBe(all.n);
        expect(c.total).toBeCloseTo(all.total, 6);
        expect(c.mean).toBeCloseTo(all.mean, 6);
        expect(c.m2).toBeCloseTo(all.m2, 3);
      }),
    );
  });

  it('keeps Welch differences the same as from the pooled values', () => {
    const a = [12, 15, 11, 19, 14];
    const b = [8, 9, 13, 7];
    const d1 = diffMeans(one(a), one(b));
    const d2 = diffMeans(combineMoments(one(a.slice(0, 2)), one(a.slice(2))), combineMoments(one(b.slice(0, 3)), one(b.slice(3))));
    expect(d2.diff).toBeCloseTo(d1.diff!, 12);
    expect(d2.p).toBeCloseTo(d1.p!, 12);
  });
});
