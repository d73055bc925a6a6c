import { describe, expect, it } from 'vitest';
import { headerLooksLikeData } from '../../src/load/header-looks-like-data.js';

describe('headerLooksLikeData(names)', () => {
  it('is true when every name is a number or a date', () => {
    expect(headerLooksLikeData(['00004', '0001', '19970101', '2', '29.33'])).toBe(true);
    expect(headerLooksLikeData(['a1', '2024-01-05', '3'])).toBe(false);
    expect(headerLooksLikeData(['17850', '2010-12-01 08:26:00', '2.55'])).toBe(true);
    expect(headerLooksLikeData(['25/12/2024', '-1.5e3'])).toBe(true);
    expect(headerLooksLikeData(['customer_id', 'date'])).toBe(false);
    expect(headerLooksLikeData([])).toBe(false);
  });
});
