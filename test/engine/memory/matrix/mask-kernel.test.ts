import { describe, expect, it } from 'vitest';
import { maskKernel } from '../../../../src/engine/memory/matrix/mask-kernel.js';
import type { PeriodMasks } from '../../../../src/engine/memory/matrix/period-masks.js';
import { emptyReport } from '../../../../src/report/load-report.js';

const needs = { active: true, lastOffset: true, revenue: true, grossRevenue: false, churn: false };

describe('maskKernel(masks, {cohortOf, width})', () => {
  it('counts set bits from each anchor bit, last offsets through countThrough, and revenue per cell', () => {
    // Customer 0: months 0, 2 (anchor 0); customer 1: months 1, 2, 4 (anchor 1); customer 2: none.
    const masks: PeriodMasks = {
      base: 0,
      words: 1,
      bits: Uint32Array.of(0b101, 0b10110, 0),
      kept: 5,
      bitOfRow: () => 255,
      noBit: 255,
      bitShift: 8,
      grouped: {
        partStart: Int32Array.of(0, 5),
        packed: Int32Array.of((0 << 8) | 0, (0 << 8) | 2, (1 << 8) | 1, (1 << 8) | 4, (1 << 8) | 4),
        amount: Float64Array.of(10, 5, 7, NaN, 3),
      },
    };
    const report = emptyReport();
    const counts = maskKernel(
      { masks, anchorBit: Int32Array.of(0, 1, -1), cohortOf: Int32Array.of(0, 1, -1), cohortCount: 2, width: 3 },
      needs,
      report,
    );
    // Cohort 0 = customer 0 at k 0, 2; cohort 1 = customer 1 at k 0, 1 (k 3 is beyond the width).
    expect(Array.from(counts.active)).toEqual([1, 0, 1, 1, 1, 0]);
    expect(Array.from(counts.activeOnOrAfter!)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(counts.revenue!)).toEqual([10, 0, 5, 7, 0, 0]);
    expect(report.missingAmounts).toBe(1);
  });
});
