import { describe, expect, it } from 'vitest';
import { defaultAtTimes } from '../../src/stats/default-at.js';

describe('defaultAtTimes(durations)', () => {
  it('gives round numbers inside the range, never past the longest duration', () => {
    expect(defaultAtTimes(Float64Array.of(0, 1, 72, 34))).toEqual([20, 40, 60]);
    expect(defaultAtTimes(Float64Array.of(3, 400))).toEqual([100, 200, 300, 400]);
    expect(defaultAtTimes(Float64Array.of(0.3, 1.7, NaN))).toEqual([0.5, 1, 1.5]);
    expect(defaultAtTimes(Float64Array.of(0, 0))).toEqual([]);
    expect(defaultAtTimes([])).toEqual([]);
  });
});
