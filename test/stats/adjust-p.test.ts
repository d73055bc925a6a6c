import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustP } from '../../src/stats/adjust-p.js';

const cases = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/adjust-p/cases.json'), 'utf8'));

describe('adjustP(p, method): Benjamini and Hochberg (1995) worked example', () => {
  const { p, rejected_bh_005, rejected_holm_005 } = cases.bh1995;
  it('BH rejects the four smallest at 0.05, as in the paper', () => {
    expect(adjustP(p, 'bh').filter((x) => x! <= 0.05).length).toBe(rejected_bh_005);
  });
  it('Holm rejects three', () => {
    expect(adjustP(p, 'holm').filter((x) => x! <= 0.05).length).toBe(rejected_holm_005);
  });
  it('BH of the fourth smallest is 15/4 x 0.0095', () => {
    expect(adjustP(p, 'bh')[3]).toBeCloseTo((15 / 4) * 0.0095, 15);
  });
});

describe('adjustP(p, method): a vector worked by hand (fixture README)', () => {
  const { p, holm, bh } = cases.hand;
  it('holm', () => adjustP(p, 'holm').forEach((x, i) => (holm[i] === null ? expect(x).toBeNull() : expect(x).toBeCloseTo(holm[i], 15))));
  it('bh', () => adjustP(p, 'bh').forEach((x, i) => (bh[i] === null ? expect(x).toBeNull() : expect(x).toBeCloseTo(bh[i], 15))));
  it('none keeps the values, NaN becomes null', () => expect(adjustP([0.2, NaN], 'none')).toEqual([0.2, null]));
});

/** The definitions, O(m^2), as an independent check. */
function naive(p: number[], method: 'holm' | 'bh'): number[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const rank = new Array<number>(m);
  order.forEach((i, r) => (rank[i] = r + 1));
  return p.map((_, i) => {
    const r = rank[i];
    if (method === 'holm') return Math.max(...order.slice(0, r).map((j, s) => Math.min(1, (m - s) * p[j])));
    return Math.min(...order.slice(r - 1).map((j, s) => Math.min(1, (m / (r + s)) * p[j])));
  });
}

describe('adjustP against the definitions (property)', () => {
  it('holm and bh, adjusted >= raw, bh <= holm', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (p) => {
        const h = adjustP(p, 'holm') as number[];
        const b = adjustP(p, 'bh') as number[];
        const nh = naive(p, 'holm');
        const nb = naive(p, 'bh');
        p.forEach((x, i) => {
          expect(h[i]).toBeCloseTo(nh[i], 12);
          expect(b[i]).toBeCloseTo(nb[i], 12);
          expect(h[i]).toBeGreaterThanOrEqual(x);
          expect(b[i]).toBeLessThanOrEqual(h[i] + 1e-15);
        });
      }),
    );
  });
});
