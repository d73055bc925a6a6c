import { describe, expect, it } from 'vitest';
import { NO_GROUP } from '../../../../src/engine/memory/prepare/no-group-rows.js';
import { removedCustomers } from '../../../../src/engine/memory/prepare/removed-customers.js';

describe('removedCustomers(keep, where, customersRow, customers)', () => {
  it('marks each left-out customer by its reason (--where first, else no group) and counts both', () => {
    // Rows 0..4; customer c is row customersRow[c] (-1: no customers row, so kept by no mask).
    const keep = Uint8Array.of(1, 0, 0, 1, 0);
    const where = Uint8Array.of(1, 0, 1, 1, 1);
    const r = removedCustomers(keep, where, Int32Array.of(4, 3, 2, 1, 0, -1), 6);
    expect(Array.from(r.removed!)).toEqual([NO_GROUP, 0, NO_GROUP, 1, 0, NO_GROUP]);
    expect([r.count, r.noGroup]).toEqual([1, 3]);
  });

  it('counts every left-out customer as in no group when only the group filter ran (where undefined)', () => {
    const r = removedCustomers(Uint8Array.of(0, 1), undefined, Int32Array.of(0, 1), 2);
    expect(Array.from(r.removed!)).toEqual([NO_GROUP, 0]);
    expect([r.count, r.noGroup]).toEqual([0, 1]);
  });

  it('gives no array when no customer is left out (the kernels then take their unfiltered loops)', () => {
    const r = removedCustomers(Uint8Array.of(1, 1), Uint8Array.of(1, 1), Int32Array.of(1, 0), 2);
    expect(r).toEqual({ removed: undefined, count: 0, noGroup: 0 });
  });
});
