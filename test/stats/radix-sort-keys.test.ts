import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { radixSortKeys } from '../../src/stats/radix-sort-keys.js';

const sorted = (keys: BigUint64Array): BigUint64Array => keys.slice().sort();
const same = (a: BigUint64Array, b: BigUint64Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('radixSortKeys', () => {
  it('radixSortKeys(keys) sorts as keys.sort() does: any 64-bit keys, repeats, shared digits', () => {
    // Words drawn from a few values too, so that many keys share digits (passes skipped) or repeat.
    const word = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 2047, 2048, 0x7fffffff, 0x80000000, 0xffffffff));
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word), { maxLength: 300 }), (pairs) => {
        const keys = BigUint64Array.from(pairs, ([hi, lo]) => (BigInt(hi) << 32n) | BigInt(lo));
        const expected = sorted(keys);
        radixSortKeys(keys);
        expect(same(keys, expected)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('radixSortKeys(keys) sorts a view into a bigger buffer in place, leaving the rest alone', () => {
    const all = new BigUint64Array(1 << 17);
    let s = 7;
    for (let i = 0; i < all.length; ++i) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      // Durations-like keys: a narrow high word, any low word.
      all[i] = (BigInt(s % 4096) << 32n) | BigInt(Math.imul(s, 2654435761) >>> 0);
    }
    const before = all.slice();
    const view = all.subarray(100, all.length - 100);
    const expected = sorted(view);
    radixSortKeys(view);
    expect(same(view, expected)).toBe(true);
    expect(same(all.subarray(0, 100), before.subarray(0, 100))).toBe(true);
    expect(same(all.subarray(all.length - 100), before.subarray(all.length - 100))).toBe(true);
  });
});
