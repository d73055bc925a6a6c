import { Option, type Command } from 'commander';
import { crrAnalysis } from '../../api/crr.js';
import { GRANULARITIES, WEEK_STARTS, type CrrSpec } from '../../api/spec-fields.js';
import type { CliIO } from '../io.js';
import { runCommand } from '../run-command.js';
import { churnCommand, churnSpecFields, type ChurnOptions } from '../churn-options.js';

interface CrrOptions extends ChurnOptions {
  period: CrrSpec['period'];
  weekStart: CrrSpec['weekStart'];
  from?: string;
  to?: string;
}

/** `kohort crr [file]`: the customer retention rate per period. */
export function crrCommand(io: CliIO): Command {
  return churnCommand(
    'crr',
    'Customer retention rate per period: (customers at the end - new) / customers at the start.',
    'customers file with signup and churn (the activity file with --inactive-after)',
  )
    .addOption(new Option('--period <granularity>', 'period length').choices(GRANULARITIES).default('month'))
    .addOption(new Option('--week-start <day>', 'first day of the week').choices(WEEK_STARTS).default('monday'))
    .option('--from <period>', 'first period: 2024-03, 2024-Q1, 2024 or a date (default: the first signup\'s period)')
    .option('--to <period>', 'last period, as --from (default: the last period that ended by --as-of)')
    .addHelpText(
      'after',
      `
For each period [s, e): customers_start CI (signed up before s, not churned before s),
new_customers CN (signed up in [s, e)), customers_end CF (signed up before e, not churned
before e), retained (of CI, still customers at e), lost = CI - retained,
crr = (CF - CN) / CI x 100, churn_rate = 100 - crr, crr_exact = retained / CI x 100
(rates in percent; null where CI = 0). Periods that had not ended by --as-of are left out.
With --inactive-after the signup is the first activity (unless --customers has one).

Examples:
  $ kohort crr customers.csv --signup signup_at --churn churned_at --period quarter
  $ kohort crr customers.csv --by plan --from 2023-01 --to 2023-12 --format json
  $ kohort crr orders.csv --inactive-after 90d`,
    )
    .action(async (file: string | undefined, o: CrrOptions) => {
      const spec: CrrSpec = { ...churnSpecFields(file, o), period: o.period, weekStart: o.weekStart, from: o.from, to: o.to };
      await runCommand(io, crrAnalysis, spec, o, {
        notes: (r) => (r.clipped ? ['note: --to is past the last period that ended by --as-of; later periods are left out'] : []),
      });
    });
}
