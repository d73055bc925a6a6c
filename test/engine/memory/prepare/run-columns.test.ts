import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signupAnchors } from '../../../../src/engine/memory/prepare/run-columns.js';
import { earliestTime } from '../../../../src/engine/memory/matrix/period-masks.js';

describe('signupAnchors(signup, customersRow, count, removed, asOf)', () => {
  it('gives the earliest anchor (Infinity without one) as earliestTime over the anchors would, -0 and 0 alike', () => {
    const time = fc.oneof(fc.constant(NaN), fc.constant(-0), fc.constant(0), fc.integer({ min: -5, max: 20 }).map((d) => d * 86_400_000));
    fc.assert(
      fc.property(fc.array(time, { maxLength: 30 }), fc.integer({ min: -2, max: 21 }), fc.array(fc.boolean(), { maxLength: 30 }), (signup, asOfDay, gone) => {
        const rows = Int32Array.from(signup, (_, i) => signup.length - 1 - i);
        const removed = gone.some(Boolean) ? Uint8Array.from(signup, (_, i) => (gone[i] ? 1 : 0)) : undefined;
        const a = signupAnchors(Float64Array.from(signup), rows, signup.length, removed, asOfDay * 86_400_000);
        expect(Object.is(a.earliest, earliestTime(a.anchor))).toBe(true);
      }),
    );
  });
});
