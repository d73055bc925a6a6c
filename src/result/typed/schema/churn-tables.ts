import type { OutputTableSchema } from './output-types.js';
import { GROUP_KEYS, SURVIVAL_POINT } from './shared-columns.js';

/** The churn tables: customer retention rate and Kaplan-Meier survival. */
export const CHURN_TABLES: readonly OutputTableSchema[] = [
  {
    kind: 'crr',
    command: 'crr',
    table: 'crr',
    description:
      'The customer retention rate per period (METRICS.md section 5): one row per group and period, group after group, periods ascending. Rates are in percent.',
    columns: [
      GROUP_KEYS,
      { name: 'period', type: 'string', nullable: false, description: 'Label of the period [s, e): YYYY-MM, YYYY-Qn, YYYY, or the first day (day, week).' },
      { name: 'customers_start', type: 'int32', nullable: false, description: 'CI: customers at s (signed up before s, not churned before s).' },
      { name: 'new_customers', type: 'int32', nullable: false, description: 'CN: signed up in [s, e).' },
      { name: 'customers_end', type: 'int32', nullable: false, description: 'CF: customers at e.' },
      { name: 'retained', type: 'int32', nullable: false, description: 'Of CI, still customers at e.' },
      { name: 'lost', type: 'int32', nullable: false, description: 'CI - retained.' },
      { name: 'crr', type: 'float64', nullable: true, description: '(CF - CN) / CI x 100; null where CI = 0.' },
      { name: 'churn_rate', type: 'float64', nullable: true, description: '100 - crr; null where CI = 0.' },
      { name: 'crr_exact', type: 'float64', nullable: true, description: 'retained / CI x 100; null where CI = 0.' },
      { name: 'period_start', type: 'date32', nullable: false, description: 'First day of the period, in the run\'s time zone.' },
    ],
  },
  {
    kind: 'survival-curve',
    command: 'survival',
    table: 'curve',
    description: 'Kaplan-Meier curves: one row per group and distinct time (with events or censored), group after group, time ascending.',
    columns: [
      GROUP_KEYS,
      { name: 'time', type: 'float64', nullable: false, description: 'Lifetime in `unit` (days, weeks, months; or the unit of `duration`).' },
      SURVIVAL_POINT[0],
      { name: 'events', type: 'int32', nullable: false, description: 'Churn events at `time`.' },
      { name: 'censored', type: 'int32', nullable: false, description: 'Customers censored at `time` (still customers at as-of).' },
      ...SURVIVAL_POINT.slice(1),
    ],
  },
  {
    kind: 'survival-at',
    command: 'survival',
    table: 'at',
    description: 'S(t) at the chosen times (`at`): one row per group and time.',
    columns: [
      GROUP_KEYS,
      { name: 'n', type: 'int32', nullable: false, description: 'Customers in the group.' },
      { name: 'time', type: 'float64', nullable: false, description: 'The chosen time, in `unit`.' },
      SURVIVAL_POINT[0],
      { name: 'cumulative_events', type: 'int32', nullable: false, description: 'Churn events at or before `time` (a curve row\'s `events` are those at its time).' },
      ...SURVIVAL_POINT.slice(1),
      { name: 'beyond_data', type: 'bool', nullable: false, description: 'Whether `time` is past the group\'s last observed time: S is carried forward there, not observed.' },
    ],
  },
  {
    kind: 'survival-summary',
    command: 'survival',
    table: 'summary',
    description: 'One row per group: its size, events and median lifetime with its interval.',
    columns: [
      GROUP_KEYS,
      { name: 'n', type: 'int32', nullable: false, description: 'Customers in the group.' },
      { name: 'events', type: 'int32', nullable: false, description: 'Churn events by as-of.' },
      { name: 'median', type: 'float64', nullable: true, description: 'Median lifetime in `unit`; null where S never falls to 0.5.' },
      { name: 'median_lower', type: 'float64', nullable: true, description: 'Lower bound of the median\'s interval; null where not reached.' },
      { name: 'median_upper', type: 'float64', nullable: true, description: 'Upper bound of the median\'s interval; null where not reached.' },
    ],
  },
];
