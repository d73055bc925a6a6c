import { describe, expect, it } from 'vitest';
import { npsClassIndex, npsInterval, onScale } from '../../src/stats/feedback-scores.js';

describe('npsClassIndex', () => {
  it('classes 0-6 detractor, 7-8 passive, 9-10 promoter', () => {
    expect([0, 3, 6, 7, 8, 9, 10].map(npsClassIndex)).toEqual([0, 0, 0, 1, 1, 2, 2]);
  });
  it('rejects scores off 0-10 or not whole (never clipped)', () => {
    expect([-1, 11, 7.5, NaN, Infinity].map(npsClassIndex)).toEqual([-1, -1, -1, -1, -1]);
  });
});

describe('onScale', () => {
  it('takes whole numbers from min to max only', () => {
    const s = { min: 1, max: 5 };
    expect([1, 3, 5].every((x) => onScale(x, s))).toBe(true);
    expect([0, 6, 4.5, NaN].some((x) => onScale(x, s))).toBe(false);
  });
});

describe('npsInterval', () => {
  // Adjusted Wald (Rocks 2016): n' = n + 3, p' = (P + 3/4) / n', d' = (D + 3/4) / n',
  // (p' - d') +- z sqrt((p' + d' - (p' - d')^2) / n'); values worked by hand (Python).
  it.each([
    [2, 1, 4, 25, -44.15976852989918, 72.73119710132777],
    [0, 1, 2, -50, -79.44865107837683, 39.44865107837684],
    [5, 2, 10, 30, -19.05061537636367, 65.20446153020983],
    [20, 0, 20, 100, 69.68334402543937, 100],
  ])('P=%d D=%d n=%d: NPS %d in [%f, %f]', (P, D, n, nps, lower, upper) => {
    const e = npsInterval(P, D, n);
    expect(e.nps).toBeCloseTo(nps, 12);
    expect(e.lower).toBeCloseTo(lower, 9);
    expect(e.upper).toBeCloseTo(upper, 9);
  });

  it('has no estimate without answers', () => {
    expect(npsInterval(0, 0, 0)).toEqual({ nps: null, lower: null, upper: null });
  });

  it('covers the true NPS about 95% of the time (seeded trinomial simulation)', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const [pp, pd, n] of [
      [0.5, 0.2, 40],
      [0.3, 0.3, 100],
      [0.8, 0.05, 30],
    ]) {
      let covered = 0;
      const reps = 2000;
      for (let r = 0; r < reps; ++r) {
        let P = 0;
        let D = 0;
        for (let i = 0; i < n; ++i) {
          const u = random();
          if (u < pp) ++P;
          else if (u < pp + pd) ++D;
        }
        const e = npsInterval(P, D, n);
        const truth = 100 * (pp - pd);
        if (e.lower! <= truth && truth <= e.upper!) ++covered;
      }
      expect(covered / reps).toBeGreaterThan(0.92);
      expect(covered / reps).toBeLessThan(0.985);
    }
  });
});
