import { describe, expect, it } from 'vitest';
import { encodeStrings } from '../../../src/load/dict-column.js';
import { customerIndex } from '../../../src/engine/memory/customer-index.js';
import { emptyReport } from '../../../src/report/load-report.js';

describe('customerIndex(activityIds, customerIds)', () => {
  it('numbers each distinct activity id when there is no customers table', () => {
    const r = emptyReport();
    const idx = customerIndex(encodeStrings(['b', 'a', null, 'b']), undefined, r, { strict: false });
    expect(idx.count).toBe(2);
    expect(Array.from(idx.activityCustomer!)).toEqual([0, 1, -1, 0]);
    expect(idx.id(1)).toBe('a');
  });

  it('keeps the first row of a duplicate id and counts the others', () => {
    const r = emptyReport();
    const idx = customerIndex(undefined, encodeStrings(['x', 'y', 'x', null, ' y']), r, { strict: false });
    expect(idx.count).toBe(2);
    expect(Array.from(idx.customersRow!)).toEqual([0, 1]);
    expect(r.customers.excluded).toMatchObject({ duplicateId: 2, missingId: 1 });
  });

  it('joins numeric activity ids to text customer ids and marks unknown ids -2', () => {
    const r = emptyReport();
    const idx = customerIndex(new Float64Array([17850, 12346, NaN, 99]), encodeStrings(['12346', '17850']), r, { strict: false });
    expect(Array.from(idx.activityCustomer!)).toEqual([1, 0, -1, -2]);
  });

  it('fails on unknown ids with strict, quoting one', () => {
    expect(() => customerIndex(encodeStrings(['zz']), encodeStrings(['a']), emptyReport(), { strict: true, activityFile: 'e.csv' })).toThrow(
      'e.csv: 1 activity ids have no row in the customers table, e.g. "zz" (--strict)',
    );
  });
});
