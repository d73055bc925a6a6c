import type { MatrixPlan } from '../../../plan/matrix-plan.js';
import type { LoadReport } from '../../../report/load-report.js';
import { NO_DAY } from '../../../time/local-days.js';
import { periodsOfInstants } from '../../../time/periods.js';
import type { Zone } from '../../../time/zone.js';
import type { AnchorRange } from './bit-cohorts.js';
import { lowestBits, type PeriodMasks } from './period-masks.js';

/**
 * Each customer's signup period as a bit of the masks (-1 = no anchor), and, as the
 * general path's eventOffsets counts them, the counted rows before their customer's
 * anchor period and those of customers without an anchor.
 */
export function signupBits(
  masks: PeriodMasks,
  anchor: Float64Array,
  spec: MatrixPlan['spec'],
  zone: Zone,
  customer: Int32Array,
  report: LoadReport,
): Int32Array {
  // The periods become the bits in place (one fresh array less).
  const bit = periodsOfInstants(anchor, zone, spec.period, spec.weekStart);
  for (let c = 0; c < bit.length; ++c) bit[c] = bit[c] === NO_DAY ? -1 : bit[c] - masks.base;
  // Only customers with a bit below their anchor (or bits and no anchor) have such rows:
  // usually none, and then no pass over the rows is needed.
  const low = lowestBits(masks);
  const some = new Uint8Array(bit.length);
  let any = false;
  for (let c = 0; c < bit.length; ++c) {
    if (low[c] >= 0 && (bit[c] < 0 || low[c] < bit[c])) {
      some[c] = 1;
      any = true;
    }
  }
  let before = 0;
  let orphan = 0;
  const { noBit } = masks;
  for (let i = 0; any && i < customer.length; ++i) {
    const c = customer[i];
    if (c < 0 || !some[c]) continue;
    const b = masks.bitOfRow(i);
    if (b === noBit) continue;
    const a = bit[c];
    if (a < 0) ++orphan;
    else if (b < a) ++before;
  }
  report.excluded.beforeAnchor += before;
  report.excluded.customerLeftOut += orphan;
  return bit;
}

/** Per cohort, the smallest and largest anchor period, from the anchor bits (-1 = none). */
export function bitRange(anchorBit: Int32Array, base: number, of: Int32Array, count: number): AnchorRange {
  const lo = new Float64Array(count).fill(Infinity);
  const hi = new Float64Array(count).fill(-Infinity);
  for (let c = 0; c < of.length; ++c) {
    const h = of[c];
    if (h < 0 || anchorBit[c] < 0) continue;
    const p = base + anchorBit[c];
    if (p < lo[h]) lo[h] = p;
    if (p > hi[h]) hi[h] = p;
  }
  return { lo, hi };
}
