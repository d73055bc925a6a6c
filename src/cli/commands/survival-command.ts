import { Option, type Command } from 'commander';
import { CONF_TYPES, DURATION_UNITS, LOG_RANK_TESTS, type SurvivalSpec } from '../../api/spec-fields.js';
import { survivalAnalysis } from '../../api/survival.js';
import type { CliIO } from '../io.js';
import { numberArg, numberList } from '../options.js';
import { runCommand } from '../run-command.js';
import { churnCommand, churnSpecFields, type ChurnOptions } from './churn-options.js';

interface SurvivalOptions extends ChurnOptions {
  duration?: string;
  event?: string;
  unit: SurvivalSpec['unit'];
  ci: SurvivalSpec['ci'];
  confLevel?: number;
  at?: number[];
  test?: SurvivalSpec['test'];
  rho?: number;
  q?: number;
  curve: boolean;
}

/** `kohort survival [file]`: Kaplan-Meier curves per group and the log-rank test. */
export function survivalCommand(io: CliIO): Command {
  return churnCommand(
    'survival',
    'Kaplan-Meier survival curves per group, median lifetimes, and a log-rank test across the groups.',
    'customers file (the activity file with --inactive-after)',
  )
    .option('--duration <column>', 'durations given directly (no dates): a column of lifetimes')
    .option('--event <column>', 'with --duration: a 0/1, yes/no column, or "<column>=<value>" (e.g. "Churn=Yes")')
    .addOption(new Option('--unit <unit>', 'unit of durations from dates (days; weeks = days/7; months = days/(365.25/12))').choices(DURATION_UNITS).default('days'))
    .addOption(new Option('--ci <type>', 'pointwise interval of S(t)').choices(CONF_TYPES).default('log-log'))
    .option('--conf-level <level>', 'confidence level of the intervals (default 0.95)', numberArg('--conf-level'))
    .option('--at <times>', 'comma list of times to report S(t) at (default: 30,90,180,365 days; 4,13,26,52 weeks; 1,3,6,12 months)', numberList('--at'))
    .addOption(new Option('--test <test>', 'test across the groups (default log-rank)').choices(LOG_RANK_TESTS))
    .option('--rho <rho>', 'Fleming-Harrington exponent of S(t-) (alone: selects fleming-harrington)', numberArg('--rho'))
    .option('--q <q>', 'Fleming-Harrington exponent of 1 - S(t-)', numberArg('--q'))
    .option('--no-curve', 'leave the curve out: json without "curve", csv/arrow give S at --at per group')
    .addHelpText(
      'after',
      `
Churn comes from a churn time column (--churn; empty = still a customer), from inactivity
(--inactive-after 90d: churned at last activity + 90 days when that is at or before --as-of),
or from durations given directly (--duration with --event; --unit then only labels them).
A customer not churned by --as-of is censored there. Churn before signup is left out and counted.
Formats: table; csv, parquet, arrow, arrow-stream (every curve row: group columns, time, n_risk, events, censored,
survival, std_err, lower, upper; with --no-curve S at --at per group); json (per group n,
events, median, S at --at, the curve at every event time; the test; the report).

Examples:
  $ kohort survival customers.csv --id customer_id --signup signup_at --churn churned_at --by channel
  $ kohort survival orders.csv --inactive-after 90d --unit weeks --at 4,13,26
  $ kohort survival Telco-Customer-Churn.csv --duration tenure --event "Churn=Yes" --by Contract --unit months`,
    )
    .action(async (file: string | undefined, o: SurvivalOptions) => {
      const spec: SurvivalSpec = {
        ...churnSpecFields(file, o),
        duration: o.duration,
        event: o.event,
        unit: o.unit,
        ci: o.ci,
        confLevel: o.confLevel,
        at: o.at,
        test: o.test,
        rho: o.rho,
        q: o.q,
      };
      await runCommand(io, survivalAnalysis, spec, o, { write: { curve: o.curve } });
    });
}
