import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signupAnchors } from '../../../../src/engine/memory/prepare/run-columns.js';
import { earliestTime } from '../../../../src/engine/memory/matrix/period-masks.js';

/** The rule, customer by customer: removed or no signup or a signup at/after as-of: no anchor (NaN). */
function reference(signup: number[], rows: Int32Array, removed: Uint8Array | undefined, asOf: number) {
  const anchor = new Float64Array(rows.length).fill(NaN);
  let missingSignup = 0;
  let afterAsOf = 0;
  rows.forEach((row, c) => {
    if (removed?.[c]) return;
    const t = signup[row];
    if (Number.isNaN(t)) ++missingSignup;
    else if (t >= asOf) ++afterAsOf;
    else anchor[c] = t;
  });
  return { anchor, missingSignup, afterAsOf };
}

describe('signupAnchors(signup, customersRow, count, removed, asOf)', () => {
  const time = fc.oneof(fc.constant(NaN), fc.constant(-0), fc.constant(0), fc.integer({ min: -5, max: 20 }).map((d) => d * 86_400_000));
  const asOf = fc.oneof(fc.constant(NaN), fc.integer({ min: -2, max: 21 }).map((d) => d * 86_400_000));

  it('anchors each customer not removed at its signup before as-of (NaN otherwise), counting missing and late signups', () => {
    fc.assert(
      fc.property(fc.array(time, { maxLength: 30 }), asOf, fc.array(fc.boolean(), { maxLength: 30 }), (signup, at, gone) => {
        const rows = Int32Array.from(signup, (_, i) => signup.length - 1 - i);
        const removed = gone.some(Boolean) ? Uint8Array.from(signup, (_, i) => (gone[i] ? 1 : 0)) : undefined;
        const a = signupAnchors(Float64Array.from(signup), rows, signup.length, removed, at);
        const want = reference(signup, rows, removed, at);
        expect(Array.from(a.anchor, (x) => (Object.is(x, -0) ? '-0' : x))).toEqual(Array.from(want.anchor, (x) => (Object.is(x, -0) ? '-0' : x)));
        expect([a.missingSignup, a.afterAsOf]).toEqual([want.missingSignup, want.afterAsOf]);
      }),
    );
  });

  it('gives the earliest anchor (Infinity without one) as earliestTime over the anchors would, -0 and 0 alike', () => {
    fc.assert(
      fc.property(fc.array(time, { maxLength: 30 }), asOf, fc.array(fc.boolean(), { maxLength: 30 }), (signup, at, gone) => {
        const rows = Int32Array.from(signup, (_, i) => signup.length - 1 - i);
        const removed = gone.some(Boolean) ? Uint8Array.from(signup, (_, i) => (gone[i] ? 1 : 0)) : undefined;
        const a = signupAnchors(Float64Array.from(signup), rows, signup.length, removed, at);
        expect(Object.is(a.earliest, earliestTime(a.anchor))).toBe(true);
      }),
    );
  });
});
