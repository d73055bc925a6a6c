import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { tidyTable } from '../../../../src/result/tidy-table.js';
import { retention } from '../../../../src/api/matrix.js';

describe('retention(table, {tz: "Europe/Berlin"}) across daylight-saving changes', () => {
  const t = aq.table({
    id: ['spring', 'autumn'],
    time: ['2024-03-31T23:30Z', '2024-10-27T00:30Z'],
  });

  it('puts 2024-03-31T23:30Z into April (01:30 CEST) and 2024-10-27T00:30Z into October', () => {
    const r = retention(t, { tz: 'Europe/Berlin', asOf: '2025-01-01' });
    expect(r.cohorts.label).toEqual(['2024-04', '2024-10']);
  });

  it('puts them in March and October in UTC', () => {
    const r = retention(t, { asOf: '2025-01-01' });
    expect(r.cohorts.label).toEqual(['2024-03', '2024-10']);
  });

  it('reads as-of dates as local midnight', () => {
    const r = retention(t, { tz: 'Europe/Berlin', asOf: '2024-11-01' });
    expect(new Date(r.asOf).toISOString()).toBe('2024-10-31T23:00:00.000Z');
  });

  it('ends the default as-of at local midnight after the last day', () => {
    const r = retention(t, { tz: 'Europe/Berlin' });
    // Last event: 2024-10-27 02:30 CEST; the next local midnight is in CET (UTC+1).
    expect(new Date(r.asOf).toISOString()).toBe('2024-10-27T23:00:00.000Z');
  });

  it('counts a local day as one day in elapsed offsets across the spring change', () => {
    const u = aq.table({ id: ['x', 'x'], time: ['2024-03-30T12:00:00+01:00', '2024-03-31T12:00:00+02:00'] });
    const r = retention(u, { tz: 'Europe/Berlin', period: 'day', cohort: ['day'], offsets: 'elapsed', asOf: '2024-04-02' });
    const rows = tidyTable(r).objects() as { offset: number; active: number }[];
    expect(rows.filter((x) => x.active > 0).map((x) => x.offset)).toEqual([0, 1]);
  });
});

describe('retention(table, {cohort: ["week"]}) across a year boundary', () => {
  const t = aq.table({
    id: ['a', 'a', 'b', 'c'],
    time: ['2024-12-30', '2025-01-06', '2025-01-05', '2024-12-29'],
  });

  it('labels ISO week 2025-W01 by its Monday, 2024-12-30, and offsets continue into the new year', () => {
    const r = retention(t, { cohort: ['week'], period: 'week', asOf: '2025-01-13' });
    expect(r.cohorts.label).toEqual(['2024-12-23', '2024-12-30']);
    expect(Array.from(r.cohorts.size)).toEqual([1, 2]);
    const rows = tidyTable(r).objects() as { cohort: string; offset: number; active: number; period: string }[];
    const w1 = rows.find((x) => x.cohort === '2024-12-30' && x.offset === 1)!;
    expect(w1.active).toBe(1);
    expect(w1.period).toBe('2025-01-06');
  });

  it('starts weeks on Sunday when asked', () => {
    const r = retention(t, { cohort: ['week'], period: 'week', weekStart: 'sunday', asOf: '2025-01-13' });
    // 2024-12-29 was a Sunday: a, b (Sunday 2025-01-05 starts a new week) and c split so.
    expect(r.cohorts.label).toEqual(['2024-12-29', '2025-01-05']);
    expect(Array.from(r.cohorts.size)).toEqual([2, 1]);
  });
});

describe('retention(table, {offsets: "elapsed"})', () => {
  it('counts Jan 31 + 1 month as Feb 29 in a leap year', () => {
    const t = aq.table({ id: ['x', 'x', 'x'], time: ['2024-01-31', '2024-02-28', '2024-02-29'] });
    const r = retention(t, { offsets: 'elapsed', asOf: '2024-06-01' });
    const rows = tidyTable(r).objects() as { offset: number; active: number }[];
    expect(rows.find((x) => x.offset === 0)!.active).toBe(1);
    expect(rows.find((x) => x.offset === 1)!.active).toBe(1);
  });
});
