import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  civilDay,
  DAY_MS,
  civilFromDays,
  dayOfMonthIndex,
  daysFromCivil,
  daysInMonth,
  formatDay,
  isLeapYear,
  monthIndexOfDay,
  pad,
  yearOfDay,
} from '../../src/time/civil.js';

describe('daysFromCivil / civilFromDays', () => {
  it('daysFromCivil(1970, 1, 1) is day 0 and matches Date.UTC', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2024, 2, 29)).toBe(Date.UTC(2024, 1, 29) / DAY_MS);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 3, 1)).toBe(Date.UTC(2000, 2, 1) / DAY_MS);
  });

  it('civilFromDays(days) round-trips every day from 1900 through 2100', () => {
    const first = daysFromCivil(1900, 1, 1);
    const last = daysFromCivil(2100, 12, 31);
    let [py, pm, pd] = civilFromDays(first - 1);
    for (let day = first; day <= last; ++day) {
      const [y, m, d] = civilFromDays(day);
      if (daysFromCivil(y, m, d) !== day) throw new Error(`round trip failed at ${day}`);
      // each day follows the previous one in the calendar
      const next = pd < daysInMonth(py, pm) ? [py, pm, pd + 1] : pm < 12 ? [py, pm + 1, 1] : [py + 1, 1, 1];
      if (next[0] !== y || next[1] !== m || next[2] !== d) throw new Error(`not consecutive at ${day}`);
      if (monthIndexOfDay(day) !== y * 12 + m - 1) throw new Error(`monthIndexOfDay failed at ${day}`);
      [py, pm, pd] = [y, m, d];
    }
    expect(civilFromDays(last)).toEqual([2100, 12, 31]);
  });

  it('civilFromDays(days) agrees with Date for random days, including before 1970 and year 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 3_000_000 }), (day) => {
        const date = new Date(day * DAY_MS);
        expect(civilFromDays(day)).toEqual([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
        expect(monthIndexOfDay(day)).toBe(date.getUTCFullYear() * 12 + date.getUTCMonth());
        expect(yearOfDay(day)).toBe(date.getUTCFullYear());
      }),
    );
  });
});

describe('daysInMonth / isLeapYear', () => {
  it('daysInMonth(y, m) knows leap years, including the century rules', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
  });
});

describe('dayOfMonthIndex / formatDay / pad', () => {
  it('dayOfMonthIndex(y * 12 + m - 1) is the first of the month', () => {
    expect(dayOfMonthIndex(2024 * 12 + 1)).toBe(daysFromCivil(2024, 2, 1));
    expect(dayOfMonthIndex(-1)).toBe(daysFromCivil(-1, 12, 1));
  });

  it('formatDay(day) writes YYYY-MM-DD', () => {
    expect(formatDay(daysFromCivil(2024, 3, 5))).toBe('2024-03-05');
    expect(formatDay(daysFromCivil(999, 12, 31))).toBe('0999-12-31');
    expect(pad(-5, 4)).toBe('-0005');
  });
});

describe('civilDay(y, m, d)', () => {
  it('is daysFromCivil for every day of a month, NaN past its end, in and out of the table years (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 2500 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const want = d > daysInMonth(y, m) ? NaN : daysFromCivil(y, m, d);
        expect(civilDay(y, m, d)).toBe(want);
      }),
      { numRuns: 3000 },
    );
    expect(civilDay(2024, 2, 29)).toBe(daysFromCivil(2024, 2, 29));
    expect(civilDay(2023, 2, 29)).toBeNaN();
    expect(civilDay(1900, 2, 29)).toBeNaN();
    expect(civilDay(2000, 2, 29)).toBe(daysFromCivil(2000, 2, 29));
    expect(civilDay(1900, 1, 1)).toBe(daysFromCivil(1900, 1, 1));
    expect(civilDay(2199, 12, 31)).toBe(daysFromCivil(2199, 12, 31));
    expect(civilDay(1899, 12, 31)).toBe(daysFromCivil(1899, 12, 31));
    expect(civilDay(2200, 1, 1)).toBe(daysFromCivil(2200, 1, 1));
  });
});
