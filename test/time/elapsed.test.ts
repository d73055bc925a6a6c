import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addElapsed, elapsedOffset, elapsedOffsets } from '../../src/time/elapsed.js';
import { NO_DAY } from '../../src/time/local-days.js';
import type { Granularity } from '../../src/time/periods.js';
import { timeZone } from '../../src/time/zone.js';
import { at, random } from './intl-reference.js';

const utc = timeZone('UTC');

describe('elapsedOffset(anchor, t, g, zone)', () => {
  it('elapsedOffset(.., "day") counts whole 24-hour steps from the anchor', () => {
    const a = at('2024-01-05T10:00:00Z');
    expect(elapsedOffset(a, at('2024-01-05T23:59:00Z'), 'day', utc)).toBe(0);
    expect(elapsedOffset(a, at('2024-01-06T09:59:59Z'), 'day', utc)).toBe(0);
    expect(elapsedOffset(a, at('2024-01-06T10:00:00Z'), 'day', utc)).toBe(1);
    expect(elapsedOffset(a, at('2024-01-05T09:00:00Z'), 'day', utc)).toBe(-1);
    expect(elapsedOffset(a, at('2024-01-19T10:00:00Z'), 'week', utc)).toBe(2);
    expect(elapsedOffset(a, NaN, 'day', utc)).toBeNaN();
  });

  it('elapsedOffset(.., "day") counts a 23-hour DST day as one wall-clock day (Europe/Berlin)', () => {
    const berlin = timeZone('Europe/Berlin');
    const a = at('2024-03-30T09:00:00Z'); // 10:00 CET
    const next = at('2024-03-31T08:00:00Z'); // 10:00 CEST, 23 hours later
    expect(elapsedOffset(a, next, 'day', berlin)).toBe(1);
    expect(elapsedOffset(a, next - 1, 'day', berlin)).toBe(0);
    expect(elapsedOffset(a, next, 'day', utc)).toBe(0); // in UTC only 23 hours passed
    expect(addElapsed(a, 1, 'day', berlin)).toBe(next);
  });

  it('elapsedOffset(.., "month") clamps to the month end: Jan 31 + 1 month = Feb 29 2024, Feb 28 2023', () => {
    const a24 = at('2024-01-31T12:00:00Z');
    expect(addElapsed(a24, 1, 'month', utc)).toBe(at('2024-02-29T12:00:00Z'));
    expect(elapsedOffset(a24, at('2024-02-29T11:59:59Z'), 'month', utc)).toBe(0);
    expect(elapsedOffset(a24, at('2024-02-29T12:00:00Z'), 'month', utc)).toBe(1);
    expect(elapsedOffset(a24, at('2024-03-30T12:00:00Z'), 'month', utc)).toBe(1);
    expect(addElapsed(a24, 2, 'month', utc)).toBe(at('2024-03-31T12:00:00Z')); // from the anchor, not chained
    expect(elapsedOffset(a24, at('2024-03-31T12:00:00Z'), 'month', utc)).toBe(2);
    const a23 = at('2023-01-31T12:00:00Z');
    expect(addElapsed(a23, 1, 'month', utc)).toBe(at('2023-02-28T12:00:00Z'));
    expect(elapsedOffset(a23, at('2023-02-28T12:00:00Z'), 'month', utc)).toBe(1);
    expect(elapsedOffset(a23, at('2023-02-28T11:00:00Z'), 'month', utc)).toBe(0);
  });

  it('addElapsed(.., "day") moves a start that falls in a DST gap forward (America/New_York)', () => {
    const ny = timeZone('America/New_York');
    const a = at('2024-03-09T07:30:00Z'); // March 9 02:30 EST
    const start = addElapsed(a, 1, 'day', ny); // March 10 02:30 does not exist
    expect(start).toBe(at('2024-03-10T07:30:00Z')); // 03:30 EDT
    expect(elapsedOffset(a, start, 'day', ny)).toBe(1);
    expect(elapsedOffset(a, at('2024-03-10T06:59:59Z'), 'day', ny)).toBe(0); // 01:59:59 EST
  });

  it('elapsedOffset(.., "quarter" | "year") and negative offsets', () => {
    const a = at('2023-11-30T00:00:00Z');
    expect(elapsedOffset(a, at('2024-02-29T00:00:00Z'), 'quarter', utc)).toBe(1);
    expect(elapsedOffset(a, at('2024-02-28T23:59:59Z'), 'quarter', utc)).toBe(0);
    expect(elapsedOffset(a, at('2024-11-30T00:00:00Z'), 'year', utc)).toBe(1);
    expect(elapsedOffset(a, at('2024-11-29T00:00:00Z'), 'year', utc)).toBe(0);
    expect(elapsedOffset(a, at('2023-11-29T00:00:00Z'), 'month', utc)).toBe(-1);
    expect(elapsedOffset(a, at('2023-10-30T00:00:00Z'), 'month', utc)).toBe(-1);
    expect(elapsedOffset(a, at('2023-10-29T23:00:00Z'), 'month', utc)).toBe(-2);
    expect(addElapsed(at('2024-02-29T00:00:00Z'), 1, 'year', utc)).toBe(at('2025-02-28T00:00:00Z'));
  });

  it('elapsedOffset(.., "month") uses the wall-clock day in the zone', () => {
    const ny = timeZone('America/New_York');
    const a = at('2024-02-01T03:00:00Z'); // Jan 31 22:00 EST
    expect(elapsedOffset(a, at('2024-03-01T02:59:00Z'), 'month', ny)).toBe(0); // Feb 29 21:59 EST
    expect(elapsedOffset(a, at('2024-03-01T03:00:00Z'), 'month', ny)).toBe(1); // Feb 29 22:00 EST
    expect(elapsedOffset(a, at('2024-03-01T03:00:00Z'), 'month', utc)).toBe(1); // Mar 1 03:00 UTC vs Feb 1 03:00
    expect(elapsedOffset(a, at('2024-03-01T02:59:00Z'), 'month', utc)).toBe(0);
    expect(addElapsed(a, 1, 'month', ny)).toBe(at('2024-03-01T03:00:00Z')); // Feb 29 22:00 EST
    expect(addElapsed(a, 2, 'month', ny)).toBe(at('2024-04-01T02:00:00Z')); // Mar 31 22:00 EDT
    expect(elapsedOffset(a, at('2024-04-01T01:59:59Z'), 'month', ny)).toBe(1);
    expect(elapsedOffset(a, at('2024-04-01T02:00:00Z'), 'month', ny)).toBe(2);
  });

  it('elapsedOffset(a, addElapsed(a, k)) === k and one ms earlier is k - 1 (property)', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'].map(timeZone);
    fc.assert(
      fc.property(
        fc.integer({ min: at('1995-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }),
        fc.integer({ min: -40, max: 40 }),
        fc.constantFrom<Granularity>('day', 'week', 'month', 'quarter', 'year'),
        fc.constantFrom(...zones),
        (a, k, g, zone) => {
          const start = addElapsed(a, k, g, zone);
          expect(elapsedOffset(a, start, g, zone)).toBe(k);
          // Near a transition the start may have moved forward out of a gap, so the
          // instant before it can still be offset k; check away from transitions only.
          const day = 86_400_000;
          if (zone.offsetAt(start - day) === zone.offsetAt(start + day)) {
            expect(elapsedOffset(a, start - 1, g, zone)).toBe(k - 1);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('elapsedOffsets(anchorOfRow, times, g, zone)', () => {
  it('elapsedOffsets equals elapsedOffset row by row; NaN rows give NO_DAY', () => {
    const berlin = timeZone('Europe/Berlin');
    const anchors = Float64Array.of(
      at('2024-01-31T12:00:00Z'),
      at('2024-01-31T12:00:00Z'),
      at('2024-01-31T12:00:00Z'),
      NaN,
      at('2023-03-25T10:00:00Z'),
      at('2023-03-25T10:00:00Z'),
    );
    const times = Float64Array.of(
      at('2024-02-29T12:00:00Z'),
      at('2024-02-29T11:00:00Z'),
      NaN,
      at('2024-02-29T12:00:00Z'),
      at('2023-03-26T09:00:00Z'),
      at('2024-03-26T09:00:00Z'),
    );
    for (const g of ['day', 'week', 'month', 'quarter', 'year'] as const) {
      const out = elapsedOffsets(anchors, times, g, berlin);
      const want = Array.from(times, (t, i) => {
        const k = elapsedOffset(anchors[i], t, g, berlin);
        return Number.isNaN(k) ? NO_DAY : k;
      });
      expect(Array.from(out)).toEqual(want);
    }
    expect(Array.from(elapsedOffsets(anchors, times, 'month', berlin))).toEqual([1, 0, NO_DAY, NO_DAY, 0, 12]);
    expect(elapsedOffsets(anchors, times, 'day', berlin)[4]).toBe(1);
  });

  it('elapsedOffsets equals elapsedOffset for 20,000 random rows (month ends, DST days, NaN)', () => {
    const rnd = random(5);
    const lo = at('2019-01-01T00:00:00Z');
    const span = 4 * 365 * 86_400_000;
    const n = 20_000;
    const anchors = new Float64Array(n);
    const times = new Float64Array(n);
    for (let i = 0; i < n; ++i) {
      // runs of rows share an anchor; many anchors fall on the 29th-31st
      if (i % 7 !== 0) anchors[i] = anchors[i - 1];
      else if (rnd() < 0.5) anchors[i] = Math.floor(lo + rnd() * span);
      else anchors[i] = at(`2020-01-${29 + (i % 3)}T22:30:00Z`) + Math.floor(rnd() * 40) * 30 * 86_400_000;
      times[i] = rnd() < 0.01 ? NaN : Math.floor(lo + rnd() * span);
    }
    anchors[3] = NaN;
    for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']) {
      const zone = timeZone(tz);
      for (const g of ['day', 'week', 'month', 'quarter', 'year'] as const) {
        const got = elapsedOffsets(anchors, times, g, zone);
        for (let i = 0; i < n; ++i) {
          const k = elapsedOffset(anchors[i], times[i], g, zone);
          const want = Number.isNaN(k) ? NO_DAY : k;
          if (got[i] !== want) expect({ tz, g, i, got: got[i] }).toEqual({ tz, g, i, got: want });
        }
      }
    }
  });

  it('elapsedOffsets over a range much wider than the row count', () => {
    const anchors = Float64Array.of(at('1900-01-31T00:00:00Z'), at('2024-01-31T00:00:00Z'));
    const times = Float64Array.of(at('2100-02-28T00:00:00Z'), at('2024-02-29T00:00:00Z'));
    expect(Array.from(elapsedOffsets(anchors, times, 'month', utc))).toEqual([200 * 12 + 1, 1]); // 2100-02-28 is Jan 31 + 2401 months (2100 is no leap year)
    expect(Array.from(elapsedOffsets(anchors, times, 'year', utc))).toEqual([200, 0]);
  });
});
