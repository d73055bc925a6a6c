import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityOrder, renumbered } from '../../../../src/engine/memory/prepare/activity-order.js';
import { customerIndex, type CustomerIndex } from '../../../../src/engine/memory/prepare/customer-index.js';
import { ByteDict } from '../../../../src/load/dict/byte-dict.js';
import { dictColumn, encodeStrings, type DictColumn } from '../../../../src/load/dict/dict-column.js';
import { emptyReport } from '../../../../src/report/load-report.js';

/** A string column as the loaders build it: keys interned from bytes by a ByteDict (null = missing). */
function loaded(values: (string | null)[]): DictColumn {
  const dict = new ByteDict();
  const keys = new Int32Array(values.length);
  values.forEach((v, i) => {
    keys[i] = v === null ? -1 : dict.intern(Buffer.from(v, 'utf8'), 0, Buffer.byteLength(v));
  });
  for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = dict.size;
  return dictColumn(keys, dict.values);
}

/** What an index says of each activity row and each customer: ids, not numbers. */
function byId(idx: CustomerIndex, rows: number) {
  const act = Array.from({ length: rows }, (_, i) => {
    const c = idx.activityCustomer![i];
    return c < 0 ? c : idx.id(c);
  });
  const customers = Array.from({ length: idx.count }, (_, c) => [idx.id(c), idx.customersRow![c]]).sort((a, b) => Number(a[1]) - Number(b[1]));
  return { act, customers };
}

describe('activityOrder(remap, count)', () => {
  it('gives matched customers their keys and the others the numbers after, in their old order', () => {
    // Keys 0..2 are customers 3, 0, 4 of five.
    expect(Array.from(activityOrder(Int32Array.of(3, 0, 4), 5)!)).toEqual([1, 3, 4, 0, 2]);
  });

  it('is undefined when a key has no customer or two keys share one', () => {
    expect(activityOrder(Int32Array.of(0, -2), 2)).toBeUndefined();
    expect(activityOrder(Int32Array.of(0, -1), 2)).toBeUndefined();
    expect(activityOrder(Int32Array.of(1, 1), 2)).toBeUndefined();
  });

  it('renumbered moves each value to its new number', () => {
    expect(Array.from(renumbered(Int32Array.of(10, 11, 12), Int32Array.of(2, 0, 1)))).toEqual([11, 12, 10]);
  });
});

describe('customerIndex(..., { activityOrder })', () => {
  it('makes the activity keys the customer numbers when each is a customer of its own', () => {
    const act = loaded(['C3', 'C1', 'C3', '007']);
    const cus = loaded(['C1', '7', 'C2', 'C3', '007']);
    const idx = customerIndex(act, cus, emptyReport(), { strict: false, activityOrder: true });
    expect(idx.activityCustomer).toBe(act.keys);
    // "007" and "7" stay two customers.
    expect(byId(idx, 4).act).toEqual(['C3', 'C1', 'C3', '007']);
    expect(idx.count).toBe(5);
  });

  it('joins each row to the customer of the same id as without it (fast-check; ids 007/7, case, blanks, unknown ids)', () => {
    const id = fc.constantFrom(null, '', ' ', 'a', 'A', ' a', 'b', '7', '007', 'C0000042', 'c0000042', 'é');
    fc.assert(
      fc.property(fc.array(id, { maxLength: 30 }), fc.array(id, { minLength: 1, maxLength: 20 }), fc.boolean(), (act, cus, sortedCus) => {
        const customers = sortedCus ? [...cus].sort((x, y) => String(x).localeCompare(String(y))) : cus;
        for (const [a, c] of [
          [loaded(act), loaded(customers)],
          [encodeStrings(act), encodeStrings(customers)],
        ] as const) {
          const r0 = emptyReport();
          const r1 = emptyReport();
          const plain = customerIndex(a, c, r0, { strict: false });
          const ordered = customerIndex(a, c, r1, { strict: false, activityOrder: true });
          expect(ordered.count).toBe(plain.count);
          expect(byId(ordered, act.length)).toEqual(byId(plain, act.length));
          expect(r1).toEqual(r0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
