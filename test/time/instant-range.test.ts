import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanRange, scanWholeNumbers } from '../../src/time/instant-range.js';

const LIMIT = 2 ** 51 - 1;
/** Whole numbers below 2^51 (no -0), NaN now and then, and runs of equal values. */
const whole = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -LIMIT, max: LIMIT, noNaN: true }).map((x) => Math.trunc(x) || 0) },
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 3 }).map((x) => x * 86_400_000 + 1_640_995_200_000) },
  { weight: 1, arbitrary: fc.constant(NaN) },
);

/** scanRange's bounds, and those of scanWholeNumbers or (when it fails) scanRange, as a CSV time column takes them. */
function both(values: Float64Array, lo: number, hi: number) {
  const a = new Float64Array(3);
  const b = new Float64Array(3);
  scanRange(values, lo, hi, a, 0);
  if (!scanWholeNumbers(values, lo, hi, b, 0)) scanRange(values, lo, hi, b, 0);
  return [Array.from(a), Array.from(b)];
}

/** min, max and NaN count, the plain way. */
function oracle(values: Float64Array, lo: number, hi: number): number[] {
  let min = Infinity;
  let max = -Infinity;
  let missing = 0;
  for (let i = lo; i < hi; ++i) {
    const v = values[i];
    if (Number.isNaN(v)) ++missing;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return [min, max, missing];
}

/** A range of an array of `n` values from two naturals. */
function range(n: number, i: number, j: number): [number, number] {
  const lo = i % (n + 1);
  return [lo, lo + (j % (n - lo + 1))];
}

describe('scanRange(values, lo, hi, out, at)', () => {
  it('gives the min, max and NaN count of any range, odd or even, at any offset of out', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x || 0), fc.constant(NaN)), { maxLength: 40 }), fc.nat(), fc.nat(), fc.nat({ max: 3 }), (xs, i, j, at) => {
        const values = Float64Array.from(xs);
        const [lo, hi] = range(xs.length, i, j);
        const out = new Float64Array(at + 3);
        scanRange(values, lo, hi, out, at);
        expect(Array.from(out.subarray(at))).toEqual(oracle(values, lo, hi));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scanWholeNumbers, else scanRange (a CSV time column)', () => {
  it('gives what scanRange gives for whole numbers below 2^51 and NaN, on any range', () => {
    fc.assert(
      fc.property(fc.array(whole, { maxLength: 60 }), fc.nat(), fc.nat(), (xs, i, j) => {
        const values = Float64Array.from(xs);
        const [lo, hi] = range(xs.length, i, j);
        const [want, got] = both(values, lo, hi);
        expect(got).toEqual(want);
        expect(want).toEqual(oracle(values, lo, hi));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds new extremes late in a range, in either lane, and NaN only in the last value', () => {
    const values = Float64Array.from({ length: 101 }, (_, i) => 1_700_000_000_000 + ((i * 37) % 101) * 1000);
    values[99] = 1_800_000_000_000;
    values[100] = 1_600_000_000_000;
    expect(both(values, 0, 101)[1]).toEqual([1_600_000_000_000, 1_800_000_000_000, 0]);
    values[100] = NaN;
    const [want, got] = both(values, 0, 101);
    expect(got).toEqual(want);
    expect(got[2]).toBe(1);
  });
});

describe('scanWholeNumbers(values, lo, hi, out, at)', () => {
  const number = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).map((x) => x * 1_000_003 || 0) },
    { weight: 2, arbitrary: fc.integer({ min: 1_600_000_000, max: 1_700_000_000 }) },
    { weight: 1, arbitrary: fc.double({ noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.constantFrom(NaN, 0.5, -2.25, 2 ** 51, -(2 ** 51), 2 ** 60, Infinity) },
  );
  it('gives the bounds of whole numbers below 2^51, and false for a fraction, NaN or a bigger number', () => {
    fc.assert(
      fc.property(fc.array(number, { maxLength: 40 }), fc.nat(), fc.nat(), (xs, i, j) => {
        const values = Float64Array.from(xs);
        const [lo, hi] = range(xs.length, i, j);
        const out = new Float64Array(3);
        const part = Array.from(values.subarray(lo, hi));
        const whole = part.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 51);
        expect(scanWholeNumbers(values, lo, hi, out, 0)).toBe(whole);
        // -0 and 0 are one bound; the branchless scan may give either where both occur.
        if (whole) expect(Array.from(out, (v) => v + 0)).toEqual(oracle(values, lo, hi).map((v) => v + 0));
      }),
      { numRuns: 3000 },
    );
  });
});
