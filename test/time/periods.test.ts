import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysFromCivil } from '../../src/time/civil.js';
import { NO_DAY, localDay, localDays } from '../../src/time/local-days.js';
import { GRANULARITIES } from '../../src/spec/types.js';
import {
  isoWeek,
  periodEndDay,
  periodLabel,
  periodOfDay,
  periodStartDay,
  periodStartInstant,
  periodsOfDays,
  periodsOfInstants,
  type Granularity,
  type WeekStart,
} from '../../src/time/periods.js';
import { timeZone } from '../../src/time/zone.js';
import { at } from './intl-reference.js';

const day = (y: number, m: number, d: number): number => daysFromCivil(y, m, d);

describe('periodOfDay(day, g)', () => {
  it('periodOfDay(day, "day") is the day number', () => {
    expect(periodOfDay(day(2024, 5, 6), 'day')).toBe(day(2024, 5, 6));
  });

  it('periodOfDay(day, "week") starts weeks on Monday (ISO) by default', () => {
    const monday = periodOfDay(day(2024, 12, 30), 'week');
    expect(periodOfDay(day(2025, 1, 5), 'week')).toBe(monday); // Sunday, same week
    expect(periodOfDay(day(2025, 1, 6), 'week')).toBe(monday + 1);
    expect(periodOfDay(day(2024, 12, 29), 'week')).toBe(monday - 1);
    expect(periodLabel(monday, 'week')).toBe('2024-12-30');
    expect(isoWeek(day(2024, 12, 30))).toEqual({ year: 2025, week: 1 });
  });

  it('periodOfDay(day, "week", "sunday") starts weeks on Sunday', () => {
    const w = periodOfDay(day(2024, 12, 29), 'week', 'sunday'); // a Sunday
    expect(periodOfDay(day(2025, 1, 4), 'week', 'sunday')).toBe(w); // Saturday
    expect(periodOfDay(day(2025, 1, 5), 'week', 'sunday')).toBe(w + 1);
    expect(periodOfDay(day(2024, 12, 28), 'week', 'sunday')).toBe(w - 1);
    expect(periodLabel(w, 'week', 'sunday')).toBe('2024-12-29');
    expect(periodStartDay(periodOfDay(day(1970, 1, 1), 'week', 'sunday'), 'week', 'sunday')).toBe(day(1969, 12, 28));
  });

  it('periodOfDay(day, "month" | "quarter" | "year") are y*12+m-1, y*4+q-1 and y', () => {
    expect(periodOfDay(day(2024, 2, 29), 'month')).toBe(2024 * 12 + 1);
    expect(periodOfDay(day(2024, 12, 31), 'month')).toBe(2024 * 12 + 11);
    expect(periodOfDay(day(2024, 3, 31), 'quarter')).toBe(2024 * 4);
    expect(periodOfDay(day(2024, 4, 1), 'quarter')).toBe(2024 * 4 + 1);
    expect(periodOfDay(day(2024, 12, 31), 'quarter')).toBe(2024 * 4 + 3);
    expect(periodOfDay(day(1969, 12, 31), 'year')).toBe(1969);
    expect(periodOfDay(NO_DAY, 'month')).toBe(NO_DAY);
  });
});

describe('periodLabel(index, g)', () => {
  it('periodLabel writes YYYY-MM-DD, YYYY-MM, YYYY-Qn and YYYY', () => {
    expect(periodLabel(day(2024, 3, 5), 'day')).toBe('2024-03-05');
    expect(periodLabel(2024 * 12 + 2, 'month')).toBe('2024-03');
    expect(periodLabel(2024 * 4, 'quarter')).toBe('2024-Q1');
    expect(periodLabel(2024 * 4 + 3, 'quarter')).toBe('2024-Q4');
    expect(periodLabel(2024, 'year')).toBe('2024');
    expect(periodLabel(periodOfDay(day(2024, 8, 15), 'quarter'), 'quarter')).toBe('2024-Q3');
    expect(periodLabel(periodOfDay(day(2024, 8, 15), 'week'), 'week')).toBe('2024-08-12');
  });
});

describe('periodStartDay / periodEndDay(index, g)', () => {
  it('periodStartDay and periodEndDay bound months, quarters and years', () => {
    const feb = periodOfDay(day(2024, 2, 10), 'month');
    expect(periodStartDay(feb, 'month')).toBe(day(2024, 2, 1));
    expect(periodEndDay(feb, 'month')).toBe(day(2024, 3, 1));
    expect(periodStartDay(2024 * 4 + 3, 'quarter')).toBe(day(2024, 10, 1));
    expect(periodEndDay(2024 * 4 + 3, 'quarter')).toBe(day(2025, 1, 1));
    expect(periodStartDay(2024, 'year')).toBe(day(2024, 1, 1));
    expect(periodEndDay(2024, 'year')).toBe(day(2025, 1, 1));
  });

  const granularity = fc.constantFrom<Granularity>(...GRANULARITIES);
  const weekStart = fc.constantFrom<WeekStart>('monday', 'sunday');
  const anyDay = fc.integer({ min: day(1600, 1, 1), max: day(2400, 12, 31) });

  it('periodOfDay(periodStartDay(i)) === i and consecutive periods tile the days (property)', () => {
    fc.assert(
      fc.property(anyDay, granularity, weekStart, (d, g, ws) => {
        const i = periodOfDay(d, g, ws);
        const start = periodStartDay(i, g, ws);
        const end = periodEndDay(i, g, ws);
        expect(start <= d && d < end).toBe(true);
        expect(periodOfDay(start, g, ws)).toBe(i);
        expect(periodOfDay(end, g, ws)).toBe(i + 1);
        expect(periodOfDay(start - 1, g, ws)).toBe(i - 1);
        expect(periodStartDay(i + 1, g, ws)).toBe(end);
      }),
      { numRuns: 2000 },
    );
  });

  it('isoWeek(day) agrees with the ISO rule: week 1 holds the first Thursday (property)', () => {
    fc.assert(
      fc.property(anyDay, (d) => {
        const { year, week } = isoWeek(d);
        const monday = periodStartDay(periodOfDay(d, 'week'), 'week');
        const jan4 = day(year, 1, 4); // always in week 1
        const week1 = periodStartDay(periodOfDay(jan4, 'week'), 'week');
        expect(week).toBe((monday - week1) / 7 + 1);
        expect(week >= 1 && week <= 53).toBe(true);
      }),
    );
    expect(isoWeek(day(2021, 1, 3))).toEqual({ year: 2020, week: 53 });
    expect(isoWeek(day(2024, 1, 1))).toEqual({ year: 2024, week: 1 });
  });
});

describe('periodsOfDays(days, g)', () => {
  it('periodsOfDays equals periodOfDay per element and passes NO_DAY through', () => {
    const days = Int32Array.from({ length: 3000 }, (_, i) => day(2023, 1, 1) + ((i * 37) % 900) - 100);
    days[5] = NO_DAY;
    days[6] = NO_DAY;
    for (const g of GRANULARITIES) {
      for (const ws of ['monday', 'sunday'] as const) {
        const got = periodsOfDays(days, g, ws);
        for (let i = 0; i < days.length; ++i) {
          if (got[i] !== periodOfDay(days[i], g, ws)) expect([g, ws, i, got[i]]).toBe(periodOfDay(days[i], g, ws));
        }
        expect(got[5]).toBe(NO_DAY);
      }
    }
  });

  it('periodsOfDays over a range much wider than the row count computes each row directly', () => {
    const days = Int32Array.of(day(1600, 1, 1), day(2400, 12, 31), NO_DAY, day(2024, 2, 29));
    for (const g of GRANULARITIES) {
      expect(Array.from(periodsOfDays(days, g))).toEqual(Array.from(days, (d) => periodOfDay(d, g)));
    }
    expect(Array.from(periodsOfDays(Int32Array.of(NO_DAY, NO_DAY), 'month'))).toEqual([NO_DAY, NO_DAY]);
  });

  it('periodsOfDays may write in place', () => {
    const days = Int32Array.of(day(2024, 1, 31), day(2024, 2, 1), NO_DAY);
    expect(Array.from(periodsOfDays(days, 'month', 'monday', days))).toEqual([2024 * 12, 2024 * 12 + 1, NO_DAY]);
    const same = Int32Array.of(1, 2);
    expect(periodsOfDays(same, 'day', 'monday', same)).toBe(same);
  });
});

describe('periodStartInstant(index, g, weekStart, zone)', () => {
  it('periodStartInstant of 2024-04 in Europe/Berlin is 2024-03-31T22:00Z (CEST)', () => {
    const berlin = timeZone('Europe/Berlin');
    const april = 2024 * 12 + 3;
    expect(periodStartInstant(april, 'month', 'monday', berlin)).toBe(at('2024-03-31T22:00:00Z'));
    expect(periodStartInstant(april - 1, 'month', 'monday', berlin)).toBe(at('2024-02-29T23:00:00Z'));
    // an event at 2024-03-31T23:30Z is local April 1st 01:30: April, not March
    expect(periodOfDay(localDay(at('2024-03-31T23:30:00Z'), berlin), 'month')).toBe(april);
    // 2024-10-27T00:30Z is local 02:30 CEST: still October
    expect(periodOfDay(localDay(at('2024-10-27T00:30:00Z'), berlin), 'month')).toBe(2024 * 12 + 9);
  });

  it('periodStartInstant in UTC, New York and where midnight falls in a DST gap', () => {
    expect(periodStartInstant(2024 * 4 + 1, 'quarter', 'monday', timeZone('UTC'))).toBe(at('2024-04-01T00:00:00Z'));
    const ny = timeZone('America/New_York');
    expect(periodStartInstant(periodOfDay(day(2024, 11, 3), 'day'), 'day', 'monday', ny)).toBe(at('2024-11-03T04:00:00Z'));
    expect(periodStartInstant(periodOfDay(day(2024, 11, 4), 'day'), 'day', 'monday', ny)).toBe(at('2024-11-04T05:00:00Z'));
    // Santiago springs forward at midnight: 2024-09-08 starts at 01:00 local (-03)
    const scl = timeZone('America/Santiago');
    expect(periodStartInstant(day(2024, 9, 8), 'day', 'monday', scl)).toBe(at('2024-09-08T04:00:00Z'));
  });
});

describe('periodsOfInstants(times, zone, g)', () => {
  it('equals periodsOfDays(localDays(times, zone), g) across chunks, DST changes and NaN', () => {
    const n = 100_000;
    const start = Date.UTC(2023, 2, 20);
    const times = Float64Array.from({ length: n }, (_, i) => (i % 997 === 0 ? NaN : start + ((i * 7919) % n) * 601_000));
    for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York']) {
      const zone = timeZone(tz);
      for (const g of GRANULARITIES) {
        for (const ws of ['monday', 'sunday'] as const) {
          const expected = periodsOfDays(localDays(times, zone), g, ws);
          expect(Array.from(periodsOfInstants(times, zone, g, ws))).toEqual(Array.from(expected));
        }
      }
    }
    expect(periodsOfInstants(Float64Array.of(NaN), timeZone('UTC'), 'month')[0]).toBe(NO_DAY);
  });
});
