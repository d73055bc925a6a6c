import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { mulberry32 } from '../../seeded-random.js';

/** A seeded generator (mulberry32): the same data on every run. */
export const prng = mulberry32;

/**
 * weeklyActivity: `cohorts` weeks of signups from 2020-01-06 (a Monday), `perCohort`
 * customers each (ids "W<n>"), each active weekly until a geometric lifetime ends: an
 * activity table (customer_id, event_time) whose weekly matrix has `cohorts` cohorts.
 */
export function weeklyActivity(cohorts: number, perCohort: number, seed = 7): ColumnTable {
  const rand = prng(seed);
  const ids: string[] = [];
  const times: string[] = [];
  const start = Date.UTC(2020, 0, 6);
  const week = 7 * 86400000;
  let n = 0;
  for (let c = 0; c < cohorts; ++c) {
    for (let j = 0; j < perCohort; ++j) {
      const id = `W${++n}`;
      const signup = start + c * week + Math.floor(rand() * 6 * 86400000);
      const weeks = cohorts - c;
      for (let k = 0; k < weeks; ++k) {
        if (k > 0 && rand() < 0.06) break; // churned
        if (k > 0 && rand() < 0.35) continue; // inactive that week
        ids.push(id);
        times.push(new Date(signup + k * week).toISOString().slice(0, 19).replace('T', ' '));
      }
    }
  }
  return aq.table({ customer_id: ids, event_time: times });
}
