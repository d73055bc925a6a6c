import { describe, expect, it } from 'vitest';
import { KohortError } from '../../src/errors.js';
import { timeZone } from '../../src/time/zone.js';
import { at, intlOffset, random, wall } from './intl-reference.js';

const H = 3_600_000;

describe('timeZone(tz)', () => {
  it('timeZone("UTC") and its spellings are the fast UTC zone', () => {
    for (const name of ['UTC', 'Etc/UTC', 'Z', 'utc', 'z', 'GMT', 'Etc/GMT']) {
      const z = timeZone(name);
      expect(z.isUtc).toBe(true);
      expect(z.name).toBe('UTC');
      expect(z.offsetAt(at('2024-07-01T00:00:00Z'))).toBe(0);
      expect(z.toUtc(12345)).toBe(12345);
      expect(z.offsetAt(NaN)).toBeNaN();
    }
  });

  it('timeZone(tz) throws badTimeZone for unknown names', () => {
    for (const name of ['Mars/Olympus', '', 'Europe/Berlinn', '+25:00']) {
      expect(() => timeZone(name)).toThrow(KohortError);
    }
    try {
      timeZone('Mars/Olympus');
    } catch (e) {
      expect((e as KohortError).code).toBe('badTimeZone');
      expect((e as Error).message).toContain('"Mars/Olympus"');
    }
  });

  it('timeZone(tz) returns one cached zone per canonical name', () => {
    expect(timeZone('Europe/Berlin')).toBe(timeZone('europe/berlin'));
    expect(timeZone('Europe/Berlin').name).toBe('Europe/Berlin');
    expect(timeZone('Europe/Berlin').isUtc).toBe(false);
  });
});

describe('zone.offsetAt(utcMs)', () => {
  it('offsetAt in Europe/Berlin switches exactly at the 2024 transitions', () => {
    const z = timeZone('Europe/Berlin');
    expect(z.offsetAt(at('2024-03-31T00:59:59.999Z'))).toBe(1 * H);
    expect(z.offsetAt(at('2024-03-31T01:00:00Z'))).toBe(2 * H);
    expect(z.offsetAt(at('2024-03-31T23:30:00Z'))).toBe(2 * H);
    expect(z.offsetAt(at('2024-10-27T00:30:00Z'))).toBe(2 * H);
    expect(z.offsetAt(at('2024-10-27T00:59:59.999Z'))).toBe(2 * H);
    expect(z.offsetAt(at('2024-10-27T01:00:00Z'))).toBe(1 * H);
    expect(z.offsetAt(NaN)).toBeNaN();
  });

  it('offsetAt handles 30-minute offsets: Asia/Kolkata and Australia/Lord_Howe (30-minute DST)', () => {
    const kolkata = timeZone('Asia/Kolkata');
    expect(kolkata.offsetAt(at('2024-01-15T12:00:00Z'))).toBe(5.5 * H);
    expect(kolkata.offsetAt(at('2024-07-15T12:00:00Z'))).toBe(5.5 * H);
    const lh = timeZone('Australia/Lord_Howe');
    expect(lh.offsetAt(at('2024-01-15T00:00:00Z'))).toBe(11 * H);
    expect(lh.offsetAt(at('2024-07-15T00:00:00Z'))).toBe(10.5 * H);
    // DST starts 2024-10-06 02:00 local standard time = 2024-10-05T15:30Z
    expect(lh.offsetAt(at('2024-10-05T15:29:59Z'))).toBe(10.5 * H);
    expect(lh.offsetAt(at('2024-10-05T15:30:00Z'))).toBe(11 * H);
  });

  it('offsetAt equals Intl for 10,000 random instants 1990-2035 in several zones', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'America/Sao_Paulo',
      'Asia/Tehran',
      'Pacific/Chatham',
      'America/St_Johns',
      'Africa/Casablanca',
    ];
    const lo = at('1990-01-01T00:00:00Z');
    const hi = at('2035-12-31T23:59:59Z');
    for (const [n, tz] of zones.entries()) {
      const z = timeZone(tz);
      const rnd = random(n + 1);
      for (let i = 0; i < 10_000; ++i) {
        const t = Math.floor(lo + rnd() * (hi - lo));
        const got = z.offsetAt(t);
        if (got !== intlOffset(tz, t)) {
          expect({ tz, t: new Date(t).toISOString(), got }).toEqual({ tz, t: new Date(t).toISOString(), got: intlOffset(tz, t) });
        }
      }
    }
  });

  it('offsetAt follows Intl far from the present (LMT in 1850, 1700, 2500)', () => {
    for (const tz of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) {
      const z = timeZone(tz);
      for (const iso of ['1700-06-01T12:00:00Z', '1850-06-01T12:00:00Z', '1893-04-01T00:00:00Z', '2199-07-01T00:00:00Z', '2500-07-01T00:00:00Z']) {
        expect(z.offsetAt(at(iso))).toBe(intlOffset(tz, at(iso)));
      }
    }
    // Berlin used local mean time +0:53:28 until 1893-04-01
    expect(timeZone('Europe/Berlin').offsetAt(at('1850-06-01T12:00:00Z'))).toBe((53 * 60 + 28) * 1000);
  });
});

describe('zone.toUtc(wallMs)', () => {
  it('toUtc in America/New_York shifts the spring-forward gap forward and takes the earlier fall-back instant', () => {
    const z = timeZone('America/New_York');
    expect(z.toUtc(wall('2024-03-10T01:59:00'))).toBe(at('2024-03-10T06:59:00Z'));
    // 02:30 does not exist: it becomes 03:30 EDT
    expect(z.toUtc(wall('2024-03-10T02:30:00'))).toBe(at('2024-03-10T07:30:00Z'));
    expect(z.toUtc(wall('2024-03-10T03:00:00'))).toBe(at('2024-03-10T07:00:00Z'));
    // 01:30 exists twice (EDT then EST): the earlier instant
    expect(z.toUtc(wall('2024-11-03T01:30:00'))).toBe(at('2024-11-03T05:30:00Z'));
    expect(z.toUtc(wall('2024-11-03T02:00:00'))).toBe(at('2024-11-03T07:00:00Z'));
    expect(z.toUtc(wall('2024-07-04T12:00:00'))).toBe(at('2024-07-04T16:00:00Z'));
    expect(z.toUtc(NaN)).toBeNaN();
  });

  it('toUtc in Europe/Berlin and Australia/Lord_Howe (30-minute gap)', () => {
    const berlin = timeZone('Europe/Berlin');
    expect(berlin.toUtc(wall('2024-04-01T00:00:00'))).toBe(at('2024-03-31T22:00:00Z'));
    expect(berlin.toUtc(wall('2024-03-31T02:30:00'))).toBe(at('2024-03-31T01:30:00Z')); // = 03:30 CEST
    expect(berlin.toUtc(wall('2024-10-27T02:30:00'))).toBe(at('2024-10-27T00:30:00Z')); // CEST, the earlier
    const lh = timeZone('Australia/Lord_Howe');
    expect(lh.toUtc(wall('2024-10-06T02:15:00'))).toBe(at('2024-10-05T15:45:00Z')); // = 02:45 +11
    expect(lh.toUtc(wall('2024-04-07T01:45:00'))).toBe(at('2024-04-06T14:45:00Z')); // +11, the earlier
    expect(timeZone('Asia/Kolkata').toUtc(wall('2024-01-01T05:30:00'))).toBe(at('2024-01-01T00:00:00Z'));
  });

  it('toUtc(t + offsetAt(t)) gives back t, or the earlier instant with the same wall time', () => {
    const lo = at('1990-01-01T00:00:00Z');
    const hi = at('2035-12-31T00:00:00Z');
    for (const tz of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']) {
      const z = timeZone(tz);
      const rnd = random(99);
      for (let i = 0; i < 5_000; ++i) {
        const t = Math.floor(lo + rnd() * (hi - lo));
        const w = t + z.offsetAt(t);
        const back = z.toUtc(w);
        if (back !== t && !(back < t && back + z.offsetAt(back) === w)) {
          expect({ tz, t: new Date(t).toISOString() }).toBe('round trip');
        }
      }
    }
  });
});
