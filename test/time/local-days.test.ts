import { describe, expect, it } from 'vitest';
import { DAY_MS, daysFromCivil } from '../../src/time/civil.js';
import { NO_DAY, localDay, localDays } from '../../src/time/local-days.js';
import { timeZone } from '../../src/time/zone.js';
import { at, intlOffset, random } from './intl-reference.js';

describe('localDays(times, zone)', () => {
  it('localDays in UTC floors to the day; NaN and out-of-range give NO_DAY', () => {
    const times = Float64Array.of(0, -1, at('2024-02-29T23:59:59.999Z'), NaN, Infinity, 9e15);
    expect(Array.from(localDays(times, timeZone('UTC')))).toEqual([
      0,
      -1,
      daysFromCivil(2024, 2, 29),
      NO_DAY,
      NO_DAY,
      NO_DAY,
    ]);
  });

  it('localDays in Europe/Berlin across the 2024 DST changes', () => {
    const z = timeZone('Europe/Berlin');
    const times = Float64Array.of(
      at('2024-03-30T22:59:59Z'), // 23:59:59 CET, March 30
      at('2024-03-30T23:00:00Z'), // 00:00 CET, March 31
      at('2024-03-31T21:59:59Z'), // 23:59:59 CEST, March 31
      at('2024-03-31T23:30:00Z'), // 01:30 CEST, April 1
      at('2024-10-27T00:30:00Z'), // 02:30 CEST, October 27
      at('2024-10-27T22:59:59Z'), // 23:59:59 CET, October 27
      at('2024-10-27T23:00:00Z'), // 00:00 CET, October 28
      NaN,
    );
    expect(Array.from(localDays(times, z))).toEqual([
      daysFromCivil(2024, 3, 30),
      daysFromCivil(2024, 3, 31),
      daysFromCivil(2024, 3, 31),
      daysFromCivil(2024, 4, 1),
      daysFromCivil(2024, 10, 27),
      daysFromCivil(2024, 10, 27),
      daysFromCivil(2024, 10, 28),
      NO_DAY,
    ]);
  });

  it('localDays in America/New_York around spring-forward and fall-back 2024', () => {
    const z = timeZone('America/New_York');
    const times = Float64Array.of(
      at('2024-03-10T04:59:59Z'), // 23:59:59 EST March 9
      at('2024-03-10T05:00:00Z'), // 00:00 EST March 10
      at('2024-03-11T03:59:59Z'), // 23:59:59 EDT March 10
      at('2024-11-03T03:59:59Z'), // 23:59:59 EDT November 2
      at('2024-11-04T04:59:59Z'), // 23:59:59 EST November 3
      at('2024-11-04T05:00:00Z'), // 00:00 EST November 4
    );
    expect(Array.from(localDays(times, z))).toEqual([
      daysFromCivil(2024, 3, 9),
      daysFromCivil(2024, 3, 10),
      daysFromCivil(2024, 3, 10),
      daysFromCivil(2024, 11, 2),
      daysFromCivil(2024, 11, 3),
      daysFromCivil(2024, 11, 4),
    ]);
  });

  it('localDays writes into `out` and agrees with Intl for random instants', () => {
    const lo = at('1990-01-01T00:00:00Z');
    const hi = at('2035-12-31T00:00:00Z');
    const rnd = random(7);
    const times = Float64Array.from({ length: 10_000 }, () => Math.floor(lo + rnd() * (hi - lo)));
    for (const tz of ['Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Los_Angeles']) {
      const out = new Int32Array(times.length);
      expect(localDays(times, timeZone(tz), out)).toBe(out);
      for (let i = 0; i < times.length; ++i) {
        const want = Math.floor((times[i] + intlOffset(tz, times[i])) / DAY_MS);
        if (out[i] !== want) expect({ tz, t: times[i], day: out[i] }).toEqual({ tz, t: times[i], day: want });
      }
    }
  });

  it('localDays over many rows (day-table path) is exact at transitions, for NaN and for outliers', () => {
    const rnd = random(11);
    const lo = at('2020-01-01T00:00:00Z');
    const hi = at('2026-01-01T00:00:00Z');
    for (const tz of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']) {
      const z = timeZone(tz);
      const list: number[] = [NaN, at('1850-06-01T00:00:00Z'), at('2500-06-01T00:00:00Z'), Infinity];
      // every minute around each transition of 2024, plus the transition instants ± 1 ms
      for (let t = at('2024-01-01T00:00:00Z'); t < at('2025-01-01T00:00:00Z'); t += 3_600_000) {
        if (z.offsetAt(t) !== z.offsetAt(t + 3_600_000)) {
          let a = t;
          let b = t + 3_600_000;
          while (b - a > 1) {
            const m = Math.floor((a + b) / 2);
            if (z.offsetAt(m) === z.offsetAt(t)) a = m;
            else b = m;
          }
          list.push(b - 1, b, b + 1);
          for (let u = b - 2 * 3_600_000; u < b + 2 * 3_600_000; u += 60_000) list.push(u);
        }
      }
      while (list.length < 8000) list.push(Math.floor(lo + rnd() * (hi - lo)));
      const times = Float64Array.from(list);
      const got = localDays(times, z);
      for (let i = 0; i < times.length; ++i) {
        const t = times[i];
        const want = Number.isFinite(t) ? Math.floor((t + intlOffset(tz, t)) / DAY_MS) : NO_DAY;
        if (got[i] !== want) expect({ tz, t, day: got[i] }).toEqual({ tz, t, day: want });
      }
    }
  });
});

describe('localDay(t, zone)', () => {
  it('localDay is the scalar form', () => {
    expect(localDay(at('2024-03-31T23:30:00Z'), timeZone('Europe/Berlin'))).toBe(daysFromCivil(2024, 4, 1));
    expect(localDay(at('2024-03-31T23:30:00Z'), timeZone('UTC'))).toBe(daysFromCivil(2024, 3, 31));
    expect(localDay(NaN, timeZone('UTC'))).toBe(NO_DAY);
  });
});
