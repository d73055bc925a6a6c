import { describe, expect, it } from 'vitest';
import { MAX_INSTANT } from '../../src/time/civil.js';
import { SCAN_CHUNK, scanInstants } from '../../src/time/scan-instants.js';

describe('scanInstants(job, k)', () => {
  it("gives each chunk's min, max and missing count, NaN moving neither bound", () => {
    const values = new Float64Array(2 * SCAN_CHUNK + 11).map((_, i) => i * 1000);
    values[5] = NaN;
    values[6] = NaN;
    values[SCAN_CHUNK + 7] = MAX_INSTANT * 2;
    values[2 * SCAN_CHUNK + 3] = -5;
    values[2 * SCAN_CHUNK + 10] = NaN;
    const acc = new Float64Array(9);
    for (let k = 0; k < 3; ++k) scanInstants({ values, acc }, k);
    expect(Array.from(acc.subarray(0, 3))).toEqual([0, (SCAN_CHUNK - 1) * 1000, 2]);
    expect(Array.from(acc.subarray(3, 6))).toEqual([SCAN_CHUNK * 1000, MAX_INSTANT * 2, 0]);
    // An odd count: the last value goes through the one-lane tail.
    expect(Array.from(acc.subarray(6, 9))).toEqual([-5, (2 * SCAN_CHUNK + 9) * 1000, 1]);
    const nan = new Float64Array(3).fill(NaN);
    scanInstants({ values: nan, acc }, 0);
    expect(Array.from(acc.subarray(0, 3))).toEqual([Infinity, -Infinity, 3]);
  });
});
