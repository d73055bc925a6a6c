import { describe, expect, it } from 'vitest';
import { KohortError } from '../../src/errors.js';
import { formatWhere, parseWhere } from '../../src/spec/parse-where.js';

describe('parseWhere(text)', () => {
  it.each([
    ['Quantity > 0', { column: 'Quantity', op: '>', value: '0' }],
    ['InvoiceNo !^= C', { column: 'InvoiceNo', op: '!^=', value: 'C' }],
    ['InvoiceNo ^= C', { column: 'InvoiceNo', op: '^=', value: 'C' }],
    ['UnitPrice<=2.5', { column: 'UnitPrice', op: '<=', value: '2.5' }],
    ['a >= 3', { column: 'a', op: '>=', value: '3' }],
    ['a != x', { column: 'a', op: '!=', value: 'x' }],
    ['country = "United Kingdom"', { column: 'country', op: '=', value: 'United Kingdom' }],
    ['"Customer ID" != 12346', { column: 'Customer ID', op: '!=', value: '12346' }],
    ['Customer ID < 5', { column: 'Customer ID', op: '<', value: '5' }],
  ])('parses %s', (text, expected) => {
    expect(parseWhere(text)).toEqual(expected);
  });

  it.each(['Quantity', 'Quantity >', '> 3', '"unterminated = 3', 'a ~ b'])('rejects %s with a message quoting it', (text) => {
    expect(() => parseWhere(text)).toThrow(KohortError);
    expect(() => parseWhere(text)).toThrow(JSON.stringify(text));
  });

  it.each([
    ['plan <> 2-pro', { column: 'plan', op: '!=', value: '2-pro' }],
    ['plan == x', { column: 'plan', op: '=', value: 'x' }],
    ['plan==x', { column: 'plan', op: '=', value: 'x' }],
    ['plan = "=x"', { column: 'plan', op: '=', value: '=x' }],
  ])('reads SQL and C spellings: %s', (text, expected) => {
    expect(parseWhere(text)).toEqual(expected);
  });

  it.each(['a => 3', 'a =< 3', 'a === 3', 'a << 3', 'a ~= b', 'a !! b', 'a =~ b', 'a <>= 3', 'a >> 3', 'a ^ b'])(
    'rejects the unknown operator in %s, quoting the input',
    (text) => {
      expect(() => parseWhere(text)).toThrow(KohortError);
      expect(() => parseWhere(text)).toThrow(JSON.stringify(text));
    },
  );

  it('never evaluates the text as code', () => {
    const f = parseWhere('x = process.exit(1)');
    expect(f).toEqual({ column: 'x', op: '=', value: 'process.exit(1)' });
  });

  it('round-trips through formatWhere', () => {
    for (const t of ['Quantity > 0', '"Customer ID" != 12346', 'plan = "=x"', 'a = " padded "']) expect(parseWhere(formatWhere(parseWhere(t)))).toEqual(parseWhere(t));
  });
});
