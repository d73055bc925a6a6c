import { describe, expect, it } from 'vitest';
import { confidenceBand, confidenceInterval, greenwoodSum } from '../../src/stats/greenwood.js';
import { twoSidedZ } from '../../src/stats/normal-quantile.js';
import { expectAllClose, readFixture, type RConfType } from './survival-fixtures.js';

describe('greenwoodSum', () => {
  it('accumulates d / (n (n - d)) and turns Infinity when everyone at risk fails', () => {
    const g = greenwoodSum([6, 4, 2, 1], [1, 2, 0, 1]);
    expect(Array.from(g)).toEqual([1 / 30, 1 / 30 + 2 / 8, 1 / 30 + 2 / 8, Infinity]);
    expect(greenwoodSum([], []).length).toBe(0);
  });
});

describe('confidenceBand against R survfit: synthetic data, every curve and conf.type', () => {
  const fx = readFixture('synth-ties.json');
  for (const { group, curve } of fx.curves) {
    for (const type of ['log', 'log-log', 'plain'] as RConfType[]) {
      it(`${group}, ${type}`, () => {
        const r = curve[type];
        const band = confidenceBand(r.surv, greenwoodSum(r.n_risk, r.n_event), { type, level: 0.95 });
        expectAllClose(band.lower, r.lower, 'lower');
        expectAllClose(band.upper, r.upper, 'upper');
      });
    }
  }
});

describe('confidenceInterval at S = 0 and S = 1 follows R (NA -> null)', () => {
  const z = twoSidedZ(0.95);
  it('S = 1 (nothing happened yet)', () => {
    expect(confidenceInterval(1, 0, z, 'log')).toEqual({ lower: 1, upper: 1 });
    expect(confidenceInterval(1, 0, z, 'plain')).toEqual({ lower: 1, upper: 1 });
    expect(confidenceInterval(1, 0, z, 'log-log')).toEqual({ lower: null, upper: null });
  });
  it('S = 0 (everyone at risk failed)', () => {
    for (const type of ['log', 'log-log', 'plain'] as const) {
      expect(confidenceInterval(0, Infinity, z, type)).toEqual({ lower: null, upper: null });
    }
  });
  it('rejects a level outside (0, 1)', () => {
    expect(() => confidenceBand([0.5], [0.1], { type: 'log', level: 0 })).toThrow(/confLevel/);
  });
});
