import { describe, expect, it } from 'vitest';
import { chiSquareTail } from '../../src/stats/chi-square.js';
import { normalQuantile, twoSidedZ } from '../../src/stats/normal-quantile.js';
import { expectClose, readFixture } from './survival-fixtures.js';

interface Fixture {
  chisq: { x: number; df: number; p: number; log10p: number }[];
  qnorm: { p: number; z: number }[];
}
const fx = readFixture<Fixture>('distributions.json');

describe('chiSquareTail against R pchisq(x, df, lower.tail = FALSE[, log.p = TRUE])', () => {
  for (const { x, df, p, log10p } of fx.chisq) {
    it(`x = ${x}, df = ${df}`, () => {
      const r = chiSquareTail(x, df);
      // p relative to itself (it spans 1 to 1e-300), log10 p to 1e-9 relative.
      if (p > 1e-300) expect(Math.abs(r.p! - p) / p).toBeLessThan(1e-9);
      else expect(r.p!).toBeLessThan(1e-295);
      expectClose(r.log10p, log10p, 'log10p', 1e-9);
    });
  }

  it('chi2 = 5000 on 1 df has a finite log10 p', () => {
    const r = chiSquareTail(5000, 1);
    expect(r.p).toBe(0);
    expect(r.log10p).toBeCloseTo(-1087.684, 3); // R: -1087.68383651432
  });

  it('no test: df 0 or a NaN statistic; x <= 0 gives p = 1', () => {
    expect(chiSquareTail(3, 0)).toEqual({ p: null, log10p: null });
    expect(chiSquareTail(NaN, 2)).toEqual({ p: null, log10p: null });
    expect(chiSquareTail(0, 2)).toEqual({ p: 1, log10p: 0 });
    expect(chiSquareTail(Infinity, 2)).toEqual({ p: 0, log10p: null });
  });
});

describe('normalQuantile against R qnorm (AS 241)', () => {
  for (const { p, z } of fx.qnorm) {
    it(`p = ${p}`, () => expectClose(normalQuantile(p), z, 'z', 1e-14));
  }
  it('ends and the two-sided critical value', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(2)).toBeNaN();
    expect(twoSidedZ(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(() => twoSidedZ(0)).toThrow(/confLevel/);
    expect(() => twoSidedZ(1)).toThrow(/confLevel/);
  });
});
