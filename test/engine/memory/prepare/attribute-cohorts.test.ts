import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignCohorts } from '../../../../src/engine/memory/prepare/assign-cohorts.js';
import { attributeCohorts } from '../../../../src/engine/memory/prepare/attribute-cohorts.js';
import { timeZone } from '../../../../src/time/zone.js';

/** The keys assignCohorts is given for one attribute (group-customers' customerKeys, as it was). */
function customerKeys(keyByRow: Int32Array, nullKey: number, rows: Int32Array | 'self' | undefined, anchor: Float64Array): Int32Array {
  const keys = new Int32Array(anchor.length).fill(-1);
  if (rows === undefined) return keys;
  for (let c = 0; c < anchor.length; ++c) {
    if (anchor[c] !== anchor[c]) continue;
    const row = rows === 'self' ? c : rows[c];
    if (row >= 0 && keyByRow[row] !== nullKey) keys[c] = keyByRow[row];
  }
  return keys;
}

describe('attributeCohorts', () => {
  // Values with repeats as text (1 and '1'), labels that sort as numbers, null and undefined.
  const VALUES: unknown[] = ['organic', 'referral', 'b10', 'b9', 1, '1', null, undefined, 'Émile', 'email', '', 2.5];
  const sample = fc.record({
    dict: fc.array(fc.constantFrom(...VALUES.keys()), { minLength: 0, maxLength: 8 }),
    customers: fc.array(fc.record({ anchored: fc.boolean(), row: fc.integer({ min: -1, max: 30 }) }), { maxLength: 80 }),
    keyOfRow: fc.array(fc.nat(), { minLength: 31, maxLength: 31 }),
    nullAt: fc.integer({ min: -1, max: 8 }),
    rowsKind: fc.constantFrom('array' as const, 'self' as const, 'none' as const),
  });

  it("gives assignCohorts' cohorts of the customers' keys: ids, order, sizes and values", () => {
    fc.assert(
      fc.property(sample, ({ dict, customers, keyOfRow, nullAt, rowsKind }) => {
        const size = dict.length;
        const value = (k: number): unknown => VALUES[dict[k]];
        const nullKey = nullAt < size ? nullAt : -1;
        const keyByRow = Int32Array.from(keyOfRow, (k) => (size === 0 ? -1 : k % size));
        const anchor = Float64Array.from(customers, (c, i) => (c.anchored ? 1e12 + i : NaN));
        const rows = rowsKind === 'none' ? undefined : rowsKind === 'self' ? 'self' : Int32Array.from(customers, (c) => c.row);
        // 'self' reads row c: keep the customers within the rows.
        if (rows === 'self' && customers.length > keyByRow.length) return;
        const want = assignCohorts(anchor, undefined, 'monday', timeZone('UTC'), [{ name: 'channel', keys: customerKeys(keyByRow, nullKey, rows, anchor), value }]);
        expect(attributeCohorts(keyByRow, nullKey, rows, anchor, { name: 'channel', value })).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });
});
