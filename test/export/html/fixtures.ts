import * as aq from 'arquero';
import { crrFromTables } from '../../../src/api/crr.js';
import { retention } from '../../../src/api/matrix.js';
import type { MatrixResult } from '../../../src/result/matrix-result.js';
import type { CrrResult } from '../../../src/result/crr-table.js';
import type { SurvivalResult } from '../../../src/result/survival-result.js';
import { survivalFromTables } from '../../../src/api/survival.js';

/**
 * A small customers + activity pair: 12 customers over 4 monthly cohorts (Jan-Apr 2024),
 * two channels (one named with markup, to prove it is escaped), churn times for some.
 */
export const customers = aq.table({
  customer_id: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11', 'c12'],
  signup_at: [
    '2024-01-03', '2024-01-10', '2024-01-20', '2024-02-02', '2024-02-14', '2024-02-20',
    '2024-03-01', '2024-03-09', '2024-03-30', '2024-04-04', '2024-04-11', '2024-04-25',
  ],
  channel: ['organic', 'organic', '<b>paid</b>', '<b>paid</b>', 'organic', '<b>paid</b>', 'organic', '<b>paid</b>', 'organic', 'organic', '<b>paid</b>', 'organic'],
  churned_at: ['2024-03-15', null, '2024-02-10', null, '2024-04-01', null, null, '2024-04-20', null, null, '2024-05-02', null],
});

const months: Record<string, number[]> = {
  c1: [0, 1], c2: [0, 1, 2, 3, 4], c3: [0], c4: [0, 1, 2, 3], c5: [0, 1], c6: [0, 2],
  c7: [0, 1, 2], c8: [0, 1], c9: [0, 1, 2], c10: [0, 1], c11: [0], c12: [0],
};

/** One activity row per listed month after each customer's signup (same day of month). */
export const activity = (() => {
  const ids: string[] = [];
  const times: string[] = [];
  const signups = customers.array('signup_at') as string[];
  (customers.array('customer_id') as string[]).forEach((id, i) => {
    const [y, m, d] = signups[i].split('-').map(Number);
    for (const k of months[id]) {
      ids.push(id);
      times.push(new Date(Date.UTC(y, m - 1 + k, Math.min(d, 28), 12)).toISOString());
    }
  });
  return aq.table({ customer_id: ids, event_time: times, amount: ids.map((_, i) => 10 + ((i * 7) % 13)) });
})();

const AS_OF = '2024-06-01';

/** The fixture's monthly matrix in a mode (incomplete cells shown with partial). */
export function fixtureMatrix(mode: 'classic' | 'unbounded' = 'classic', partial = false): MatrixResult {
  // With partial, as of mid-May: May's cells are shown, flagged incomplete.
  return retention({ activity, customers }, { mode, asOf: partial ? '2024-05-20' : AS_OF, partial, columns: { signup: 'signup_at' } });
}

/** The fixture's matrix by channel (cohorts month x channel). */
export function fixtureByChannel(): MatrixResult {
  return retention({ activity, customers }, { asOf: AS_OF, cohort: ['month', 'channel'], columns: { signup: 'signup_at' } });
}

/** Kaplan-Meier by channel on the fixture. */
export function fixtureSurvival(): SurvivalResult {
  return survivalFromTables(customers, { by: ['channel'], asOf: AS_OF, unit: 'days', at: [30, 60] });
}

/** CRR per month on the fixture. */
export function fixtureCrr(): CrrResult {
  return crrFromTables(customers, { asOf: AS_OF });
}
