import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimBack, claimedFront, claimFront, groupClaims, MAX_CLAIM_GROUPS } from '../../../src/load/parquet/parquet-part.js';

describe('groupClaims, claimFront, claimBack', () => {
  it('give every row group once: the front a run from the start, the back a run from the end, meeting at claimedFront', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_CLAIM_GROUPS - 1 }),
        fc.integer({ min: 0, max: 300 }),
        fc.array(fc.boolean(), { maxLength: 400 }),
        (g0, span, sides) => {
          const g1 = Math.min(MAX_CLAIM_GROUPS - 1, g0 + span);
          const claims = groupClaims(g0, g1);
          const front: number[] = [];
          const back: number[] = [];
          for (const fromFront of sides) {
            const g = fromFront ? claimFront(claims) : claimBack(claims);
            if (g >= 0) (fromFront ? front : back).push(g);
          }
          // Then both sides until none is left.
          for (let g = claimFront(claims); g >= 0; g = claimFront(claims)) front.push(g);
          expect(claimBack(claims)).toBe(-1);
          expect(front).toEqual(Array.from({ length: front.length }, (_, i) => g0 + i));
          expect(back).toEqual(Array.from({ length: back.length }, (_, i) => g1 - 1 - i));
          expect(front.length + back.length).toBe(g1 - g0);
          expect(claimedFront(claims)).toBe(g0 + front.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
