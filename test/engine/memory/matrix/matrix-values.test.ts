import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { retention } from '../../../../src/api/matrix.js';

// METRICS.md section 4: the average "weights each cohort by its size and uses only complete
// cells"; in revenue modes a cohort's weight is its offset-0 revenue, so a cell whose base is
// not > 0 (empty, NaN) is left out of the average row: numerator, denominator and counts.
// a (2024-01): 100, then 60. b1, b2 (2024-02): 10 and -10 (a base of 0), then b1 spends 100
// (gross: min(100, 10) = 10). c (2023-12): 30 and a -50 refund (a base of -20), then 40
// (gross: min(40, -20) = -20). d (2024-03): 5, its offset 1 not over at the as-of date.
const activity = aq.table({
  id: ['a', 'a', 'b1', 'b1', 'b2', 'c', 'c', 'c', 'd'],
  time: ['2024-01-05', '2024-02-05', '2024-02-03', '2024-03-05', '2024-02-04', '2023-12-02', '2023-12-10', '2024-01-05', '2024-03-10'],
  amount: [100, 60, 10, 100, -10, 30, -50, 40, 5],
});
const customers = aq.table({ id: ['a', 'b1', 'b2', 'c', 'd'], channel: ['x', 'y', 'y', 'z', 'y'] });
const asOf = '2024-04-01';

type Mode = 'revenue' | 'gross-revenue';
const strict = (mode: Mode) =>
  retention({ activity, customers }, { mode, columns: { id: 'id', time: 'time', amount: 'amount' }, anchor: 'first-activity', asOf });
const rolling = (mode: Mode) =>
  retention(
    { activity, customers },
    { mode, columns: { id: 'id', time: 'time', amount: 'amount' }, cohort: ['channel'], anchor: 'first-activity', asOf },
  );

describe('matrixValues(input): the average row in revenue modes', () => {
  it('leaves out a cohort without revenue at offset 0: A 50% at offset 1 (100, then 50), B 0 then 100 -> 50% (was 150%)', () => {
    const ab = aq.table({ id: ['a', 'a', 'b', 'b'], time: ['2024-01-05', '2024-02-05', '2024-02-03', '2024-03-05'], amount: [100, 50, 0, 100] });
    for (const mode of ['revenue', 'gross-revenue'] as const) {
      const r = retention(ab, { mode, columns: { id: 'id', time: 'time', amount: 'amount' }, asOf });
      expect(r.average.value[1]).toBeCloseTo(0.5, 12);
      expect([r.average.cohorts[1], r.average.size[1]]).toEqual([1, 1]);
    }
  });

  it.each(['revenue', 'gross-revenue'] as const)('%s, strict: leaves out the cohorts with no or a negative offset-0 revenue', (mode) => {
    const r = strict(mode);
    expect(r.cohorts.label).toEqual(['2023-12', '2024-01', '2024-02', '2024-03']);
    // The cells without a base are empty.
    expect(Number.isNaN(r.cells.value[0 * r.width + 1])).toBe(true);
    expect(Number.isNaN(r.cells.value[2 * r.width + 1])).toBe(true);
    expect(r.cells.value[1 * r.width + 1]).toBeCloseTo(0.6, 12);
    // Offset 1: 2024-01 alone, 60 / 100 (before: (40 + 60 + 100) / (-20 + 100 + 0) = 250%, gross 62.5%).
    expect(r.average.value[1]).toBeCloseTo(0.6, 12);
    expect([r.average.cohorts[1], r.average.size[1], r.average.active[1]]).toEqual([1, 1, 1]);
    // Offset 0: 2024-01 and 2024-03, (100 + 5) / (100 + 5).
    expect(r.average.value[0]).toBeCloseTo(1, 12);
    expect([r.average.cohorts[0], r.average.size[0], r.average.active[0]]).toEqual([2, 2, 2]);
  });

  it.each(['revenue', 'gross-revenue'] as const)('%s, rolling: leaves out each cell whose eligible members had no positive offset-0 revenue', (mode) => {
    const r = rolling(mode);
    expect(r.spec.completeness).toBe('rolling');
    const row = (c: string) => r.cohorts.attributes![0].values.indexOf(c) * r.width;
    // y at offset 0: b1, b2 and d eligible, base 10 - 10 + 5 = 5; at offset 1 only b1 and b2, base 0.
    expect(r.cells.value[row('y')]).toBeCloseTo(1, 12);
    expect(Number.isNaN(r.cells.value[row('y') + 1])).toBe(true);
    expect(Number.isNaN(r.cells.value[row('z') + 1])).toBe(true);
    // Offset 1: x alone, 60 / 100 (before: 250%, gross 62.5%, as strict).
    expect(r.average.value[1]).toBeCloseTo(0.6, 12);
    expect([r.average.cohorts[1], r.average.size[1], r.average.active[1], r.average.eligible![1]]).toEqual([1, 1, 1, 1]);
    // Offset 0: x and y, (100 + 5) / (100 + 5); z (base -20) left out.
    expect(r.average.value[0]).toBeCloseTo(1, 12);
    expect([r.average.cohorts[0], r.average.size[0], r.average.eligible![0]]).toEqual([2, 4, 4]);
  });

  it('changes nothing in ltv, where every complete cell has members', () => {
    const r = strict('ltv' as Mode);
    // Offset 1 over the three complete cohorts: (-20 + 40) + (100 + 60) + (0 + 100) over 1 + 1 + 2 customers.
    expect(r.average.value[1]).toBeCloseTo(280 / 4, 12);
    expect(r.average.cohorts[1]).toBe(3);
  });
});
