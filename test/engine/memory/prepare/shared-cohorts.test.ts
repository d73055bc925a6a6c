import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../src/load/dataset.js';
import { assignCohorts, type Cohorts } from '../../../../src/engine/memory/prepare/assign-cohorts.js';
import type { SharedPreparation } from '../../../../src/engine/memory/prepare/prepared-run.js';
import { sharedCohorts } from '../../../../src/engine/memory/prepare/shared-cohorts.js';
import type { CohortAttribute } from '../../../../src/spec/normalize.js';
import { timeZone } from '../../../../src/time/zone.js';

const VALUES = ['organic', 'referral', 'paid', null, '10', '9'];
const utc = timeZone('UTC');

/** Cohorts of one attribute as a part makes them: keys of every customer (the curves) or only of those with an anchor (survival's --by). */
function cohortsOf(anchor: Float64Array, keys: Int32Array, onlyAnchored: boolean): Cohorts {
  const k = Int32Array.from(keys, (x, c) => (onlyAnchored && anchor[c] !== anchor[c] ? -1 : x));
  return assignCohorts(anchor, undefined, 'monday', utc, [{ name: 'channel', keys: k, value: (v) => VALUES[v] }]);
}

const sample = fc.array(fc.record({ anchor: fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 1e6 })), key: fc.integer({ min: -1, max: VALUES.length - 1 }) }), { maxLength: 60 });

describe('sharedCohorts', () => {
  const shared = (): SharedPreparation => ({ cohorts: new Map() }) as unknown as SharedPreparation;
  const customers = { file: 'customers.csv' } as unknown as Dataset;
  const attributes: CohortAttribute[] = [{ table: 'customers', column: 'channel' }] as CohortAttribute[];

  it("assignCohorts without a time part does not read the keys of customers without an anchor: the curves' and survival's cohorts are one (the premise of the sharing)", () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const anchor = Float64Array.from(rows, (r) => r.anchor);
        const keys = Int32Array.from(rows, (r) => r.key);
        expect(cohortsOf(anchor, keys, true)).toEqual(cohortsOf(anchor, keys, false));
      }),
      { numRuns: 300 },
    );
  });

  it('makes the cohorts once for the same attributes, customers and anchors, and again when any differs', () => {
    fc.assert(
      fc.property(sample, fc.nat(), (rows, pick) => {
        const s = shared();
        const customersRow = Int32Array.from(rows, (_, c) => c);
        const anchor = Float64Array.from(rows, (r) => r.anchor);
        const keys = Int32Array.from(rows, (r) => r.key);
        let made = 0;
        const make = () => (++made, cohortsOf(anchor, keys, false));
        const from = { attributes, customers, customersRow };
        const first = sharedCohorts(s, from, anchor, make);
        // The same anchors in another array: taken, not made again.
        expect(sharedCohorts(s, from, anchor.slice(), make)).toBe(first);
        expect(made).toBe(1);
        if (rows.length === 0) return;
        // One customer's anchor missing (or present) on one side: made again.
        const other = anchor.slice();
        const c = pick % rows.length;
        other[c] = other[c] === other[c] ? NaN : 5;
        expect(sharedCohorts(s, from, other, make)).not.toBe(first);
        expect(made).toBe(2);
        // Another customers table, or other rows: made again.
        sharedCohorts(s, { ...from, customers: { file: 'other.csv' } as unknown as Dataset }, anchor, make);
        sharedCohorts(s, { ...from, customersRow: customersRow.slice() }, anchor, make);
        expect(made).toBe(4);
      }),
      { numRuns: 100 },
    );
  });

  it('never shares cohorts of activity attributes, or without a customers table', () => {
    const s = shared();
    const anchor = Float64Array.of(1, 2);
    let made = 0;
    const make = (): Cohorts => (++made, cohortsOf(anchor, Int32Array.of(0, 1), false));
    const activity = [{ table: 'activity', column: 'channel' }] as CohortAttribute[];
    for (let i = 0; i < 2; ++i) sharedCohorts(s, { attributes: activity, customers, customersRow: Int32Array.of(0, 1) }, anchor, make);
    for (let i = 0; i < 2; ++i) sharedCohorts(s, { attributes, customers: undefined, customersRow: undefined }, anchor, make);
    for (let i = 0; i < 2; ++i) sharedCohorts(undefined, { attributes, customers, customersRow: Int32Array.of(0, 1) }, anchor, make);
    expect(made).toBe(6);
  });
});
