import { Command, Option } from 'commander';
import { executeCrr } from '../../engine/memory/churn/execute-crr.js';
import { inputSchema } from '../../engine/memory/prepare/input-tables.js';
import { formatCrr } from '../../export/terminal/format-crr.js';
import { toArrow } from '../../export/to-arrow.js';
import { toCSV } from '../../export/to-csv.js';
import { crrJSON, crrTable, type CrrResult } from '../../result/crr-table.js';
import { normalizeCrr, type CrrSpec } from '../../spec/survival-spec.js';
import { GRANULARITIES, WEEK_STARTS } from '../../spec/types.js';
import type { CliIO } from '../io.js';
import { addChurnOptions, churnSpecFields, runChurnCommand, type ChurnOptions } from './survival-command.js';
import type { OutputFormat } from '../write-result.js';

interface CrrOptions extends ChurnOptions {
  period: CrrSpec['period'];
  weekStart: CrrSpec['weekStart'];
  from?: string;
  to?: string;
}

/** `kohort crr [file]`: the customer retention rate per period. */
export function crrCommand(io: CliIO): Command {
  const cmd = new Command('crr')
    .description('Customer retention rate per period: (customers at the end - new) / customers at the start.')
    .argument('[file]', 'customers file with signup and churn (the activity file with --inactive-after)');
  addChurnOptions(cmd)
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
      await runChurnCommand(
        io,
        o,
        spec.input,
        (tables) => executeCrr(normalizeCrr(spec, inputSchema(tables)), tables),
        renderCrr,
        (r) => (r.clipped ? ['note: --to is past the last period that ended by --as-of; later periods are left out'] : []),
      );
    });
  return cmd;
}

function renderCrr(r: CrrResult, format: OutputFormat): string | Uint8Array {
  switch (format) {
    case 'table':
      return formatCrr(r);
    case 'json':
      return `${JSON.stringify(crrJSON(r), null, 2)}\n`;
    case 'arrow':
      return toArrow(crrTable(r));
    default:
      return toCSV(crrTable(r));
  }
}
