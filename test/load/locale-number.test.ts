import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalEvidence, parseLocaleNumber, sniffDecimal } from '../../src/load/locale-number.js';

describe('parseLocaleNumber(text, decimal)', () => {
  it.each([
    ['1,000.50', '.', 1000.5],
    ['1.000,50', ',', 1000.5],
    ['2,5', ',', 2.5],
    ['-1,234,567.5', '.', -1234567.5],
    ['1 000,50', ',', 1000.5],
    ["1'000.50", '.', 1000.5],
    ['$1,000', '.', 1000],
    ['12 €', ',', 12],
    ['0,5', ',', 0.5],
    [',5', ',', 0.5],
    ['1,000', ',', 1],
    ['1,000', '.', 1000],
  ] as const)('%s with %s is %d', (text, mark, value) => {
    expect(parseLocaleNumber(text, mark)).toBe(value);
  });

  it.each([
    ['1,00,000.5', '.'],
    ['12,34.5', '.'],
    ['1.000.5', ','],
    ['abc', '.'],
    ['1.2.3', '.'],
    ['', '.'],
    ['-', '.'],
    ['1,5', '.'],
  ] as const)('%s with %s is not a number', (text, mark) => {
    expect(parseLocaleNumber(text, mark)).toBeNaN();
  });

  it('reads back what toLocaleString writes, in English and German', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const v = whole + Math.sign(whole || 1) * cents / 100;
        const opts = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
        expect(parseLocaleNumber(v.toLocaleString('en-US', opts), '.')).toBeCloseTo(v, 6);
        expect(parseLocaleNumber(v.toLocaleString('de-DE', opts), ',')).toBeCloseTo(v, 6);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sniffDecimal(texts)', () => {
  it('tells the mark from values that need it', () => {
    expect(sniffDecimal(['1,000.50', '12'])).toBe('.');
    expect(sniffDecimal(['1.000,50', '12'])).toBe(',');
    expect(sniffDecimal(['2,5'])).toBe(',');
    expect(sniffDecimal(['1.000.000'])).toBe(',');
    expect(sniffDecimal(['1,000', '12'])).toBe('either');
    expect(sniffDecimal(['1,000.5', '2,5'])).toEqual({ mixed: ['1,000.5', '2,5'] });
  });

  it('decimalEvidence: one value at a time', () => {
    expect(decimalEvidence('0,500')).toBe(',');
    expect(decimalEvidence('1.5')).toBe('.');
    expect(decimalEvidence('abc')).toBeNull();
    expect(decimalEvidence('12')).toBe('either');
  });
});
