import { describe, expect, it } from 'vitest';
import { MAX_INSTANT, SCAN_CHUNK, scanInstants } from '../../src/time/scan-instants.js';

describe('scanInstants(job, k)', () => {
  it("gives each chunk's min, max, missing count, and the row an out-of-range value stops it at", () => {
    const values = new Float64Array(2 * SCAN_CHUNK + 10).map((_, i) => i * 1000);
    values[5] = NaN;
    values[SCAN_CHUNK + 7] = MAX_INSTANT * 2;
    values[2 * SCAN_CHUNK + 3] = -5;
    const acc = new Float64Array(12);
    for (let k = 0; k < 3; ++k) scanInstants({ values, acc }, k);
    expect(Array.from(acc.subarray(0, 4))).toEqual([0, (SCAN_CHUNK - 1) * 1000, 1, SCAN_CHUNK]);
    expect(Array.from(acc.subarray(4, 8))).toEqual([SCAN_CHUNK * 1000, (SCAN_CHUNK + 6) * 1000, 0, SCAN_CHUNK + 7]);
    expect(Array.from(acc.subarray(8, 12))).toEqual([-5, (2 * SCAN_CHUNK + 9) * 1000, 0, 2 * SCAN_CHUNK + 10]);
  });
});
