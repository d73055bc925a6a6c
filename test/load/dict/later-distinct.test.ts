import { describe, expect, it } from 'vitest';
import { laterDistinct } from '../../../src/load/dict/later-distinct.js';
import { expectedDistinct } from '../../../src/load/dict/expected-distinct.js';

// Distinct customer ids after 128K, 256K and 512K rows and at the end, counted on the
// bench's shapes (time order, customers signing up over 24 months; seed 42).
const K = 1000;

describe('laterDistinct(r1, d1, r2, d2, r3, d3, total)', () => {
  it('extrapolates ids that keep coming in time order (uuid shape, whole file of 10M rows: 979,648)', () => {
    const d = laterDistinct(128_000, 41_704, 256_000, 66_767, 512_000, 108_279, 10_000_000);
    // Within the 2M-slot table that the final count needs (at most 2^20 values).
    expect(d).toBeGreaterThan(0.9 * 979_648);
    expect(d).toBeLessThanOrEqual(1 << 20);
    // The first-chunk estimate, for contrast: far too few.
    expect(expectedDistinct(33_000, 16_332, 10_000_000)).toBeLessThan(30_000);
  });

  it('extrapolates the second half of that file (5.1M rows: 736,050)', () => {
    const d = laterDistinct(128_000, 99_160, 256_000, 164_618, 512_000, 250_827, 5_100_000);
    expect(d).toBeGreaterThan(0.9 * 736_050);
    expect(d).toBeLessThanOrEqual(1 << 20);
  });

  it('stays near the count on few customers (1% shape: 98,037 in 10M rows)', () => {
    const d = laterDistinct(128_000, 4_830, 256_000, 7_362, 512_000, 11_703, 10_000_000);
    expect(d).toBeGreaterThan(0.8 * 98_037);
    expect(d).toBeLessThan(1.2 * 98_037);
  });

  it('keeps the random-draw model when the rows fit it (1M ids drawn at random, 10M rows)', () => {
    const seen = (r: number): number => 1e6 * -Math.expm1(-r / 1e6);
    const d = laterDistinct(128 * K, seen(128 * K), 256 * K, seen(256 * K), 512 * K, seen(512 * K), 10_000_000);
    expect(d).toBeGreaterThan(0.97 * seen(10_000_000));
    expect(d).toBeLessThan(1.03 * seen(10_000_000));
  });

  it('continues a constant rate (rows grouped by customer, 10 each)', () => {
    expect(laterDistinct(128 * K, 12_800, 256 * K, 25_600, 512 * K, 51_200, 10_000_000)).toBe(1_000_000);
  });

  it('gives the count so far when nothing new comes or nothing is left to read', () => {
    expect(laterDistinct(128 * K, 50, 256 * K, 50, 512 * K, 50, 10_000_000)).toBeLessThanOrEqual(51);
    expect(laterDistinct(128 * K, 10, 256 * K, 20, 512 * K, 40, 512 * K)).toBe(40);
  });

  it('never passes the total', () => {
    const d = laterDistinct(128 * K, 128 * K, 256 * K, 256 * K, 512 * K, 512 * K, 600 * K);
    expect(d).toBeGreaterThan(580 * K);
    expect(d).toBeLessThanOrEqual(600 * K);
  });
});
