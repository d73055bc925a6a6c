import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstBit, forEachBit, lastBit, popcount } from '../../../src/load/dict/bit-words.js';

describe('popcount(x) / firstBit(words) / lastBit(words) / forEachBit(words, visit)', () => {
  it('count and find the bits a bit-by-bit scan finds', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), { maxLength: 6 }), (ws) => {
        const words = Int32Array.from(ws);
        const bits: number[] = [];
        for (let i = 0; i < words.length * 32; ++i) if ((words[i >>> 5] >>> (i & 31)) & 1) bits.push(i);
        expect(firstBit(words)).toBe(bits.length ? bits[0] : -1);
        expect(lastBit(words)).toBe(bits.length ? bits[bits.length - 1] : -1);
        expect(ws.reduce((sum, w) => sum + popcount(w), 0)).toBe(bits.length);
        const seen: number[] = [];
        forEachBit(words, (i) => seen.push(i));
        expect(seen).toEqual(bits);
      }),
      { numRuns: 2000 },
    );
  });
});
