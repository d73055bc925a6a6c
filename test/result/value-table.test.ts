import { describe, expect, it } from 'vitest';
import { valueNotes } from '../../src/result/value-table.js';

describe('valueNotes(result)', () => {
  it('says "1 customer" without a value, "2 customers" for two', () => {
    const note = (missing: number[]) => valueNotes({ valueName: 'revenue', overall: { missing } } as never);
    expect(note([1, 0])).toEqual(['  1 customer without a "revenue" value: counted in "missing", left out of mean, median and total']);
    expect(note([1, 1])[0]).toMatch(/^ {2}2 customers without/);
    expect(note([0, 0])).toEqual([]);
  });
});
