import * as aq from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastCompleteOffsets, rollingCounts } from '../../../../src/engine/memory/matrix/rolling-limits.js';
import { tidyTable } from '../../../../src/result/tidy-table.js';
import { retention } from '../../../../src/api/matrix.js';
import type { Mode } from '../../../../src/spec/types.js';
import { timeZone } from '../../../../src/time/zone.js';

const DAY = 86_400_000;
const START = Date.UTC(2023, 10, 1);
const AS_OF = Date.UTC(2024, 4, 17); // mid-month: May 2024 is incomplete
const month = (t: number): number => {
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

describe('lastCompleteOffsets(source, cohortOf, spec, zone, asOf)', () => {
  it('calendar: the period before the as-of period, minus the anchor period; -1 outside cohorts', () => {
    const anchor = Float64Array.of(Date.UTC(2024, 0, 31), Date.UTC(2024, 2, 1), NaN, Date.UTC(2024, 3, 2));
    const lim = lastCompleteOffsets({ kind: 'instants', anchor }, Int32Array.of(0, 0, 0, -1), { period: 'month', offsets: 'calendar', weekStart: 'monday' }, timeZone('UTC'), Date.UTC(2024, 3, 1));
    expect(Array.from(lim)).toEqual([2, 0, -1, -1]);
  });
  it('elapsed: whole periods since the anchor, minus one', () => {
    const anchor = Float64Array.of(Date.UTC(2024, 0, 31), Date.UTC(2024, 2, 1));
    const lim = lastCompleteOffsets({ kind: 'instants', anchor }, Int32Array.of(0, 0), { period: 'month', offsets: 'elapsed', weekStart: 'monday' }, timeZone('UTC'), Date.UTC(2024, 3, 1));
    // Jan 31 + 2 months = Mar 31 <= Apr 1: offsets 0 and 1 ended. Mar 1 + 1 month = Apr 1: offset 0 ended.
    expect(Array.from(lim)).toEqual([1, 0]);
  });
  it('rollingCounts: eligible is a suffix sum of a count per (cohort, limit)', () => {
    const r = rollingCounts(Int32Array.of(0, 2, 5, -1, 1), Int32Array.of(0, 0, 0, 0, 1), 2, 3);
    expect(Array.from(r.eligible)).toEqual([3, 2, 2, 1, 1, 0]);
  });
});

/** Row: customer 0..7, day 0..220, amount (negative = missing). */
type Row = [number, number, number];
const rowsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 220 }), fc.integer({ min: -3, max: 40 })), { minLength: 1, maxLength: 60 });
const CHANNEL = (c: number): string => ['ads', 'organic', 'referral'][c % 3];

/** Rolling cells (METRICS.md section 3) straight from the definitions, per (channel, k): [eligible, value]. */
function reference(rows: Row[], mode: Mode): Map<string, [number, number]> {
  const kept = rows.filter((r) => START + r[1] * DAY < AS_OF);
  const first = new Map<number, number>();
  for (const [c, d] of kept) first.set(c, Math.min(first.get(c) ?? Infinity, START + d * DAY));
  const out = new Map<string, [number, number]>();
  const lastK = month(AS_OF) - 1 - month(START);
  for (const ch of ['ads', 'organic', 'referral']) {
    const members = [...first.keys()].filter((c) => CHANNEL(c) === ch);
    for (let k = 0; k <= lastK; ++k) {
      const eligible = members.filter((c) => month(AS_OF) - 1 - month(first.get(c)!) >= k);
      if (!eligible.length) continue;
      const offs = (c: number) => kept.filter((r) => r[0] === c).map((r) => ({ k: month(START + r[1] * DAY) - month(first.get(c)!), a: r[2] < 0 ? NaN : r[2], t: START + r[1] * DAY }));
      const revAt = (c: number, j: number) => offs(c).filter((o) => o.k === j && o.a === o.a).reduce((s, o) => s + o.a, 0);
      let num = 0;
      let den = eligible.length;
      for (const c of eligible) {
        const o = offs(c);
        if (mode === 'classic') num += o.some((x) => x.k === k) ? 1 : 0;
        if (mode === 'unbounded') num += o.some((x) => x.k >= k) ? 1 : 0;
        if (mode === 'revenue') num += revAt(c, k);
        if (mode === 'gross-revenue') num += Math.min(revAt(c, k), revAt(c, 0));
        if (mode === 'ltv') for (let j = 0; j <= k; ++j) num += revAt(c, j);
        if (mode === 'survival') {
          const last = Math.max(...o.map((x) => x.t));
          const churn = last + 30 * DAY;
          const aliveThrough = churn <= AS_OF ? month(churn) - month(first.get(c)!) - 1 : Infinity;
          num += aliveThrough >= k ? 1 : 0;
        }
      }
      if (mode === 'revenue' || mode === 'gross-revenue') den = eligible.reduce((s, c) => s + revAt(c, 0), 0);
      out.set(`${ch}|${k}`, [eligible.length, den > 0 ? num / den : NaN]);
    }
  }
  return out;
}

describe('retention(tables, {completeness: "rolling"}) against the definitions, every mode', () => {
  const modes: Mode[] = ['classic', 'unbounded', 'revenue', 'gross-revenue', 'ltv', 'survival'];
  it.each(modes)('%s', (mode) => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        fc.pre(rows.some((r) => START + r[1] * DAY < AS_OF));
        const activity = aq.table({
          id: rows.map((r) => `c${r[0]}`),
          time: rows.map((r) => new Date(START + r[1] * DAY).toISOString()),
          amount: rows.map((r) => (r[2] < 0 ? null : r[2])),
        });
        const customers = aq.table({ id: Array.from({ length: 8 }, (_, c) => `c${c}`), channel: Array.from({ length: 8 }, (_, c) => CHANNEL(c)) });
        const r = retention(
          { activity, customers },
          {
            columns: { id: 'id', time: 'time', amount: 'amount' },
            anchor: 'first-activity',
            cohort: ['channel'],
            mode,
            asOf: new Date(AS_OF).toISOString(),
            inactiveAfter: mode === 'survival' ? '30d' : undefined,
          },
        );
        const mine = new Map<string, [number, number]>();
        for (const x of tidyTable(r).objects() as { channel: string; offset: number; eligible: number; value: number | null }[]) {
          mine.set(`${x.channel}|${x.offset}`, [x.eligible, x.value ?? NaN]);
        }
        const ref = reference(rows, mode);
        expect([...mine.keys()].sort()).toEqual([...ref.keys()].sort());
        for (const [key, [e, v]] of ref) {
          expect(mine.get(key)![0]).toBe(e);
          if (v !== v) expect(mine.get(key)![1]).toBeNaN();
          else expect(mine.get(key)![1]).toBeCloseTo(v, 9);
        }
      }),
      { numRuns: 150 },
    );
  });
});
