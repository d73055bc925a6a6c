import { describe, expect, it } from 'vitest';
import { KohortError } from '../../src/errors.js';
import { dayMonthOrder } from '../../src/time/day-month-order.js';
import { parseDateText } from '../../src/time/parse-date-text.js';
import { timeZone } from '../../src/time/zone.js';
import { at } from './intl-reference.js';

const utc = timeZone('UTC');

describe('dayMonthOrder(texts, weights, where)', () => {
  it('dayMonthOrder picks the order shown by a field > 12, weighted by rows', () => {
    expect(dayMonthOrder(['13/01/2024', '01/02/2024'], [1, 1], {})).toBe('dmy');
    expect(dayMonthOrder(['01/13/2024', '01/02/2024'], [1, 1], {})).toBe('mdy');
    // both occur: the order with more rows wins
    expect(dayMonthOrder(['13/01/2024', '01/13/2024', '01/14/2024'], [1, 1, 1], {})).toBe('mdy');
    expect(dayMonthOrder(['13/01/2024', '01/13/2024'], [5, 1], {})).toBe('dmy');
    // texts with no rows do not count
    expect(dayMonthOrder(['13/01/2024', '01/13/2024'], [0, 1], {})).toBe('mdy');
  });

  it('dayMonthOrder ignores dotted, ISO and equal-field values; throws ambiguousDate otherwise', () => {
    expect(dayMonthOrder(['01.02.2024', '2024-01-02', '03/03/2024', null], [1, 1, 1, 1], {})).toBe('auto');
    expect(() => dayMonthOrder(['01/02/2024'], [1], { column: 'd' })).toThrow(KohortError);
  });
});

describe('parseDateText(s, zone, format, order)', () => {
  it('parseDateText applies the given order to a/b/yyyy values with "/" or "-"', () => {
    expect(parseDateText('01/02/2024', utc, undefined, 'dmy')).toBe(at('2024-02-01T00:00:00Z'));
    expect(parseDateText('01-02-2024', utc, undefined, 'mdy')).toBe(at('2024-01-02T00:00:00Z'));
    expect(parseDateText('13/01/2024', utc, undefined, 'mdy')).toBeNaN();
    expect(parseDateText('01.02.2024', utc, undefined, 'mdy')).toBe(at('2024-02-01T00:00:00Z'));
    expect(parseDateText('2024-01-02', utc, undefined, 'dmy')).toBe(at('2024-01-02T00:00:00Z'));
  });
});
