import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lowestBits, NO_BIT, periodMasks } from '../../../../src/engine/memory/matrix/period-masks.js';
import { emptyReport } from '../../../../src/report/load-report.js';
import { timeZone } from '../../../../src/time/zone.js';

const t = (s: string): number => Date.parse(s);

describe('periodMasks(inputs, {period: "month"})', () => {
  const inputs = () => ({
    customer: Int32Array.of(0, 1, -1, 0, 2, 1, -2, 0),
    time: Float64Array.of(t('2024-01-05T10:00Z'), t('2024-02-03T00:00Z'), t('2024-01-01T00:00Z'), t('2024-03-09T00:00Z'), NaN, t('2024-04-02T00:00Z'), t('2024-01-02T00:00Z'), NaN),
    rawTime: ['a', 'b', 'c', 'd', '', 'f', 'g', 'not a time'],
    asOf: t('2024-04-01T00:00Z'),
    customerCount: 3,
  });

  it('sets one bit per active month per customer and counts each left-out row once', () => {
    const report = emptyReport();
    const m = periodMasks(inputs(), { period: 'month', weekStart: 'monday', zone: timeZone('UTC') }, report)!;
    expect(m.base).toBe(2024 * 12);
    expect(m.words).toBe(1);
    expect(Array.from(m.bits)).toEqual([0b101, 0b10, 0]);
    expect(Array.from(lowestBits(m))).toEqual([0, 1, -1]);
    // Bits set by pass 1 itself: no row bits are kept; bitOfRow finds each again.
    expect(m.rowBit).toBeUndefined();
    expect(Array.from({ length: 8 }, (_, i) => m.bitOfRow(i))).toEqual([0, 1, NO_BIT, 2, NO_BIT, NO_BIT, NO_BIT, NO_BIT]);
    expect(m.kept).toBe(3);
    const ex = report.excluded;
    expect([ex.missingId, ex.unknownCustomer, ex.missingTime, ex.badTime, ex.afterAsOf]).toEqual([1, 1, 1, 1, 1]);
    expect(ex.badTimeRows).toEqual([8]);
    expect(report.rowsUsed).toBe(3);
  });

  it('leaves the rows a --where removed out, as filtered', () => {
    const report = emptyReport();
    const m = periodMasks({ ...inputs(), mask: Uint8Array.of(1, 1, 1, 0, 1, 1, 1, 1) }, { period: 'month', weekStart: 'monday', zone: timeZone('UTC') }, report)!;
    expect(Array.from(m.bits)).toEqual([0b1, 0b10, 0]);
    expect(report.excluded.filtered).toBe(1);
  });

  it('holds daily periods beyond 255 bits as wide masks (16-bit row bits) when they fit', () => {
    const report = emptyReport();
    const days = 600;
    const time = Float64Array.from({ length: days }, (_, i) => t('2022-01-01T12:00Z') + i * 86_400_000);
    const wide = { ...inputs(), time, customer: Int32Array.from({ length: days }, (_, i) => i % 3), mask: undefined, customerCount: 3, rawTime: [] as string[], asOf: time[days - 1] + 1 };
    // directWords 0: the scatter path, which keeps the row bits.
    const m = periodMasks(wide, { period: 'day', weekStart: 'monday', zone: timeZone('UTC'), directWords: 0 }, report)!;
    expect(m.bitShift).toBe(16);
    expect(m.rowBit).toBeInstanceOf(Uint16Array);
    expect(m.words).toBe(Math.ceil(days / 32));
    expect(Array.from(m.rowBit!.subarray(0, 4))).toEqual([0, 1, 2, 3]);
    expect(m.rowBit![days - 1]).toBe(days - 1);
    expect(m.bitOfRow(days - 1)).toBe(days - 1);
    // customer 0: days 0, 3, 6, ...: word 0 = bits 0, 3, ..., 30
    let w0 = 0;
    for (let b = 0; b < 32; b += 3) w0 |= 1 << b;
    expect(m.bits[0]).toBe(w0 >>> 0);
    expect(lowestBits(m)[1]).toBe(1);
  });

  it('is undefined, with the report untouched, when the months need more than the masks hold', () => {
    const report = emptyReport();
    const wide = { ...inputs(), time: Float64Array.of(t('2000-01-01T00:00Z')), customer: Int32Array.of(0), rawTime: ['x'] };
    expect(periodMasks(wide, { period: 'month', weekStart: 'monday', zone: timeZone('UTC') }, report)).toBeUndefined();
    expect(report).toEqual(emptyReport());
  });
});

describe('periodMasks(inputs, {directWords}): bits set by pass 1 and bitOfRow equal the scatter path', () => {
  type Inputs = Parameters<typeof periodMasks>[0];
  const run = (inp: Inputs, period: 'day' | 'week' | 'month', zone: string, directWords: number) => {
    const report = emptyReport();
    const m = periodMasks(inp, { period, weekStart: 'monday', zone: timeZone(zone), directWords }, report);
    return { m, report };
  };

  it('sets the same bits, rows and report on random rows (fast-check: ids, times, missing, filtered, after as-of)', () => {
    const start = t('2023-01-01T00:00Z');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -2, max: 10 }), fc.option(fc.integer({ min: 0, max: 800 * 86_400 }), { freq: 8 }), fc.boolean()), { minLength: 1, maxLength: 400 }),
        fc.constantFrom('day' as const, 'week' as const, 'month' as const),
        fc.constantFrom('UTC', 'America/New_York'),
        (rows, period, zone) => {
          const inp = {
            customer: Int32Array.from(rows, (r) => r[0]),
            time: Float64Array.from(rows, (r) => (r[1] === null ? NaN : start + r[1] * 1000)),
            mask: Uint8Array.from(rows, (r) => (r[2] ? 1 : 0)),
            rawTime: rows.map(() => ''),
            asOf: start + 700 * 86_400_000,
            customerCount: 11,
          };
          const a = run(inp, period, zone, 0);
          const b = run(inp, period, zone, Number.MAX_SAFE_INTEGER);
          expect(b.m === undefined).toBe(a.m === undefined);
          if (a.m && b.m) {
            expect(Array.from(b.m.bits)).toEqual(Array.from(a.m.bits));
            // The direct path keeps no row bits: bitOfRow (countedBit) gives the scatter path's.
            expect(b.m.rowBit).toBeUndefined();
            expect(Array.from(rows, (_, i) => b.m!.bitOfRow(i))).toEqual(Array.from(a.m.rowBit!));
          }
          expect(b.report).toEqual(a.report);
        },
      ),
      { numRuns: 200 },
    );
  });
});
