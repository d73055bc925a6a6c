import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scannedDurations } from '../../src/engine/memory/churn/durations-from-times.js';
import { tallyItem, tallyJob, type PooledTally } from '../../src/stats/pooled-tally.js';
import { radixSortKeys32 } from '../../src/stats/radix-sort-keys.js';

const DAY = 86_400_000;
const AS_OF = Date.UTC(2024, 0, 1);

/** Everything a tally job wrote: each group's columns (time bits included), the order and the ends. */
function written(p: PooledTally) {
  return {
    groups: p.groups.map((t) => ({ n: t.n, nEvents: t.nEvents, time: Array.from(new Uint32Array(Float64Array.from(t.time).buffer)), nRisk: [...t.nRisk], nEvent: [...t.nEvent], nCensor: [...t.nCensor] })),
    order: [...p.order],
    start: [...p.start],
  };
}

/** Customers: signup second (with a millisecond part sometimes), churn after it (or none), group. */
const customers = (fraction: fc.Arbitrary<number>) =>
  fc.array(
    fc.record({ a: fc.integer({ min: 300 * 86_400, max: 700 * 86_400 }), ms: fraction, churn: fc.option(fc.integer({ min: 0, max: 400 * 86_400 }), { nil: undefined }), g: fc.integer({ min: -1, max: 39 }) }),
    { maxLength: 200 },
  );

function run(rows: { a: number; ms: number; churn?: number; g: number }[], groups: number, unit: number, whole = true) {
  const anchor = Float64Array.from(rows, (r) => Date.UTC(2022, 0, 1) + r.a * 1000 + r.ms);
  const churn = Float64Array.from(rows, (r, i) => (r.churn === undefined ? NaN : Math.min(AS_OF, anchor[i] + r.churn * 1000)));
  const codes = Int32Array.from(rows, (r) => (r.g < groups ? r.g : -1));
  const made = scannedDurations(anchor, churn, AS_OF, unit, codes, groups);
  const t = tallyJob(made.duration, made.event, codes, groups, made.scan, whole ? made.whole : undefined)!;
  // The job as a worker receives it: a structured clone sharing the same memory.
  tallyItem(structuredClone(t.job), 0);
  return { made, tally: t.finish(), job: t.job };
}

describe('wholeTallies (tallyItem of a job with whole keys)', () => {
  it('whole-second durations: the tallies, order and time bits of the duration keys, in every unit', () => {
    let whole = 0;
    fc.assert(
      fc.property(customers(fc.constant(0)), fc.integer({ min: 0, max: 40 }), fc.constantFrom(1000, 3_600_000, DAY, 7 * DAY, 2_629_746_000, 7, 0.1), (rows, groups, unit) => {
        const withKeys = run(rows, groups, unit);
        const without = run(rows, groups, unit, false);
        if (withKeys.job.whole) ++whole;
        expect(written(withKeys.tally)).toEqual(written(without.tally));
      }),
      { numRuns: 400 },
    );
    expect(whole).toBeGreaterThan(350);
  });

  it('no whole keys when some duration has a millisecond part or does not fit the key', () => {
    // Censored at as-of from a signup with a millisecond part (a churn after it would cancel it out).
    const rows = [{ a: 5, ms: 0, churn: 3, g: 0 }, { a: 9, ms: 250, g: 1 }];
    expect(run(rows, 2, DAY).made.whole).toBeUndefined();
    // A customer out of every group does not count.
    expect(run([rows[0], { ...rows[1], g: -1 }], 2, DAY).made.whole).toBeDefined();
    // 40 groups take 6 bits and the event one: 2^25 seconds are past the key.
    const censored = (seconds: number) => scannedDurations(Float64Array.of(AS_OF - seconds * 1000), Float64Array.of(NaN), AS_OF, DAY, Int32Array.of(0), 40);
    expect(censored(2 ** 25).whole).toBeUndefined();
    expect(censored(2 ** 25 - 1).whole).toBeDefined();
  });

  it('falls back to the duration keys when two whole keys would give one time', () => {
    const rows = [{ a: 5, ms: 0, g: 0 }, { a: 9, ms: 0, churn: 3, g: 1 }, { a: 1, ms: 0, g: 1 }];
    const made = scannedDurations(Float64Array.from(rows, (r) => r.a * 1000), Float64Array.from(rows, (r) => (r.churn === undefined ? NaN : r.a * 1000 + r.churn * 1000)), 100_000, DAY, Int32Array.from(rows, (r) => r.g), 2);
    const codes = Int32Array.from(rows, (r) => r.g);
    // Keys that say every duration is 0: their times do not ascend, so the durations decide.
    const wrong = { ...made.whole!, unitMs: Infinity };
    const t = tallyJob(made.duration, made.event, codes, 2, made.scan, wrong)!;
    tallyItem(t.job, 0);
    const plain = tallyJob(made.duration, made.event, codes, 2, made.scan)!;
    tallyItem(plain.job, 0);
    expect(written(t.finish())).toEqual(written(plain.finish()));
  });
});

describe('radixSortKeys32', () => {
  it('sorts as Uint32Array.prototype.sort does: any keys, repeats, shared digits', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 2047, 2048, 0x7fffffff, 0x80000000, 0xffffffff), fc.integer({ min: 0, max: 4095 }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (list) => {
        const keys = Uint32Array.from(list);
        const expected = keys.slice().sort();
        radixSortKeys32(keys);
        expect(keys).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
