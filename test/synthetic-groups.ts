import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { mulberry32 } from './seeded-random.js';

/** A seeded generator (mulberry32): the same data on every run. */
export const rng = mulberry32;

/** Options of the synthetic groups: customers per group and the monthly churn hazard of each. */
export interface SyntheticOptions {
  seed: number;
  /** Group -> [customers, monthly hazard]. */
  groups: Record<string, [number, number]>;
  /** Signup months from 2023-01 on. Default 24. */
  months?: number;
}

/** As-of of the synthetic data: every signup month ends before it. */
export const SYNTHETIC_AS_OF = '2025-01-01';

/**
 * syntheticGroups: customers signing up on a random day of a random month of 2023-2024,
 * active in their signup month, then each month survive with probability 1 - h (their
 * group's hazard) and are active once in that month; the first month they do not survive
 * they churn (no activity from then on). So the true share active at offset k is
 * (1 - h)^k, and referral minus organic at k is (1 - h_r)^k - (1 - h_o)^k.
 */
export function syntheticGroups(o: SyntheticOptions): { activity: ColumnTable; customers: ColumnTable } {
  const rand = rng(o.seed);
  const months = o.months ?? 24;
  const ids: string[] = [];
  const channel: string[] = [];
  const signup: string[] = [];
  const evId: string[] = [];
  const evTime: string[] = [];
  const last = Date.UTC(2025, 0, 1);
  let n = 0;
  for (const [group, [count, hazard]] of Object.entries(o.groups)) {
    for (let i = 0; i < count; ++i) {
      const id = `${group.slice(0, 1).toUpperCase()}-${String(++n).padStart(6, '0')}`;
      const m = Math.floor(rand() * months);
      const day = 1 + Math.floor(rand() * 28);
      const t0 = Date.UTC(2023, m, day, Math.floor(rand() * 24));
      ids.push(id);
      channel.push(group);
      signup.push(new Date(t0).toISOString());
      evId.push(id);
      evTime.push(new Date(t0).toISOString());
      for (let k = 1; ; ++k) {
        const t = Date.UTC(2023, m + k, 1 + Math.floor(rand() * 28), Math.floor(rand() * 24));
        if (t >= last) break;
        if (rand() < hazard) break;
        evId.push(id);
        evTime.push(new Date(t).toISOString());
      }
    }
  }
  return {
    activity: aq.table({ customer_id: evId, event_time: evTime }),
    customers: aq.table({ customer_id: ids, signup_at: signup, channel }),
  };
}
