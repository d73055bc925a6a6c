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
  /** Rolling completeness: members of c whose own offset-k period has ended (the denominator). */
  eligible?: Int32Array;
  /** Rolling revenue modes: per customer, its counted revenue at offset 0 and in all (see rollingCounts). */
  customerRevenue0?: Float64Array;
  customerRevenue?: Float64Array;
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
  /**
   * Rolling completeness: each customer's last complete offset (-1 = none). Events at a
   * later offset are not counted, so a cell counts only members eligible for it.
   */
  limit?: Int32Array;
}

/**
 * matrixKernel: one pass (two for gross revenue) over the events' typed arrays into
 * flat per-cell counts. No per-row objects: distinct customers per cell come from a
 * per-customer bitmask when there are at most 32 offsets, else from a counting sort of
 * the events by customer.
 */
export function matrixKernel(inp: KernelInput, needs: MeasureNeeds): CellCounts {
  const { customer, cohortOf, cohortCount, width, limit } = inp;
  const cells = cohortCount * width;
  const out: CellCounts = { width, active: new Int32Array(cells) };
  const n = customer.length;
  // Rolling: an event past its customer's last complete offset counts nowhere (offset -1),
  // except for "on or after", which reads the customer's last offset and caps it below.
  const offset = limit ? withinLimit(inp.offset, customer, limit) : inp.offset;

  if (needs.revenue && inp.amount) {
    const revenue = new Float64Array(cells);
    const amount = inp.amount;
    const rev0 = limit ? new Float64Array(cohortOf.length) : undefined;
    const total = limit ? new Float64Array(cohortOf.length) : undefined;
    for (let i = 0; i < n; ++i) {
      const k = offset[i];
      const a = amount[i];
      if (k < 0 || k >= width || a !== a) continue;
      const cu = customer[i];
      const c = cohortOf[cu];
      if (c < 0) continue;
      revenue[c * width + k] += a;
      if (total) {
        total[cu] += a;
        if (k === 0) rev0![cu] += a;
      }
    }
    out.revenue = revenue;
    if (total) {
      out.customerRevenue = total;
      out.customerRevenue0 = rev0;
    }
  }

  if (needs.lastOffset) {
    const last = new Int32Array(cohortOf.length).fill(-1);
    const raw = inp.offset;
    for (let i = 0; i < n; ++i) {
      const k = raw[i];
      const c = customer[i];
      if (k > last[c]) last[c] = k;
    }
    if (limit) capBy(last, limit);
    out.activeOnOrAfter = countThrough(last, cohortOf, cohortCount, width);
  }
  const kin: KernelInput = limit ? { ...inp, offset } : inp;

  if (width <= 32 && !needs.grossRevenue) {
    activeByBitmask(kin, out.active);
  } else {
    activeBySort(kin, out, needs.grossRevenue);
  }
  return out;
}

/** Offsets with those past the customer's limit set to -1 (a copy). */
function withinLimit(offset: Int32Array, customer: Int32Array, limit: Int32Array): Int32Array {
  const out = new Int32Array(offset.length);
  for (let i = 0; i < offset.length; ++i) {
    const k = offset[i];
    out[i] = k > limit[customer[i]] ? -1 : k;
  }
  return out;
}

/** values[c] = min(values[c], limit[c]), in place. */
export function capBy(values: Int32Array, limit: Int32Array): Int32Array {
  for (let c = 0; c < values.length; ++c) if (limit[c] < values[c]) values[c] = limit[c];
  return values;
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
