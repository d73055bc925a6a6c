import { describe, expect, it } from 'vitest';
import { ByteDict } from '../../../src/load/dict/byte-dict.js';
import { expectedDistinct } from '../../../src/load/dict/expected-distinct.js';

describe('expectedDistinct(rows, distinct, total)', () => {
  it('finds the population of values from how many the first rows hold', () => {
    // 122,880 rows drawn from 1M ids hold ~115,600 distinct; 5M rows hold ~993K.
    const d = expectedDistinct(122_880, 115_600, 5_000_000);
    expect(d).toBeGreaterThan(950_000);
    expect(d).toBeLessThan(1_030_000);
  });

  it('stays at the distinct count when the rows repeat a few values', () => {
    const d = expectedDistinct(100_000, 50, 10_000_000);
    expect(d).toBeGreaterThanOrEqual(50);
    expect(d).toBeLessThanOrEqual(51);
  });

  it('caps a start of all-new values at 16x them (and at the total)', () => {
    expect(expectedDistinct(1000, 1000, 1_000_000)).toBe(16_000);
    expect(expectedDistinct(1000, 1000, 5000)).toBe(5000);
  });

  it('gives the distinct count when there is nothing to extrapolate', () => {
    expect(expectedDistinct(0, 0, 100)).toBe(0);
    expect(expectedDistinct(100, 40, 100)).toBe(40);
  });
});

describe('ByteDict.reserve(n)', () => {
  it('keeps keys and lookups the same after growing to n at once', () => {
    const enc = new TextEncoder();
    const d = new ByteDict();
    const ids = Array.from({ length: 5000 }, (_, i) => enc.encode(`customer-${i % 3000}`));
    const keysBefore = ids.slice(0, 1000).map((b) => d.intern(b, 0, b.length));
    d.reserve(200_000);
    const keysAfter = ids.map((b) => d.intern(b, 0, b.length));
    expect(keysAfter.slice(0, 1000)).toEqual(keysBefore);
    expect(d.size).toBe(3000);
    expect(keysAfter[4500]).toBe(keysAfter[1500]);
    expect(d.values[2999]).toBe('customer-2999');
  });
});
