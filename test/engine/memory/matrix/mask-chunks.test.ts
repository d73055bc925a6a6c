import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskRows, NO_BIT, STATS, type MaskJob } from '../../../../src/engine/memory/matrix/mask-chunks.js';

const DAY = 86_400_000;
const FIRST_DAY = 19_000;

/**
 * A one-chunk job over rows of (customer, day offset or NaN), bits of 10 days each; as-of
 * `late` days past the last day with a bit (rows there are out of range).
 */
function job(rows: [number, number][], customers: number, days: number, mask?: Uint8Array, late = 0): MaskJob {
  const n = rows.length;
  return {
    n,
    chunkRows: Math.max(1, n),
    customer: Int32Array.from(rows, (r) => r[0]),
    time: Float64Array.from(rows, (r) => (r[1] === r[1] ? (FIRST_DAY + r[1]) * DAY + 3_600_000 : NaN)),
    mask,
    asOf: (FIRST_DAY + days + late) * DAY,
    zone: 'UTC',
    firstDay: FIRST_DAY,
    dayBit: Int32Array.from({ length: days }, (_, d) => Math.floor(d / 10)),
    partShift: 15,
    parts: 1,
    words: 1,
    rowBit: new Uint8Array(n),
    noBit: NO_BIT,
    bitShift: 8,
    stats: new Int32Array(STATS),
    partCounts: new Int32Array(1),
    threadBits: [new Uint32Array(customers)],
  };
}

describe('maskRows(job, k)', () => {
  it('gives the same row bits, bits and counts on its UTC one-word loop as on the general loop', () => {
    const customers = 7;
    const days = 200;
    // Day offsets past `days` are out of range or at or after as-of; below 0 out of range.
    const row = fc.tuple(fc.integer({ min: -2, max: customers - 1 }), fc.oneof(fc.integer({ min: 0, max: days + 20 }), fc.constant(NaN), fc.integer({ min: -3, max: -1 })));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), fc.constantFrom(0, 0, 5), (rows, late) => {
        const fast = job(rows, customers, days, undefined, late);
        // Every row kept by a --where: the general loop, with the same outcome.
        const general = job(rows, customers, days, new Uint8Array(rows.length).fill(1), late);
        maskRows(fast, 0);
        maskRows(general, 0);
        expect(Array.from(fast.stats)).toEqual(Array.from(general.stats));
        if (fast.stats[6] === 0) {
          expect(Array.from(fast.rowBit!)).toEqual(Array.from(general.rowBit!));
          expect(Array.from(fast.threadBits![0])).toEqual(Array.from(general.threadBits![0]));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('counts each row that does not count by its first reason', () => {
    const j = job(
      [
        [0, 5],
        [-1, 5],
        [-2, 5],
        [1, NaN],
        [1, 250],
        [2, 35],
        [0, 12],
      ],
      3,
      200,
    );
    maskRows(j, 0);
    expect(Array.from(j.rowBit!)).toEqual([0, NO_BIT, NO_BIT, NO_BIT, NO_BIT, 3, 1]);
    expect(Array.from(j.threadBits![0])).toEqual([0b11, 0, 0b1000]);
    // missing id, unknown, NaN time, filtered, after as-of, kept, out of range
    expect(Array.from(j.stats.subarray(0, 7))).toEqual([1, 1, 1, 0, 1, 3, 0]);
  });
});
