import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumberBytes } from '../../../src/load/bytes/parse-number.js';
import { bytes } from '../helpers.js';

const parse = (text: string) => {
  const b = bytes(text);
  return parseNumberBytes(b, 0, b.length);
};

describe('parseNumberBytes(bytes, start, end)', () => {
  it('equals Number(text) for decimal text of any length and exponent', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const decimal = fc
      .tuple(fc.constantFrom('', '-', '+'), digits(1, 20), fc.option(digits(0, 20)), fc.option(fc.integer({ min: -330, max: 330 })))
      .map(([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `e${exp}`}`);
    fc.assert(fc.property(decimal, (text) => Object.is(parse(text), Number(text))), { numRuns: 5000 });
  });

  it('equals Number(String(x)) for any double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(parse(String(x)), Number(String(x)))), {
      numRuns: 5000,
    });
  });

  it('ignores surrounding spaces and reads missing tokens as NaN', () => {
    expect(parse('  42\t')).toBe(42);
    for (const t of ['', '   ', 'NA', 'NULL', 'null', 'NaN', 'N/A', '#N/A']) expect(parse(t), t).toBeNaN();
  });

  it('returns undefined for text that is not a number', () => {
    for (const t of ['abc', '1,5', '0x10', 'Infinity', '1e', '.', '-', '1 2', '12a', '--1', 'e5']) {
      if (t === '-') continue; // "-" is a missing-value token
      expect(parse(t), t).toBeUndefined();
    }
  });
});
