import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyTranslated, translateCodes, type CodeTranslation } from '../../../src/load/dict/code-translation.js';

describe('copyTranslated(src, n, codes, at, t)', () => {
  it('writes what a copy and then translateCodes write, and nothing outside [at, at + n)', () => {
    const K = 50;
    const translation = fc.oneof(
      fc.constant(null),
      fc.record({
        direct: fc.boolean(),
        hashed: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: K, maxLength: K }).map((a) => Int32Array.from(a)),
        numbers: fc.option(fc.array(fc.tuple(fc.integer({ min: 0, max: K }), fc.integer({ min: 0, max: 10_000 }))).map((e) => new Map(e))),
      }),
    );
    // Codes: missing (-1), keys or numbers (>= 0) and hashed codes (-2 - key).
    const code = fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: K - 1 }), fc.integer({ min: 0, max: K - 1 }).map((k) => -2 - k));
    fc.assert(
      fc.property(fc.array(code, { maxLength: 200 }), fc.nat({ max: 20 }), fc.nat({ max: 20 }), translation, (src, at, extra, t) => {
        const n = src.length;
        const part = Int32Array.from([...src, 7, 7]);
        const want = new Int32Array(at + n + extra).fill(-9);
        want.set(src, at);
        if (t) translateCodes(want, at, at + n, t as CodeTranslation);
        const got = new Int32Array(at + n + extra).fill(-9);
        copyTranslated(part, n, got, at, t as CodeTranslation | null);
        expect(Array.from(got)).toEqual(Array.from(want));
      }),
      { numRuns: 500 },
    );
  });
});
