import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedArray } from '../../src/parallel/shared-storage.js';
import { epochNumbers, epochSecondsToMs } from '../../src/time/epoch-numbers.js';
import { parseTimeColumn } from '../../src/load/times/parse-time-column.js';
import type { DateFormat } from '../../src/time/date-format.js';
import { SCAN_CHUNK } from '../../src/time/scan-instants.js';
import { timeZone } from '../../src/time/zone.js';

const utc = timeZone('UTC');

/** parseTimeColumn's result, or the error code it threw. */
function outcome(col: unknown, format?: DateFormat): unknown {
  try {
    const r = parseTimeColumn(col, 'number', { zone: utc, format });
    return { ms: Array.from(r.ms), bad: r.bad, badRows: r.badRows, missing: r.missing };
  } catch (err) {
    return { code: (err as { code?: string }).code };
  }
}

// Values a column of epoch numbers may hold: seconds, milliseconds, YYYYMMDD dates,
// fractions, out of range, missing.
const value = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000_000 }),
  fc.integer({ min: -2_000_000_000, max: 0 }),
  fc.integer({ min: 1e12, max: 2e12 }),
  fc.integer({ min: 19000101, max: 21001231 }),
  fc.double({ min: 0, max: 2e9, noNaN: true }),
  fc.constantFrom(NaN, 1e20, -1e20, 99_999_999_999, 1e11, -1e11),
);

describe('epochNumbers(values, format)', () => {
  it('reads a column of epoch numbers as the value-by-value path does (any mix, any format)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), fc.constantFrom(undefined, 'EPOCH-S', 'EPOCH-MS', 'YYYYMMDD'), (vs, format) => {
        const fast = outcome(Float64Array.from(vs), format as DateFormat | undefined);
        // A plain array goes value by value (parseTimeColumn's general path).
        expect(fast).toEqual(outcome(vs, format as DateFormat | undefined));
      }),
      { numRuns: 400 },
    );
  });

  it('gives seconds as ms with their bounds, and ms columns as they are, from a shared column in chunks', () => {
    const n = 2 * SCAN_CHUNK + 17;
    const secs = sharedArray(Float64Array, n).map((_, i) => 1_640_995_200 + i * 7 + (i % 3) * 0.0004);
    secs[5] = NaN;
    const r = epochNumbers(secs, undefined)!;
    expect(r.missing).toBe(1);
    expect(r.ms).not.toBe(secs);
    for (let i = 0; i < n; i += 997) expect(Object.is(r.ms[i], Math.round(secs[i] * 1000))).toBe(true);
    expect(r.ms[5]).toBeNaN();
    expect([r.min, r.max]).toEqual([Math.round(secs[0] * 1000), Math.round(secs[n - 1] * 1000)]);
    const ms = Float64Array.from(secs, (v) => v * 1000);
    const m = epochNumbers(ms, undefined)!;
    expect(m.ms).toBe(ms);
    expect(m.max).toBe(ms[n - 1]);
    const parsed = parseTimeColumn(secs, 'number', { zone: utc });
    expect([parsed.min, parsed.max, parsed.bad]).toEqual([r.min, r.max, 0]);
  });

  it('leaves what its bounds cannot settle to the general path', () => {
    expect(epochNumbers(Float64Array.of(20240131, 20240201), undefined)).toBeUndefined();
    expect(epochNumbers(Float64Array.of(1_700_000_000, 1_700_000_000_000), undefined)).toBeUndefined();
    expect(epochNumbers(Float64Array.of(NaN, NaN), undefined)).toBeUndefined();
    expect(epochNumbers(Float64Array.of(1e20), 'EPOCH-MS')).toBeUndefined();
    expect(epochNumbers(Float64Array.of(1_700_000_000), 'YYYYMMDD')).toBeUndefined();
    expect(epochNumbers(new Float64Array(0), undefined)).toBeUndefined();
  });
});

describe('epochSecondsToMs(job, k)', () => {
  it('writes chunk k only, rounding as parseTimeString does', () => {
    const values = new Float64Array(SCAN_CHUNK + 2).fill(1.0005);
    values[SCAN_CHUNK + 1] = NaN;
    const out = new Float64Array(values.length).fill(-1);
    epochSecondsToMs({ values, out }, 1);
    expect(out[0]).toBe(-1);
    expect(out[SCAN_CHUNK]).toBe(Math.round(1.0005 * 1000));
    expect(out[SCAN_CHUNK + 1]).toBeNaN();
  });
});
