import * as aq from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedbackFromTables } from '../../../../src/api/feedback.js';
import { reasonsFromTables } from '../../../../src/api/reasons.js';
import { valueFromTables } from '../../../../src/api/value.js';
import { feedbackTable } from '../../../../src/result/feedback-table.js';
import { reasonsTable } from '../../../../src/result/reasons-table.js';
import { valueTable } from '../../../../src/result/value-table.js';

// Random customers tables against a brute-force reference written from METRICS.md section 8
// with plain objects (the engine works on dictionary keys and typed arrays).
const customerRow = fc.record({
  seg: fc.constantFrom('a', 'b', 'c', null),
  status: fc.constantFrom('Churned', 'Stayed', 'Joined', null),
  cat: fc.constantFrom('Price', 'Competitor', '(none)', '', null),
  why: fc.constantFrom('x', 'y', 'z', null),
  v: fc.option(fc.integer({ min: -50, max: 5000 }), { nil: null }),
  nps: fc.option(fc.integer({ min: -2, max: 12 }), { nil: null }),
});
type Row = { seg: string | null; status: string | null; cat: string | null; why: string | null; v: number | null; nps: number | null };
const table = (rows: Row[]) =>
  aq.table({
    id: rows.map((_, i) => `c${i}`),
    seg: rows.map((r) => r.seg),
    status: rows.map((r) => r.status),
    cat: rows.map((r) => r.cat),
    why: rows.map((r) => r.why),
    v: rows.map((r) => (r.v === null ? NaN : r.v)),
    nps: rows.map((r) => (r.nps === null ? NaN : r.nps)),
  });
// No reason is "(none)"; the reason text "(none)" is its own row, written quoted.
const label = (x: string | null): string => (x === null || x === '' ? '(none)' : x === '(none)' ? '"(none)"' : x);
// At least one churned row, so --event "status=Churned" names a value that occurs.
const rowsArb = fc.array(customerRow, { minLength: 1, maxLength: 60 }).map((rows) => [...rows, { ...rows[0], status: 'Churned' }]);

describe('reasons, value and feedback against a brute-force reference (fast-check)', () => {
  it('reasons: churned per (segment, category, reason)', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const r = reasonsFromTables(table(rows), { columns: { id: 'id' }, event: 'status=Churned', reason: ['cat', 'why'], by: ['seg'] });
        const want = new Map<string, number>();
        for (const x of rows) {
          if (x.status !== 'Churned') continue;
          const k = JSON.stringify([x.seg, label(x.cat), label(x.why)]);
          want.set(k, (want.get(k) ?? 0) + 1);
        }
        const got = new Map<string, number>();
        for (const o of reasonsTable(r).objects() as Record<string, unknown>[]) got.set(JSON.stringify([o.seg, o.cat, o.why]), o.churned as number);
        expect(got).toEqual(want);
        // An empty status is left out (counted), not retained.
        expect(r.totalCustomers).toBe(rows.filter((x) => x.status !== null).length);
      }),
      { numRuns: 150 },
    );
  });

  it('value: customers, total, median per (segment, status)', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const r = valueFromTables(table(rows), { columns: { id: 'id' }, event: 'status=Churned', value: 'v', by: ['seg'] });
        for (const o of valueTable(r).objects() as Record<string, number & string>[]) {
          const mine = rows.filter((x) => x.status !== null && x.seg === o.seg && (x.status === 'Churned') === (o.status === 'churned'));
          const vs = mine.map((x) => x.v).filter((v): v is number => v !== null).sort((a, b) => a - b);
          expect(o.customers).toBe(mine.length);
          expect(o.missing).toBe(mine.length - vs.length);
          expect(o.total).toBe(vs.reduce((a, b) => a + b, 0));
          const mid = vs.length % 2 ? vs[(vs.length - 1) / 2] : (vs[vs.length / 2 - 1] + vs[vs.length / 2]) / 2;
          expect(o.median).toBe(vs.length ? mid : null);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('feedback: NPS counts per segment, off-scale scores rejected', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const f = feedbackFromTables(table(rows), { by: ['seg'], nps: 'nps' });
        for (const o of feedbackTable(f).objects() as Record<string, number & string>[]) {
          const mine = rows.filter((x) => x.seg === o.seg);
          const ok = mine.filter((x) => x.nps !== null && x.nps >= 0 && x.nps <= 10).map((x) => x.nps!);
          expect([o.answers, o.nps_n, o.rejected]).toEqual([mine.length, ok.length, mine.filter((x) => x.nps !== null).length - ok.length]);
          expect(o.promoters + o.passives + o.detractors).toBe(o.nps_n);
          const p = ok.filter((s) => s >= 9).length;
          const d = ok.filter((s) => s <= 6).length;
          if (ok.length) expect(o.nps).toBeCloseTo((100 * (p - d)) / ok.length, 9);
          else expect(o.nps).toBeNull();
        }
      }),
      { numRuns: 150 },
    );
  });
});
