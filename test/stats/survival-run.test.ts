import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeierTallies, kmSettings } from '../../src/stats/kaplan-meier.js';
import { logRankPooled, resolveWeights, type LogRankOptions } from '../../src/stats/log-rank.js';
import { medianSurvival } from '../../src/stats/median.js';
import { groupedTallies, tallyJob } from '../../src/stats/pooled-tally.js';
import { survivalRunItem, survivalRunItems, survivalRunJob, survivalRunResults } from '../../src/stats/survival-run.js';

/** Bit-for-bit equality of two columns (-0 is not 0, NaN is NaN). */
const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

describe('survivalRunItem: a grouped survival run as kernel items', () => {
  const sample = fc.record({
    groups: fc.integer({ min: 1, max: 9 }),
    rows: fc.array(
      fc.record({ t: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constantFrom(-0, 0.5, 1e-3, 30.4375)), e: fc.constantFrom(0, 1), g: fc.integer({ min: -1, max: 8 }) }),
      { maxLength: 200 },
    ),
    // The order in which the items after the tallies run (two threads claim them in any order).
    order: fc.array(fc.nat(), { minLength: 11, maxLength: 11 }),
    test: fc.constantFrom<LogRankOptions>({}, { test: 'wilcoxon' }, { test: 'peto' }, { rho: 1, q: 0.5 }),
    confType: fc.constantFrom('log-log' as const, 'log' as const, 'plain' as const),
    deferBand: fc.boolean(),
  });

  it('gives the curves, medians and test of groupedTallies -> kaplanMeierTallies, medianSurvival, logRankPooled, bit for bit, whatever the items order, with the band deferred or not', () => {
    let ran = 0;
    fc.assert(
      fc.property(sample, ({ groups, rows, order, test, confType, deferBand }) => {
        const d = Float64Array.from(rows, (r) => r.t);
        const e = Uint8Array.from(rows, (r) => r.e);
        const codes = Int32Array.from(rows, (r) => (r.g < groups ? r.g : -1));
        const km = { confType, level: 0.95 };
        const split = tallyJob(d, e, codes, groups);
        if (!split) return;
        ++ran;
        const job = survivalRunJob(split.job, split.negativeZero, kmSettings(km), resolveWeights(test), deferBand);
        // Item 0 first (the others wait for it), then the rest in the sample's order, each
        // on a structured clone as the worker receives it (the same shared memory).
        survivalRunItem(structuredClone(job), 0);
        const rest = Array.from({ length: survivalRunItems(groups) - 1 }, (_, i) => i + 1).sort((a, b) => (order[a] ?? 0) - (order[b] ?? 0) || a - b);
        for (const k of rest) survivalRunItem(structuredClone(job), k);
        const pooled = split.finish();
        const got = survivalRunResults(job, pooled, km);

        const want = groupedTallies(d, e, codes, groups);
        const curves = kaplanMeierTallies(want.groups, km);
        curves.forEach((c, g) => {
          const o = got.curves[g];
          for (const col of ['time', 'nRisk', 'nEvent', 'nCensor', 'survival', 'stdErr', 'lower', 'upper'] as const) expect(same(o[col], c[col])).toBe(true);
          // Deferred, the medians are the curve's, read when wanted.
          expect(got.medians === undefined).toBe(deferBand);
          expect(got.medians?.[g] ?? medianSurvival(o)).toEqual(medianSurvival(c));
        });
        expect(logRankPooled(pooled, test, got.sums)).toEqual(logRankPooled(want, test));
      }),
      { numRuns: 300 },
    );
    expect(ran).toBeGreaterThan(250);
  });

  it('writes its outputs on shared memory, and has one item for the test and one per group after the tallies', () => {
    const split = tallyJob(Float64Array.of(1, 2, 2, 3), Uint8Array.of(1, 0, 1, 1), Int32Array.of(0, 1, 0, 1), 2)!;
    const job = survivalRunJob(split.job, split.negativeZero, kmSettings({}), resolveWeights({}));
    expect(survivalRunItems(2)).toBe(4);
    for (const a of [job.curve.survival, job.medians, job.ready, job.test!.sums.V]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (let k = 0; k < 4; ++k) survivalRunItem(job, k);
    const r = survivalRunResults(job, split.finish(), {});
    expect(Array.from(r.curves[0].survival)).toEqual([0.5, 0]);
    expect(Array.from(r.curves[1].survival)).toEqual([1, 0]);
    expect(r.medians![0].estimate).toBe(1.5);
  });

  it('runs item 0 itself after a stall when the thread that claimed it never finishes it (a dead worker), with the same results', () => {
    const make = () => {
      const split = tallyJob(Float64Array.of(1, 2, 2, 3, 5), Uint8Array.of(1, 0, 1, 1, 0), Int32Array.of(0, 1, 0, 1, 1), 2)!;
      return { split, job: survivalRunJob(split.job, split.negativeZero, kmSettings({}), resolveWeights({})) };
    };
    const want = make();
    for (let k = 0; k < 4; ++k) survivalRunItem(want.job, k);
    const got = make();
    got.job.stallMs = 20;
    // Item 0 claimed elsewhere and never done: the items after it must not wait forever.
    for (let k = 1; k < 4; ++k) survivalRunItem(got.job, k);
    expect(Atomics.load(got.job.ready, 0)).toBe(1);
    expect(survivalRunResults(got.job, got.split.finish(), {})).toEqual(survivalRunResults(want.job, want.split.finish(), {}));
  });

  it('surfaces the error of item 0 run after a stall instead of waiting forever', () => {
    const split = tallyJob(Float64Array.of(1, 2), Uint8Array.of(1, 0), Int32Array.of(0, 1), 2)!;
    const job = survivalRunJob(split.job, split.negativeZero, kmSettings({}), resolveWeights({}));
    job.stallMs = 20;
    // A tally that throws when item 0 runs (its sort order gone).
    (job.tally.out as { order?: unknown }).order = undefined;
    expect(() => survivalRunItem(job, 2)).toThrow();
  });
});
