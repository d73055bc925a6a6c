import { describe, expect, it } from 'vitest';
import { knownBounds, rememberBounds } from '../../src/time/known-bounds.js';
import { instantBounds } from '../../src/time/scan-instants.js';

describe('rememberBounds', () => {
  it('hands the bounds to knownBounds and instantBounds for that very array only', () => {
    const values = Float64Array.of(5, NaN, 3, 9);
    rememberBounds(values, { min: 3, max: 9, missing: 1 });
    expect(knownBounds(values)).toEqual({ min: 3, max: 9, missing: 1 });
    expect(instantBounds(values)).toMatchObject({ min: 3, max: 9, missing: 1 });
    expect(knownBounds(values.slice())).toBeUndefined();
  });

  it('keeps no bounds with a zero bound (the scan decides the sign of a zero)', () => {
    for (const [min, max] of [[0, 4], [-0, 4], [-4, 0], [-4, -0]]) {
      const values = Float64Array.of(min, max);
      rememberBounds(values, { min, max, missing: 0 });
      expect(knownBounds(values)).toBeUndefined();
    }
  });
});
