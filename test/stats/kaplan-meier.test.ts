import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KohortError } from '../../src/errors.js';
import { kaplanMeier, kaplanMeierDeferred, kaplanMeierGroups, kaplanMeierTallies, survivalInto, type KMCurve } from '../../src/stats/kaplan-meier.js';
import { groupTallies } from '../../src/stats/survival-tally.js';
import {
  expectAllClose,
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
      it(`${by} = ${group}, conf.type ${confType}`, () => {
        const { durations, events } = subset(get(), by, group);
        const km = kaplanMeier(durations, events, { confType });
        const rr = r[confType];
        expect(km.n).toBe(r.n);
        expect(km.nEvents).toBe(r.events);
        expect(km.rows.map((x) => x.time)).toEqual(rr.time);
        expect(km.rows.map((x) => x.nRisk)).toEqual(rr.n_risk);
        expect(km.rows.map((x) => x.nEvent)).toEqual(rr.n_event);
        expect(km.rows.map((x) => x.nCensor)).toEqual(rr.n_censor);
        expectAllClose(km.rows.map((x) => x.survival), rr.surv, 'survival');
        expectAllClose(km.rows.map((x) => x.stdErr), rr.std_err, 'stdErr');
        expectAllClose(km.rows.map((x) => x.lower), rr.lower, 'lower');
        expectAllClose(km.rows.map((x) => x.upper), rr.upper, 'upper');
      });
    }
  }
}

describe('kaplanMeier: the METRICS.md worked example', () => {
  const km = kaplanMeier(Float64Array.of(5, 5, 8, 8, 12, 15), Uint8Array.of(1, 0, 1, 1, 0, 1));
  it('has one row per distinct time, censored times included', () => {
    expect(km.rows.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor])).toEqual([
      [5, 6, 1, 1],
      [8, 4, 2, 0],
      [12, 2, 0, 1],
      [15, 1, 1, 0],
    ]);
  });
  it('gives S = 0.8333, 0.4167, 0.4167, 0', () => {
    const s = km.rows.map((r) => r.survival);
    expect(s[0]).toBeCloseTo(5 / 6, 12);
    expect(s[1]).toBeCloseTo(5 / 12, 12);
    expect(s[2]).toBeCloseTo(5 / 12, 12);
    expect(s[3]).toBe(0);
  });
  it('has Greenwood std errors and nulls (not NaN) where S = 0', () => {
    expect(km.rows[0].stdErr).toBeCloseTo((5 / 6) * Math.sqrt(1 / 30), 12);
    expect(km.rows[1].stdErr).toBeCloseTo((5 / 12) * Math.sqrt(1 / 30 + 2 / 8), 12);
    expect(km.rows[3]).toMatchObject({ survival: 0, stdErr: null, lower: null, upper: null });
    expect(km.confType).toBe('log-log');
    expect(km.level).toBe(0.95);
  });
});

describe('kaplanMeier against R survfit: synthetic ties and heavy censoring', () => {
  checkAgainstR(readFixture('synth-ties.json'), () => synthData('synth-ties.csv'));
});

describe('kaplanMeier against R survfit: tiny groups and edge cases', () => {
  checkAgainstR(readFixture('synth-tiny.json'), () => synthData('synth-tiny.csv'));
});

describe.skipIf(!hasTelco)(`kaplanMeier against R survfit: Telco (skipped when ${telcoCsv.pathname} is absent)`, () => {
  checkAgainstR(readFixture('telco.json'), telcoData);
});

describe('the columns and the rows view', () => {
  const km = kaplanMeier(Float64Array.of(5, 5, 8, 8, 12, 15), Uint8Array.of(1, 0, 1, 1, 0, 1), { confType: 'log' });
  it('holds one entry per time in every column, NaN where the rows view has null', () => {
    expect([...km.time]).toEqual([5, 8, 12, 15]);
    expect([...km.nRisk]).toEqual([6, 4, 2, 1]);
    expect([...km.nEvent]).toEqual([1, 2, 0, 1]);
    expect([...km.nCensor]).toEqual([1, 0, 1, 0]);
    km.rows.forEach((r, i) => {
      expect(r.survival).toBe(km.survival[i]);
      for (const k of ['stdErr', 'lower', 'upper'] as const) {
        expect(r[k]).toBe(Number.isNaN(km[k][i]) ? null : km[k][i]);
      }
    });
    expect(Number.isNaN(km.lower[3])).toBe(true);
    expect(km.rows[3].lower).toBeNull();
  });
  it('builds the rows view once', () => {
    expect(km.rows).toBe(km.rows);
  });
});

describe('kaplanMeierGroups', () => {
  const data = synthData('synth-tiny.csv');
  const levels = [...new Set(data.groupings.group)].sort();
  const codes = Int32Array.from(data.groupings.group, (g) => levels.indexOf(g));

  it('gives the same curve as kaplanMeier on each group alone', () => {
    const curves = kaplanMeierGroups(data.durations, data.events, codes, levels.length, { confType: 'log' });
    expect(curves).toHaveLength(levels.length);
    levels.forEach((g, i) => {
      const { durations, events } = subset(data, 'group', g);
      expect(curves[i]).toEqual(kaplanMeier(durations, events, { confType: 'log' }));
    });
  });

  it('leaves out rows with a negative code and gives empty groups an empty curve', () => {
    const c = Int32Array.from(codes, (g) => (g === 0 ? -1 : g + 1));
    const curves = kaplanMeierGroups(data.durations, data.events, c, levels.length + 1);
    expect([curves[0].n, curves[0].nEvents, curves[0].time.length, curves[0].rows]).toEqual([0, 0, 0, []]);
    expect(curves[1].n).toBe(0);
    expect(curves[2]).toEqual(kaplanMeier(...Object.values(subset(data, 'group', levels[1])) as [Float64Array, Uint8Array]));
  });

  it('rejects a code not below groupCount', () => {
    expect(() => kaplanMeierGroups(Float64Array.of(1), Uint8Array.of(1), Int32Array.of(2), 2)).toThrow(RangeError);
  });
});

describe('kaplanMeier edge cases: never NaN', () => {
  it('all censored: S = 1 throughout', () => {
    const km = kaplanMeier(Float64Array.of(3, 1, 2, 2), new Uint8Array(4), { confType: 'log' });
    expect(km.rows.map((r) => r.survival)).toEqual([1, 1, 1]);
    expect(km.rows.map((r) => [r.stdErr, r.lower, r.upper])).toEqual([
      [0, 1, 1],
      [0, 1, 1],
      [0, 1, 1],
    ]);
    const ll = kaplanMeier(Float64Array.of(3, 1, 2, 2), new Uint8Array(4));
    expect(ll.rows.every((r) => r.lower === null && r.upper === null)).toBe(true);
    expectNoNaN(ll.rows);
  });

  it('all events at one time: S drops straight to 0', () => {
    for (const confType of ['log', 'log-log', 'plain'] as const) {
      const km = kaplanMeier(Float64Array.of(4, 4, 4), Uint8Array.of(1, 1, 1), { confType });
      expect(km.rows).toEqual([
        { time: 4, nRisk: 3, nEvent: 3, nCensor: 0, survival: 0, stdErr: null, lower: null, upper: null },
      ]);
    }
  });

  it('a single customer, with or without the event', () => {
    expect(kaplanMeier(Float64Array.of(2), Uint8Array.of(1)).rows).toEqual([
      { time: 2, nRisk: 1, nEvent: 1, nCensor: 0, survival: 0, stdErr: null, lower: null, upper: null },
    ]);
    expect(kaplanMeier(Float64Array.of(2), Uint8Array.of(0), { confType: 'plain' }).rows).toEqual([
      { time: 2, nRisk: 1, nEvent: 0, nCensor: 1, survival: 1, stdErr: 0, lower: 1, upper: 1 },
    ]);
  });

  it('zero-length input', () => {
    const km = kaplanMeier(new Float64Array(0), new Uint8Array(0));
    expect([km.n, km.nEvents, km.confType, km.level, km.rows]).toEqual([0, 0, 'log-log', 0.95, []]);
    for (const col of [km.time, km.nRisk, km.nEvent, km.nCensor, km.survival, km.stdErr, km.lower, km.upper]) {
      expect(col).toHaveLength(0);
    }
  });

  it('events at time 0 and any non-zero event flag', () => {
    const km = kaplanMeier(Float64Array.of(0, 0, 3), Uint8Array.of(7, 0, 1), { confType: 'log' });
    expect(km.rows.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor])).toEqual([
      [0, 3, 1, 1],
      [3, 1, 1, 0],
    ]);
    expect(km.rows[0].survival).toBeCloseTo(2 / 3, 14);
  });

  it('rejects bad durations, levels and interval types with catalogued errors', () => {
    const bad = (f: () => unknown, code: string) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(KohortError);
        expect((e as KohortError).code).toBe(code);
        return;
      }
      throw new Error('expected a KohortError');
    };
    bad(() => kaplanMeier(Float64Array.of(1, NaN), Uint8Array.of(1, 1)), 'badSurvivalDuration');
    bad(() => kaplanMeier(Float64Array.of(-1), Uint8Array.of(1)), 'badSurvivalDuration');
    bad(() => kaplanMeier(Float64Array.of(1), Uint8Array.of(1), { level: 95 }), 'badConfLevel');
    bad(() => kaplanMeier(Float64Array.of(1), Uint8Array.of(1), { confType: 'logit' as never }), 'unknownOption');
    expect(() => kaplanMeier(Float64Array.of(1, 2), Uint8Array.of(1))).toThrow(RangeError);
  });
});

describe('kaplanMeier properties', () => {
  const sample = fc
    .array(fc.record({ t: fc.integer({ min: 0, max: 40 }), e: fc.boolean(), frac: fc.boolean() }), { maxLength: 80 })
    .map((rows) => ({
      durations: Float64Array.from(rows, (r) => (r.frac ? r.t + 0.5 : r.t)),
      events: Uint8Array.from(rows, (r) => (r.e ? 1 : 0)),
    }));
  const confType = fc.constantFrom('log' as const, 'log-log' as const, 'plain' as const);
  const level = fc.constantFrom(0.8, 0.9, 0.95, 0.99);

  it('S is non-increasing, within [0, 1], with lower <= S <= upper, and nothing is NaN', () => {
    fc.assert(
      fc.property(sample, confType, level, ({ durations, events }, ct, lv) => {
        const km: KMCurve = kaplanMeier(durations, events, { confType: ct, level: lv });
        let prev = 1;
        let atRisk = durations.length;
        for (const r of km.rows) {
          expect(r.survival).toBeLessThanOrEqual(prev);
          expect(r.survival).toBeGreaterThanOrEqual(0);
          expect(r.nRisk).toBe(atRisk);
          atRisk -= r.nEvent + r.nCensor;
          prev = r.survival;
          if (r.lower !== null) expect(r.lower).toBeLessThanOrEqual(r.survival + 1e-12);
          if (r.upper !== null) expect(r.upper).toBeGreaterThanOrEqual(r.survival - 1e-12);
          if (r.lower !== null) expect(r.lower).toBeGreaterThanOrEqual(0);
          if (r.upper !== null) expect(r.upper).toBeLessThanOrEqual(1);
        }
        expect(atRisk).toBe(0);
        expectNoNaN(km.rows);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the row order', () => {
    fc.assert(
      fc.property(sample, ({ durations, events }) => {
        const order = Array.from(durations.keys()).reverse();
        const d2 = Float64Array.from(order, (i) => durations[i]);
        const e2 = Uint8Array.from(order, (i) => events[i]);
        expect(kaplanMeier(d2, e2)).toEqual(kaplanMeier(durations, events));
      }),
      { numRuns: 100 },
    );
  });
});

describe('kaplanMeierDeferred', () => {
  const bits = (a: ArrayLike<number>): string => Buffer.from(Float64Array.from(a).buffer).toString('hex');
  const sample = fc.record({
    rows: fc.array(fc.record({ t: fc.constantFrom(0, 1, 2, 2.5, 3, 7, 30.4375), e: fc.constantFrom(0, 1) }), { maxLength: 60 }),
    confType: fc.constantFrom('log-log' as const, 'log' as const, 'plain' as const),
    level: fc.constantFrom(0.9, 0.95, 0.99),
  });

  it("gives kaplanMeierTallies' curve bit for bit, its errors and intervals computed when read, with the same keys in the same order", () => {
    fc.assert(
      fc.property(sample, ({ rows, confType, level }) => {
        const d = Float64Array.from(rows, (r) => r.t);
        const e = Uint8Array.from(rows, (r) => r.e);
        const tallies = groupTallies(d, e, undefined, 1);
        const [want] = kaplanMeierTallies(tallies, { confType, level });
        const cols = { survival: new Float64Array(want.time.length), greenwood: new Float64Array(want.time.length) };
        survivalInto(tallies[0].nRisk, tallies[0].nEvent, cols);
        const [got] = kaplanMeierDeferred(tallies, { confType, level }, [cols]);
        expect(Object.keys(got)).toEqual(Object.keys(want));
        for (const col of ['survival', 'stdErr', 'lower', 'upper'] as const) expect(bits(got[col])).toBe(bits(want[col]));
        expect(got.rows).toEqual(want.rows);
        expect(JSON.stringify(got)).toBe(JSON.stringify(want));
      }),
      { numRuns: 300 },
    );
  });

  it('computes the band once, on first read', () => {
    const tallies = groupTallies(Float64Array.of(1, 2, 2, 3), Uint8Array.of(1, 1, 0, 1), undefined, 1);
    const cols = { survival: new Float64Array(3), greenwood: new Float64Array(3) };
    survivalInto(tallies[0].nRisk, tallies[0].nEvent, cols);
    const [c] = kaplanMeierDeferred(tallies, {}, [cols]);
    expect(c.lower).toBe(c.lower);
    expect(c.stdErr).toBe(c.stdErr);
  });
});
