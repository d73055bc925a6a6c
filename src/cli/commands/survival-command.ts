import { Option, type Command } from 'commander';
import { CONF_TYPES, DURATION_UNITS, LOG_RANK_TESTS, type SurvivalSpec } from '../../api/spec-fields.js';
import { survivalAnalysis } from '../../api/survival.js';
import type { CliIO } from '../io.js';
import { numberArg, numberList } from '../options.js';
import { runCommand } from '../run-command.js';
import { churnCommand, churnSpecFields, type ChurnOptions } from '../churn-options.js';

interface SurvivalOptions extends ChurnOptions {
  duration?: string;
  event?: string;
  unit?: SurvivalSpec['unit'];
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
    .addOption(new Option('--unit <unit>', 'unit of durations from dates (default days; weeks = days/7; months = days/(365.25/12)); with --duration it only names the column\'s unit').choices(DURATION_UNITS))
    .addOption(new Option('--ci <type>', 'pointwise interval of S(t)').choices(CONF_TYPES).default('log-log'))
    .option('--conf-level <level>', 'confidence level of the intervals (default 0.95)', numberArg('--conf-level'))
    .option('--at <times>', 'comma list of times to report S(t) at (default: 30,90,180,365 days; 4,13,26,52 weeks; 1,3,6,12 months; with --duration round numbers inside the durations\' range)', numberList('--at'))
    .addOption(new Option('--test <test>', 'test across the groups (default log-rank)').choices(LOG_RANK_TESTS))
    .option('--rho <rho>', 'Fleming-Harrington exponent of S(t-) (default 0; alone: selects fleming-harrington)', numberArg('--rho'))
    .option('--q <q>', 'Fleming-Harrington exponent of 1 - S(t-) (default 0; alone: selects fleming-harrington)', numberArg('--q'))
    .option('--no-curve', 'leave the curve out: json without "curve", csv/arrow give S at the --at times per group (as --at does)')
    .addHelpText(
      'after',
      `
Churn comes from a churn time column (--churn; empty = still a customer), from inactivity
(--inactive-after 90d: churned at last activity + 90 days when that is at or before --as-of),
or from durations given directly (--duration with --event: times are in the column's own unit,
"tenure units", unless --unit names it; S is reported at round times inside their range).
A customer not churned by --as-of is censored there. Churn before signup is left out and counted.
Formats: table; csv, tsv, parquet, arrow, arrow-stream: every curve row (group columns, time, n_risk, events at
that time, censored, survival, std_err, lower, upper), or with --at or --no-curve S at the
--at times per group (n, time, n_risk, cumulative_events, survival, std_err, lower, upper,
beyond_data: the time is past the group's last observation, S only carried forward);
json (per group n, events, median, S at --at, the curve at every event time; the test; the
report). --out r.json / r.arrow / r.parquet / r.tsv picks the format.

Examples:
  $ kohort survival customers.csv --id customer_id --signup signup_at --churn churned_at --by channel
  $ kohort survival orders.csv --inactive-after 90d --unit weeks --at 4,13,26
  $ kohort survival Telco-Customer-Churn.csv --duration tenure --event "Churn=Yes" --by Contract --unit months --at 12,24,48`,
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
      // An --at on the command line asks for S at those times: that is what a table file gets.
      await runCommand(io, survivalAnalysis, spec, o, { write: { curve: o.curve, atTable: !o.curve || o.at !== undefined } });
    });
}
