import type { Command } from 'commander';
import { outcomeSqlText, type OutcomeSqlSpec, type OutcomeSqlTextOptions } from '../api/engines.js';
import { fail } from '../errors.js';
import type { Granularity } from '../api/spec-fields.js';

/** The analyses of `kohort sql` over churned vs retained customers and feedback scores. */
export const OUTCOME_SQL_ANALYSES = ['reasons', 'value', 'feedback'] as const;
export type OutcomeSqlAnalysis = (typeof OUTCOME_SQL_ANALYSES)[number];

/** The flags `kohort sql --analysis reasons|value|feedback` reads (besides the shared ones). */
export interface OutcomeSqlFlags {
  reason?: string;
  value?: string;
  amount?: string;
  event?: string;
  nps?: string;
  csat?: string;
  ces?: string;
  csatScale?: string;
  cesScale?: string;
  by?: string;
  cohort?: string;
  inactiveAfter?: string;
  id?: string;
  time?: string;
  signup?: string;
  churn?: string;
  tz: string;
  asOf?: string;
  where: string[];
}

/** Add the flags only these analyses read. */
export function addOutcomeSqlOptions(cmd: Command): Command {
  return cmd
    .option('--reason <columns>', 'reasons: the reason column, or "<category>,<reason>"')
    .option('--value <column>', 'value: a value per customer on the customers table')
    .option('--nps <column>', 'feedback: NPS column (0-10); also makes --by nps_class possible')
    .option('--csat <column>', 'feedback: CSAT column')
    .option('--ces <column>', 'feedback: CES column')
    .option('--csat-scale <low-high>', 'feedback: CSAT scale', '1-5')
    .option('--ces-scale <low-high>', 'feedback: CES scale', '1-7');
}

/**
 * The SQL of `kohort reasons | value | feedback` for a warehouse: the spec of the flags
 * given (a granularity in --cohort, when given, splits by the signup period).
 */
export function outcomeSql(analysis: OutcomeSqlAnalysis, o: OutcomeSqlFlags, t: OutcomeSqlTextOptions, cohortGiven: boolean): string {
  if (!t.customersTable && !t.table) fail('noInput', {});
  const by = o.by?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const where = o.where;
  if (analysis === 'feedback') {
    const spec = { columns: { id: o.id }, by, nps: o.nps, csat: o.csat, ces: o.ces, csatScale: o.csatScale, cesScale: o.cesScale, where, tz: o.tz };
    return outcomeSqlText({ analysis, spec }, { ...t, customersTable: t.customersTable ?? t.table, table: undefined });
  }
  const cohort = cohortGiven ? o.cohort?.trim().toLowerCase() : undefined;
  const base = {
    columns: { id: o.id, time: o.time, signup: o.signup, churn: o.churn },
    // A cohort that is not a granularity fails in the spec's own check (normalizeOutcome).
    by, event: o.event, inactiveAfter: o.inactiveAfter, cohort: cohort as Granularity | undefined, nps: o.nps, tz: o.tz, asOf: o.asOf, where,
  };
  const a: OutcomeSqlSpec = analysis === 'reasons' ? { analysis, spec: { ...base, reason: o.reason ?? '' } } : { analysis, spec: { ...base, value: o.value, amount: o.amount } };
  return outcomeSqlText(a, t);
}
