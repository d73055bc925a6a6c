import type { CrrCounts } from '../../../result/crr-table.js';
/** Churn period of a customer not churned by as-of (after every period). */
export const NO_CHURN = 2_147_483_647;

/** Inputs of crrKernel: per customer, typed arrays only. */
export interface CrrKernelInput {
  /** Period index of each customer's signup (anchor). */
  signupPeriod: Int32Array;
  /** Period index of each customer's churn; NO_CHURN = still a customer at as-of. */
  churnPeriod: Int32Array;
  /** Group of each customer, 0..groupCount-1; negative = not in the run. */
  group: Int32Array;
  groupCount: number;
  /** First and last period index reported (inclusive); last < first = no periods. */
  first: number;
  last: number;
}

/**
 * crrKernel: the CRR counts of every period [s, e) from first to last, in O(customers + G x P).
 * With sp and cp a customer's signup and churn periods (instants compare with period bounds
 * as their periods do), it is "at the start" of periods sp < p <= cp, "at the end" of
 * sp <= p < cp, retained in sp < p < cp, lost in p = cp > sp and new in p = sp. Only the
 * retained range needs a difference array over period indices; the rest are single cells:
 * CI = retained + lost, CF = retained + CN - (new customers lost within the period).
 * Customers whose churn period is before their signup period are skipped (callers exclude
 * and count them before).
 */
export function crrKernel(inp: CrrKernelInput): CrrCounts {
  const { signupPeriod, churnPeriod, group, groupCount: G, first, last } = inp;
  const P = Math.max(0, last - first + 1);
  const W = P + 1;
  const diff = new Int32Array(G * W);
  const newCustomers = new Int32Array(G * P);
  const lost = new Int32Array(G * P);
  const newLost = new Int32Array(G * P);
  if (P > 0) {
    for (let c = 0; c < group.length; ++c) {
      const g = group[c];
      if (g < 0) continue;
      const s = signupPeriod[c];
      const e = churnPeriod[c];
      if (e < s) continue;
      if (s >= first && s <= last) {
        ++newCustomers[g * P + s - first];
        if (e === s) ++newLost[g * P + s - first];
      }
      if (e > s && e !== NO_CHURN && e >= first && e <= last) ++lost[g * P + e - first];
      // Retained in [s + 1, e - 1], clipped to [first, last].
      const lo = s + 1 > first ? s + 1 : first;
      const hi = e === NO_CHURN ? last : e - 1 < last ? e - 1 : last;
      if (lo <= hi) {
        ++diff[g * W + lo - first];
        --diff[g * W + hi - first + 1];
      }
    }
  }
  const retained = new Int32Array(G * P);
  const start = new Int32Array(G * P);
  const end = new Int32Array(G * P);
  for (let g = 0; g < G; ++g) {
    let run = 0;
    for (let p = 0; p < P; ++p) {
      run += diff[g * W + p];
      const i = g * P + p;
      retained[i] = run;
      start[i] = run + lost[i];
      end[i] = run + newCustomers[i] - newLost[i];
    }
  }
  return { periods: P, groupCount: G, start, newCustomers, end, retained, lost, newLost };
}
