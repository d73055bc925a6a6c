import * as aq from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retention } from '../../../../src/api/matrix.js';

const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);

/** Random activity: [customer, day offset from 2023-01-01, hour] triples. */
const activity = fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 23 })), {
  minLength: 1,
  maxLength: 120,
});

function table(rows: [number, number, number][]) {
  return aq.table({
    id: rows.map(([c]) => `c${c}`),
    time: rows.map(([, d, h]) => new Date(START + d * DAY + h * 3_600_000).toISOString()),
  });
}

/** Brute force from the raw rows: month index of an instant (UTC). */
const monthOf = (t: number): number => new Date(t).getUTCFullYear() * 12 + new Date(t).getUTCMonth();

function bruteForce(rows: [number, number, number][]) {
  const times = new Map<number, number[]>();
  for (const [c, d, h] of rows) times.set(c, [...(times.get(c) ?? []), START + d * DAY + h * 3_600_000]);
  const pairs = new Set<string>();
  const cohortSize = new Map<number, number>();
  for (const [c, ts] of times) {
    const a = monthOf(Math.min(...ts));
    cohortSize.set(a, (cohortSize.get(a) ?? 0) + 1);
    for (const t of ts) pairs.add(`${c}/${monthOf(t) - a}`);
  }
  return { pairs: pairs.size, cohortSize };
}

describe('retention(table) properties (fast-check)', () => {
  it('0 <= value <= 1, unbounded >= classic and non-increasing in k', () => {
    fc.assert(
      fc.property(activity, (rows) => {
        const t = table(rows);
        const classic = retention(t, { partial: true });
        const unbounded = retention(t, { partial: true, mode: 'unbounded' });
        const w = classic.width;
        expect(unbounded.width).toBe(w);
        for (let h = 0; h < classic.cohorts.count; ++h) {
          for (let k = 0; k < w; ++k) {
            const i = h * w + k;
            const c = classic.cells.value[i];
            const u = unbounded.cells.value[i];
            expect(c).toBeGreaterThanOrEqual(0);
            expect(c).toBeLessThanOrEqual(1);
            expect(u).toBeGreaterThanOrEqual(c);
            if (k > 0) expect(u).toBeLessThanOrEqual(unbounded.cells.value[i - 1]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the sum of active over cells equals the distinct (customer, offset) pairs of the raw rows', () => {
    fc.assert(
      fc.property(activity, (rows) => {
        const r = retention(table(rows), { partial: true });
        const total = r.cells.active.reduce((s, x) => s + x, 0);
        expect(total).toBe(bruteForce(rows).pairs);
        const sizes = bruteForce(rows).cohortSize;
        expect(Array.from(r.cohorts.size)).toEqual([...sizes.keys()].sort((a, b) => a - b).map((m) => sizes.get(m)));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same counts through the sort path (daily offsets) as the bitmask path', () => {
    fc.assert(
      fc.property(activity, (rows) => {
        const t = table(rows);
        // Weekly offsets over 500 days need > 32 columns: the counting-sort kernel.
        const weekly = retention(t, { period: 'week', cohort: ['week'], partial: true });
        expect(weekly.width).toBeGreaterThan(0);
        const pairs = new Set<string>();
        const first = new Map<number, number>();
        for (const [c, d] of rows) first.set(c, Math.min(first.get(c) ?? Infinity, d));
        // ISO weeks: 2023-01-02 was a Monday, so day d is in week floor((d + 6) / 7) of this count.
        const week = (d: number): number => Math.floor((d + 6) / 7);
        for (const [c, d] of rows) pairs.add(`${c}/${week(d) - week(first.get(c)!)}`);
        expect(weekly.cells.active.reduce((s, x) => s + x, 0)).toBe(pairs.size);
      }),
      { numRuns: 100 },
    );
  });
});
