import type { MeasureNeeds } from '../../plan/plan.js';
import type { LoadReport } from '../../report/load-report.js';
import { numericColumn, type AnyColumn } from './column-keys.js';
import { countThrough, type CellCounts } from './matrix-kernel.js';
import { NO_BIT, type PeriodMasks } from './period-masks.js';

export interface MaskKernelInput {
  masks: PeriodMasks;
  /** Each customer's anchor bit (lowestBits), -1 = none. */
  anchorBit: Int32Array;
  /** Cohort of each customer (-1 = none). */
  cohortOf: Int32Array;
  cohortCount: number;
  width: number;
  /** For revenue: the customer of each activity row and the amount factors (multiplied). */
  customer?: Int32Array;
  amountFactors?: AnyColumn[];
}

/**
 * maskKernel: the cell counts of a first-activity calendar matrix from period masks.
 * Distinct customers per cell are the set bits, shifted by each customer's anchor bit;
 * the last offset is the highest bit; revenue takes one pass over the rows' bits.
 * Same results as matrixKernel over compacted events (tested against it).
 */
export function maskKernel(inp: MaskKernelInput, needs: MeasureNeeds, report: LoadReport): CellCounts {
  const { masks, anchorBit, cohortOf, cohortCount, width } = inp;
  const { bits, words } = masks;
  const customers = anchorBit.length;
  const active = new Int32Array(cohortCount * width);
  const last = needs.lastOffset ? new Int32Array(customers).fill(-1) : undefined;
  for (let c = 0; c < customers; ++c) {
    const h = cohortOf[c];
    const a = anchorBit[c];
    if (h < 0 || a < 0) continue;
    const row = h * width - a;
    const limit = a + width;
    for (let w = 0; w < words; ++w) {
      let m = bits[c * words + w];
      const wordBase = w * 32;
      while (m !== 0) {
        const low = m & -m;
        const b = wordBase + 31 - Math.clz32(low);
        if (b < limit) active[row + b]++;
        if (last) last[c] = b - a;
        m ^= low;
      }
    }
  }
  const out: CellCounts = { width, active };
  if (last) out.activeOnOrAfter = countThrough(last, cohortOf, cohortCount, width);
  if (needs.revenue && inp.amountFactors && inp.customer) {
    out.revenue = maskRevenue(inp, masks.rowBit, report);
  }
  return out;
}

/** Sum of amounts per cell over the rows that count; missing amounts are counted and skipped. */
function maskRevenue(inp: MaskKernelInput, rowBit: Uint8Array, report: LoadReport): Float64Array {
  const { anchorBit, cohortOf, cohortCount, width } = inp;
  const customer = inp.customer!;
  const factors = inp.amountFactors!.map(numericColumn);
  const f0 = factors[0];
  const f1 = factors.length > 1 ? factors[1] : undefined;
  const revenue = new Float64Array(cohortCount * width);
  let missing = 0;
  for (let i = 0; i < rowBit.length; ++i) {
    const b = rowBit[i];
    if (b === NO_BIT) continue;
    let x = f0[i];
    if (f1) x *= f1[i];
    if (x !== x) {
      ++missing;
      continue;
    }
    const c = customer[i];
    const h = cohortOf[c];
    const k = b - anchorBit[c];
    if (h >= 0 && k < width) revenue[h * width + k] += x;
  }
  report.missingAmounts += missing;
  return revenue;
}
