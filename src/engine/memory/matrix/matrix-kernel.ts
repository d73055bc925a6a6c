import type { MeasureNeeds } from '../../../plan/matrix-plan.js';

/** Per-cell sums of a matrix, flat row-major: cell (c, k) is at c * width + k. */
export interface CellCounts {
  width: number;
  /** Distinct customers with activity at offset k. */
  active: Int32Array;
  /** Distinct customers with activity at any offset >= k (unbounded). */
  activeOnOrAfter?: Int32Array;
  /** Sum of amounts at offset k (missing amounts skipped). */
  revenue?: Float64Array;
  /** Sum over customers of min(their revenue at k, their revenue at 0). */
  grossRevenue?: Float64Array;
  /** Customers not churned by the end of offset k (survival). */
  survivors?: Int32Array;
}

export interface KernelInput {
  /** Customer of each event. */
  customer: Int32Array;
  /** Offset of each event; < 0 = does not count. Offsets >= width count only for "on or after". */
  offset: Int32Array;
  amount?: Float64Array;
  /** Cohort of each customer (-1 = none). */
  cohortOf: Int32Array;
  cohortCount: number;
  /** Offsets 0..width-1 are computed. */
  width: number;
}

/**
 * matrixKernel: one pass (two for gross revenue) over the events' typed arrays into
 * flat per-cell counts. No per-row objects: distinct customers per cell come from a
 * per-customer bitmask when there are at most 32 offsets, else from a counting sort of
 * the events by customer.
 */
export function matrixKernel(inp: KernelInput, needs: MeasureNeeds): CellCounts {
  const { customer, offset, cohortOf, cohortCount, width } = inp;
  const cells = cohortCount * width;
  const out: CellCounts = { width, active: new Int32Array(cells) };
  const n = customer.length;

  if (needs.revenue && inp.amount) {
    const revenue = new Float64Array(cells);
    const amount = inp.amount;
    for (let i = 0; i < n; ++i) {
      const k = offset[i];
      const a = amount[i];
      if (k < 0 || k >= width || a !== a) continue;
      const c = cohortOf[customer[i]];
      if (c >= 0) revenue[c * width + k] += a;
    }
    out.revenue = revenue;
  }

  if (needs.lastOffset) {
    const last = new Int32Array(cohortOf.length).fill(-1);
    for (let i = 0; i < n; ++i) {
      const k = offset[i];
      const c = customer[i];
      if (k > last[c]) last[c] = k;
    }
    out.activeOnOrAfter = countThrough(last, cohortOf, cohortCount, width);
  }

  if (width <= 32 && !needs.grossRevenue) {
    activeByBitmask(inp, out.active);
  } else {
    activeBySort(inp, out, needs.grossRevenue);
  }
  return out;
}

/**
 * countThrough: per cell (c, k), the customers of c whose `last[customer]` >= k
 * (a customer counts at every offset up to its last; -1 = at none). One pass over
 * customers into a difference array, then suffix sums per cohort.
 */
export function countThrough(last: Int32Array, cohortOf: Int32Array, cohortCount: number, width: number): Int32Array {
  const counts = new Int32Array(cohortCount * width);
  for (let c = 0; c < last.length; ++c) {
    const h = cohortOf[c];
    if (h < 0 || last[c] < 0) continue;
    counts[h * width + Math.min(last[c], width - 1)]++;
  }
  for (let h = 0; h < cohortCount; ++h) {
    for (let k = width - 2; k >= 0; --k) counts[h * width + k] += counts[h * width + k + 1];
  }
  return counts;
}

function activeByBitmask(inp: KernelInput, active: Int32Array): void {
  const { customer, offset, cohortOf, width } = inp;
  const mask = new Uint32Array(cohortOf.length);
  for (let i = 0; i < customer.length; ++i) {
    const k = offset[i];
    if (k >= 0 && k < width) mask[customer[i]] |= 1 << k;
  }
  for (let c = 0; c < mask.length; ++c) {
    let m = mask[c];
    const h = cohortOf[c];
    if (m === 0 || h < 0) continue;
    const row = h * width;
    while (m !== 0) {
      const low = m & -m;
      active[row + 31 - Math.clz32(low)]++;
      m ^= low;
    }
  }
}

function activeBySort(inp: KernelInput, out: CellCounts, gross: boolean): void {
  const { customer, offset, cohortOf, width, amount } = inp;
  const customers = cohortOf.length;
  const n = customer.length;
  const start = new Int32Array(customers + 1);
  for (let i = 0; i < n; ++i) {
    const k = offset[i];
    if (k >= 0 && k < width) start[customer[i] + 1]++;
  }
  for (let c = 0; c < customers; ++c) start[c + 1] += start[c];
  const fill = start.slice(0, customers);
  const ks = new Int32Array(start[customers]);
  const as = gross && amount ? new Float64Array(start[customers]) : undefined;
  for (let i = 0; i < n; ++i) {
    const k = offset[i];
    if (k < 0 || k >= width) continue;
    const at = fill[customer[i]]++;
    ks[at] = k;
    if (as) as[at] = amount![i];
  }

  const active = out.active;
  const stamp = new Int32Array(width).fill(-1);
  const perK = as ? new Float64Array(width) : undefined;
  const grossRevenue = as ? new Float64Array(active.length) : undefined;
  for (let c = 0; c < customers; ++c) {
    const h = cohortOf[c];
    if (h < 0) continue;
    const row = h * width;
    for (let j = start[c]; j < start[c + 1]; ++j) {
      const k = ks[j];
      if (stamp[k] !== c) {
        stamp[k] = c;
        active[row + k]++;
        if (perK) perK[k] = 0;
      }
      if (perK) {
        const a = as![j];
        if (a === a) perK[k] += a;
      }
    }
    if (perK && grossRevenue) {
      const base = stamp[0] === c ? perK[0] : 0;
      for (let j = start[c]; j < start[c + 1]; ++j) {
        const k = ks[j];
        // Each offset once per customer: the stamp flips to -c-2 after use.
        if (stamp[k] !== c) continue;
        stamp[k] = -c - 2;
        grossRevenue[row + k] += Math.min(perK[k], base);
      }
    }
  }
  if (grossRevenue) out.grossRevenue = grossRevenue;
}
