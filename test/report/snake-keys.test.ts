import { describe, expect, it } from 'vitest';
import { snakeCase, snakeKeys } from '../../src/report/snake-keys.js';

describe('snakeKeys(value)', () => {
  it('renames every key, deep, and leaves values alone', () => {
    expect(snakeCase('rowsUsed')).toBe('rows_used');
    expect(snakeCase('badTimeRows')).toBe('bad_time_rows');
    expect(snakeCase('as_of')).toBe('as_of');
    expect(snakeKeys({ rowsRead: 3, excluded: { afterAsOf: 1, badTimeRows: [2, 5] }, files: [{ fileName: 'aB' }] })).toEqual({
      rows_read: 3, excluded: { after_as_of: 1, bad_time_rows: [2, 5] }, files: [{ file_name: 'aB' }],
    });
    expect(snakeKeys(null)).toBeNull();
  });
});
