import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, type KMCurve } from '../../src/stats/kaplan-meier.js';
import { medianSurvival, survivalAt, survivalQuantile, survivalQuantileByScan } from '../../src/stats/median.js';
import {
  expectAllClose,
  expectClose,
  expectNoNaN,
  hasTelco,
  readFixture,
  subset,
  synthData,
  telcoCsv,
  telcoData,
  type RConfType,
  type RSurvivalFixture,
  type SurvivalData,
} from './survival-fixtures.js';

const CONF: RConfType[] = ['log', 'log-log', 'plain'];

function checkAgainstR(fx: RSurvivalFixture, data: () => SurvivalData): void {
  let loaded: SurvivalData | undefined;
  const get = () => (loaded ??= data());
  for (const { by, group, curve: r } of fx.curves) {
    for (const confType of CONF) {
      it(`${by} = ${group}, conf.type ${confType}: median as quantile(), S at ${fx.times.join(', ')}`, () => {
        const { durations, events } = subset(get(), by, group);
        const km = kaplanMeier(durations, events, { confType });
        const rr = r[confType];
        const med = medianSurvival(km);
        expectClose(med.estimate, rr.median.quantile, 'median');
        expectClose(med.lower, rr.median.lower, 'median lower');
        expectClose(med.upper, rr.median.upper, 'median upper');
        const at = survivalAt(km, fx.times);
        expect(at.map((a) => a.time)).toEqual(rr.at.time);
        expectAllClose(at.map((a) => a.survival), rr.at.surv, 'survival');
        expectAllClose(at.map((a) => a.stdErr), rr.at.std_err, 'stdErr');
        expectAllClose(at.map((a) => a.lower), rr.at.lower, 'lower');
        expectAllClose(at.map((a) => a.upper), rr.at.upper, 'upper');
        expect(at.map((a) => a.nRisk)).toEqual(rr.at.n_risk);
        expect(at.map((a) => a.nEvent)).toEqual(rr.at.n_event);
        expectNoNaN(at);
      });
    }
  }
}

describe('medianSurvival: the METRICS.md worked example', () => {
  it('is 8, the first time S <= 0.5', () => {
    const km = kaplanMeier(Float64Array.of(5, 5, 8, 8, 12, 15), Uint8Array.of(1, 0, 1, 1, 0, 1), { confType: 'log' });
    // R: quantile(survfit(Surv(t, e) ~ 1), 0.5) gives 8 with interval [8, NA].
    expect(medianSurvival(km)).toEqual({ estimate: 8, lower: 8, upper: null });
  });
});

describe("medianSurvival: R's rule when S is exactly 0.5 on a flat stretch", () => {
  it('takes the midpoint up to the next drop', () => {
    const km = kaplanMeier(Float64Array.of(1, 2, 3, 6), Uint8Array.of(1, 1, 0, 1));
    expect(medianSurvival(km).estimate).toBe(4);
  });
  it('takes the midpoint up to the last time when S never drops again (quantile(), not print())', () => {
    const km = kaplanMeier(Float64Array.of(1, 2, 3, 4), Uint8Array.of(1, 1, 0, 0));
    expect(medianSurvival(km).estimate).toBe(3);
  });
  it('reads other quantiles the same way', () => {
    const km = kaplanMeier(Float64Array.of(1, 2, 3, 4), Uint8Array.of(1, 1, 1, 1));
    expect(survivalQuantile(km, 0.25).estimate).toBe(1.5);
    expect(survivalQuantile(km, 0.3).estimate).toBe(2);
    expect(survivalQuantile(km, 0.75).estimate).toBe(3.5);
  });
});

describe('survivalQuantile on a non-monotone confidence curve, as survival:::findq', () => {
  // A hand-made curve whose upper band rises again: R orders the points by 1 - upper, not by time.
  const curveWithUpper = (times: number[], upper: (number | null)[]): KMCurve => {
    const rows = times.map((time, i) => ({
      time,
      nRisk: 10 - i,
      nEvent: 1,
      nCensor: 0,
      survival: 0.9 - 0.1 * i,
      stdErr: 0.1,
      lower: 0.8 - 0.1 * i,
      upper: upper[i],
    }));
    return {
      n: 10,
      nEvents: 5,
      confType: 'log',
      level: 0.95,
      time: Float64Array.from(rows, (r) => r.time),
      nRisk: Int32Array.from(rows, (r) => r.nRisk),
      nEvent: Int32Array.from(rows, (r) => r.nEvent),
      nCensor: Int32Array.from(rows, (r) => r.nCensor),
      survival: Float64Array.from(rows, (r) => r.survival),
      stdErr: Float64Array.from(rows, (r) => r.stdErr),
      lower: Float64Array.from(rows, (r) => r.lower),
      upper: Float64Array.from(rows, (r) => r.upper ?? NaN),
      rows,
    };
  };
  // R: survival:::findq(c(0, 1, 2, 3, 4), c(0, 0.3, 0.52, 0.51, 0.6), 0.5, sqrt(.Machine$double.eps)) == 3
  it('takes the point with the smallest 1 - upper >= 0.5', () => {
    expect(survivalQuantile(curveWithUpper([1, 2, 3, 4], [0.7, 0.48, 0.49, 0.4]), 0.5).upper).toBe(3);
  });
  // R: findq(c(0, 1, 2, 3, 4), c(0, 0.3, NA, 0.5, 0.5), 0.5, tol) == 3.5
  it('skips NA and applies the last-point rule after dropping repeats', () => {
    expect(survivalQuantile(curveWithUpper([1, 2, 3, 4], [0.7, null, 0.5, 0.5]), 0.5).upper).toBe(3.5);
  });
  // R: findq(c(0, 1, 2, 3, 4, 6), c(0, 0.3, 0.5, 0.4, 0.7, 0.7), 0.5, tol) == 3
  it('averages with the next larger value when one point sits at 0.5', () => {
    expect(survivalQuantile(curveWithUpper([1, 2, 3, 4, 6], [0.7, 0.5, 0.6, 0.3, 0.3]), 0.5).upper).toBe(3);
  });
});

describe('medianSurvival and survivalAt against R: synthetic ties and heavy censoring', () => {
  checkAgainstR(readFixture('synth-ties.json'), () => synthData('synth-ties.csv'));
});

describe('medianSurvival and survivalAt against R: tiny groups and edge cases', () => {
  checkAgainstR(readFixture('synth-tiny.json'), () => synthData('synth-tiny.csv'));
});

describe.skipIf(!hasTelco)(`medianSurvival and survivalAt against R: Telco (skipped when ${telcoCsv.pathname} is absent)`, () => {
  checkAgainstR(readFixture('telco.json'), telcoData);

  it('reproduces the published figures for Month-to-month with internet service', () => {
    const { durations, events } = subset(
      telcoData(),
      'subset: Contract == Month-to-month & InternetService != No',
      'all',
    );
    const km = kaplanMeier(durations, events);
    expect(km.n).toBe(3351);
    expect(km.nEvents).toBe(1556);
    expect(medianSurvival(km).estimate).toBe(34);
    const [s12, s24] = survivalAt(km, [12, 24]);
    expect(s12.survival.toFixed(4)).toBe('0.6950');
    expect(s24.survival.toFixed(4)).toBe('0.5753');
  });
});

describe('survivalAt', () => {
  const km = kaplanMeier(Float64Array.of(5, 5, 8, 8, 12, 15), Uint8Array.of(1, 0, 1, 1, 0, 1), { confType: 'log' });
  it('steps: the value at the last time <= t; at risk = durations >= t; events since the previous time', () => {
    expect(survivalAt(km, [20, 3, 8, 5, 7.5]).map((a) => [a.time, a.survival, a.nRisk, a.nEvent])).toEqual([
      [3, 1, 6, 0],
      [5, 5 / 6, 6, 1],
      [7.5, 5 / 6, 4, 0],
      [8, 5 / 12, 4, 2],
      [20, 0, 0, 1],
    ]);
  });
  it('before the first time: S = 1 with interval [1, 1], as R; past S = 0: nulls', () => {
    const ll = kaplanMeier(Float64Array.of(5, 5, 8), Uint8Array.of(0, 1, 1));
    expect(survivalAt(ll, [1])[0]).toEqual({ time: 1, survival: 1, stdErr: 0, lower: 1, upper: 1, nRisk: 3, nEvent: 0, cumulativeEvents: 0, beyondData: false });
    expect(survivalAt(ll, [9])[0]).toEqual({ time: 9, survival: 0, stdErr: null, lower: null, upper: null, nRisk: 0, nEvent: 2, cumulativeEvents: 2, beyondData: true });
  });
  it('leaves out non-finite times, and works on an empty curve', () => {
    expect(survivalAt(km, [NaN, Infinity, 5]).map((a) => a.time)).toEqual([5]);
    const empty = kaplanMeier(new Float64Array(0), new Uint8Array(0));
    expect(survivalAt(empty, [3])).toEqual([{ time: 3, survival: 1, stdErr: 0, lower: 1, upper: 1, nRisk: 0, nEvent: 0, cumulativeEvents: 0, beyondData: true }]);
  });
});

describe('medianSurvival edge cases: null, never NaN', () => {
  it('all censored, zero-length input, and a single customer', () => {
    const none = { estimate: null, lower: null, upper: null };
    expect(medianSurvival(kaplanMeier(Float64Array.of(1, 2, 3), new Uint8Array(3)))).toEqual(none);
    expect(medianSurvival(kaplanMeier(new Float64Array(0), new Uint8Array(0)))).toEqual(none);
    expect(medianSurvival(kaplanMeier(Float64Array.of(4), Uint8Array.of(1)))).toEqual({ estimate: 4, lower: null, upper: null });
  });
  it('all events at one time', () => {
    expect(medianSurvival(kaplanMeier(Float64Array.of(5, 5, 5), Uint8Array.of(1, 1, 1))).estimate).toBe(5);
  });
});

describe('survivalQuantile: binary searches on curves that never rise', () => {
  // Curves with NA before and after their values, flat stretches, values at and within tol
  // of p, and some that rise (the full pass then): the same answers as findq's pass.
  const TOL = Math.sqrt(2 ** -52);
  const value = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.5, 0.5 + TOL / 2, 0.5 - TOL / 2, 0.5 + TOL, 0.5 - TOL, 0.25, 0.75, 1e-300));
  const column = fc.record({
    before: fc.integer({ min: 0, max: 3 }),
    values: fc.array(value, { maxLength: 40 }),
    after: fc.integer({ min: 0, max: 3 }),
    sorted: fc.boolean(),
    hole: fc.boolean(),
  }).map(({ before, values, after, sorted, hole }) => {
    const v = sorted ? [...values].sort((a, b) => b - a) : values;
    if (hole && v.length > 2) v[1] = NaN;
    return Float64Array.from([...Array(before).fill(NaN), ...v, ...Array(after).fill(NaN)]);
  });
  it('survivalQuantile(curve, p) is survivalQuantileByScan(curve, p)', () => {
    fc.assert(
      fc.property(column, column, fc.constantFrom(0.5, 0.25, 0.75, 0.1, 0.9, 1e-9, 1 - 1e-9), (a, b, p) => {
        const n = Math.min(a.length, b.length);
        const times = Float64Array.from({ length: n }, (_, i) => 1 + i * 1.5);
        for (const c of [a.subarray(0, n), b.subarray(0, n)]) {
          const curve = { time: times, survival: c, lower: a.subarray(0, n), upper: b.subarray(0, n) };
          expect(survivalQuantile(curve, p)).toEqual(survivalQuantileByScan(curve, p));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('on Kaplan-Meier curves with their bands: the same as the pass', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ t: fc.integer({ min: 0, max: 30 }), e: fc.boolean() }), { minLength: 1, maxLength: 80 }), fc.constantFrom('log-log', 'log', 'plain'), (rows, confType) => {
        const curve = kaplanMeier(Float64Array.from(rows, (r) => r.t), Uint8Array.from(rows, (r) => (r.e ? 1 : 0)), { confType: confType as 'log' });
        for (const p of [0.5, 0.25, 0.75]) expect(survivalQuantile(curve, p)).toEqual(survivalQuantileByScan(curve, p));
      }),
      { numRuns: 500 },
    );
  });
});
