import { describe, expect, it } from 'vitest';
import { NO_GROUP, noGroupRows } from '../../../../src/engine/memory/prepare/no-group-rows.js';
import type { EventInputs } from '../../../../src/engine/memory/prepare/prepare-events.js';

// Rows 0..7: customer (-1 = id not in the run), time (NaN = unreadable).
const base = (over: Partial<EventInputs>): EventInputs => ({
  customer: Int32Array.of(0, 0, 1, 1, 2, -1, 3, 3),
  time: Float64Array.of(1, 2, 3, NaN, 5, 6, 7, 8),
  rawTime: [],
  asOf: Infinity,
  ...over,
});

describe('noGroupRows(inputs, where, customers)', () => {
  it('counts the rows the group filter alone removes: kept by --where (where), left out by the mask', () => {
    // mask = where AND group; row 1: --where's; rows 2 and 6: the group's; row 3 unreadable and row 5 no id: counted before.
    const mask = Uint8Array.of(1, 0, 0, 0, 1, 0, 0, 1);
    const where = Uint8Array.of(1, 0, 1, 1, 1, 1, 1, 1);
    const marks = new Uint8Array(4);
    expect(noGroupRows(base({ mask }), where, marks)).toBe(2);
    expect(Array.from(marks)).toEqual([0, 1, 0, 1]);
  });

  it('counts every row of a customer in no group (customerRemoved NO_GROUP), none of one --where removed (1)', () => {
    const customerRemoved = Uint8Array.of(NO_GROUP, 1, 0, 0);
    const marks = new Uint8Array(4);
    expect(noGroupRows(base({ customerRemoved }), undefined, marks)).toBe(2);
    expect(Array.from(marks)).toEqual([1, 0, 0, 0]);
  });

  it('takes every row as kept by --where when where is undefined (only the group filter ran)', () => {
    const mask = Uint8Array.of(0, 1, 1, 1, 0, 0, 1, 1);
    expect(noGroupRows(base({ mask }), undefined)).toBe(2);
  });
});
