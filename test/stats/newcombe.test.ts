import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/stats/normal-quantile.js';
import { diffProportions, wilson } from '../../src/stats/newcombe.js';
import { expectAllClose, expectClose, expectNoNaN, readFixture } from './survival-fixtures.js';

interface NewcombeCase {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  diff: number;
  lower: number;
  upper: number;
  wilson1: number[];
  wilson2: number[];
  p: number | null;
}

describe('diffProportions: Newcombe (1998), Table II, method 10', () => {
  // Published intervals (4 decimals as printed); the R fixture below covers the other cases.
  const table: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 10, 0.6075, 1.0],
  ];
  for (const [x1, n1, x2, n2, lo, hi] of table) {
    it(`${x1}/${n1} - ${x2}/${n2}: [${lo}, ${hi}]`, () => {
      const r = diffProportions(x1, n1, x2, n2);
      expect(r.diff).toBeCloseTo(x1 / n1 - x2 / n2, 14);
      expect(r.lower!.toFixed(4)).toBe(lo.toFixed(4));
      expect(r.upper!.toFixed(4)).toBe(hi.toFixed(4));
    });
  }
});

describe("diffProportions against R's Wilson intervals and prop.test(correct = FALSE)", () => {
  const { newcombe } = readFixture<{ newcombe: NewcombeCase[] }>('distributions.json');
  for (const c of newcombe) {
    it(`${c.x1}/${c.n1} - ${c.x2}/${c.n2}`, () => {
      const r = diffProportions(c.x1, c.n1, c.x2, c.n2);
      expectClose(r.diff, c.diff, 'diff', 1e-12);
      expectClose(r.lower, c.lower, 'lower', 1e-9);
      expectClose(r.upper, c.upper, 'upper', 1e-9);
      expectClose(r.p, c.p, 'p', 1e-9);
      const z = normalQuantile(0.975);
      expectAllClose(wilson(c.x1, c.n1, z), c.wilson1, 'wilson1', 1e-9);
      expectAllClose(wilson(c.x2, c.n2, z), c.wilson2, 'wilson2', 1e-9);
    });
  }
});

describe('diffProportions edge cases', () => {
  it('an empty group: all null', () => {
    expect(diffProportions(0, 0, 3, 10)).toEqual({ diff: null, lower: null, upper: null, z: null, p: null });
  });
  it('pooled proportion 0 or 1: interval but no test', () => {
    const r = diffProportions(0, 10, 0, 20);
    expect(r.z).toBeNull();
    expect(r.p).toBeNull();
    expectNoNaN(r);
    expect(diffProportions(5, 5, 7, 7).p).toBeNull();
  });
  it('the z statistic and its two-sided p', () => {
    const r = diffProportions(120, 400, 95, 410);
    const pooled = 215 / 810;
    expect(r.z).toBeCloseTo((0.3 - 95 / 410) / Math.sqrt(pooled * (1 - pooled) * (1 / 400 + 1 / 410)), 12);
  });
  it('the level', () => {
    const narrow = diffProportions(56, 70, 48, 80, 0.8);
    const wide = diffProportions(56, 70, 48, 80, 0.99);
    expect(narrow.upper! - narrow.lower!).toBeLessThan(wide.upper! - wide.lower!);
    expect(() => diffProportions(1, 2, 1, 2, 1.5)).toThrow(/confLevel/);
    expect(() => diffProportions(3, 2, 1, 2)).toThrow(RangeError);
  });
});
