import type { MeasureNeeds } from '../../../plan/matrix-plan.js';
import type { LoadReport } from '../../../report/load-report.js';
import { capBy, countThrough, type CellCounts } from './matrix-kernel.js';
import { PART_SHIFT, type PeriodMasks } from './period-masks.js';

export interface MaskKernelInput {
  masks: PeriodMasks;
  /** Each customer's anchor bit (lowestBits), -1 = none. */
  anchorBit: Int32Array;
  /** Cohort of each customer (-1 = none). */
  cohortOf: Int32Array;
  cohortCount: number;
  width: number;
  /** Rolling completeness: each customer's last complete offset (-1 = none); later bits do not count. */
  limit?: Int32Array;
}

/**
 * maskKernel: the cell counts of a calendar matrix from period masks (anchors at the
 * first active period, or at a signup period: bits below it count nowhere).
 * Distinct customers per cell are the set bits, shifted by each customer's anchor bit;
 * the last offset is the highest bit; revenue is summed over the rows grouped by
 * customer partition (periodMasks with amountFactors).
 * Same results as matrixKernel over compacted events (tested against it).
 */
export function maskKernel(inp: MaskKernelInput, needs: MeasureNeeds, report: LoadReport): CellCounts {
  const { masks, anchorBit, cohortOf, cohortCount, width, limit } = inp;
  const { bits, words } = masks;
  const customers = anchorBit.length;
  const active = new Int32Array(cohortCount * width);
  const last = needs.lastOffset ? new Int32Array(customers).fill(-1) : undefined;
  for (let c = 0; c < customers; ++c) {
    const h = cohortOf[c];
    const a = anchorBit[c];
    if (h < 0 || a < 0) continue;
    const row = h * width - a;
    const end = a + (limit ? Math.min(width, limit[c] + 1) : width);
    // Bits below the anchor (activity before a signup anchor) count nowhere.
    let top = -1;
    for (let w = a >> 5; w < words; ++w) {
      let m = bits[c * words + w];
      const wordBase = w * 32;
      while (m !== 0) {
        const low = m & -m;
        const b = wordBase + 31 - Math.clz32(low);
        if (b >= a) {
          top = b;
          if (b < end) active[row + b]++;
        }
        m ^= low;
      }
    }
    if (last) last[c] = top < 0 ? -1 : top - a;
  }
  const out: CellCounts = { width, active };
  if (last) out.activeOnOrAfter = countThrough(limit ? capBy(last, limit) : last, cohortOf, cohortCount, width);
  if (needs.revenue && masks.grouped) maskRevenue(inp, masks.grouped, report, out);
  return out;
}

/**
 * Sum of amounts per cell over the counted rows, partition by partition of customers
 * (so the per-customer lookups stay in cache); missing amounts are counted and skipped.
 */
function maskRevenue(inp: MaskKernelInput, grouped: NonNullable<PeriodMasks['grouped']>, report: LoadReport, out: CellCounts): void {
  const { anchorBit, cohortOf, cohortCount, width, limit } = inp;
  const { partStart, packed, amount } = grouped;
  const { bitShift } = inp.masks;
  const bitMask = (1 << bitShift) - 1;
  const revenue = new Float64Array(cohortCount * width);
  const rev0 = limit ? new Float64Array(anchorBit.length) : undefined;
  const total = limit ? new Float64Array(anchorBit.length) : undefined;
  let missing = 0;
  for (let p = 0; p + 1 < partStart.length; ++p) {
    const first = p << PART_SHIFT;
    for (let j = partStart[p]; j < partStart[p + 1]; ++j) {
      const x = amount[j];
      if (x !== x) {
        ++missing;
        continue;
      }
      const v = packed[j];
      const c = first + (v >> bitShift);
      const h = cohortOf[c];
      const k = (v & bitMask) - anchorBit[c];
      if (h < 0 || k < 0 || k >= width) continue;
      if (total) {
        if (k > limit![c]) continue;
        total[c] += x;
        if (k === 0) rev0![c] += x;
      }
      revenue[h * width + k] += x;
    }
  }
  report.missingAmounts += missing;
  out.revenue = revenue;
  if (total) {
    out.customerRevenue = total;
    out.customerRevenue0 = rev0;
  }
}
