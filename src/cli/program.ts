import { Command } from 'commander';
import { matrixCommand } from './commands/matrix-command.js';
import { crrCommand } from './commands/crr-command.js';
import { survivalCommand } from './commands/survival-command.js';
import { sqlCommand } from './commands/sql-command.js';
import { compareCommand } from './commands/compare-command.js';
import { reportCommand } from './commands/report-command.js';
import { processIO, type CliIO } from './io.js';
import { reasonsCommand } from './commands/reasons-command.js';
import { valueCommand } from './commands/value-command.js';
import { feedbackCommand } from './commands/feedback-command.js';
import { specRunCommand } from './commands/spec-run-command.js';
import { schemaCommand } from './commands/schema-command.js';
import { KOHORT_VERSION } from '../api/run-spec.js';
import { looseChoices } from './loose-choices.js';

export { processIO, type CliIO };

/**
 * createProgram: the kohort CLI as a commander program. Commands only parse arguments
 * into a spec, call the library and write results; they hold no analysis logic.
 */
export function createProgram(io: CliIO = processIO()): Command {
  const program = new Command('kohort')
    .description(
      'Cohort retention analysis: retention matrices, revenue retention and customer\n' +
        'retention rates from customer and activity files (CSV, gzip, NDJSON, Arrow, Parquet).',
    )
    .version(KOHORT_VERSION, '-v, --version', 'print the version');
  program.addCommand(matrixCommand(io));
  program.addCommand(survivalCommand(io));
  program.addCommand(crrCommand(io));
  program.addCommand(sqlCommand(io));
  program.addCommand(compareCommand(io));
  program.addCommand(reasonsCommand(io));
  program.addCommand(valueCommand(io));
  program.addCommand(feedbackCommand(io));
  program.addCommand(reportCommand(io));
  program.addCommand(specRunCommand(io));
  program.addCommand(schemaCommand(io));
  program.addHelpText(
    'after',
    `
Examples:
  $ kohort matrix events.csv                       monthly cohorts of first activity
  $ kohort matrix Online_Retail.parquet --id CustomerID --time InvoiceDate --as-of 2011-12-01
  $ kohort matrix events.csv --customers customers.csv --cohort month,channel --format tidy-csv --out m.csv
  $ kohort compare events.csv --customers customers.csv --by channel --groups referral,organic --inactive-after 45d
  $ kohort reasons customers.csv --signup signup_at --churn churned_at --reason churn_reason --by plan
  $ kohort value telecom_customer_churn.csv --event "Customer Status=Churned" --value "Total Revenue" --by Contract
  $ kohort feedback survey.csv --id id --by segment --nps nps --csat csat --ces ces
  $ kohort matrix events.csv --format parquet --out m.parquet --print-spec > spec.json
  $ kohort run spec.json                           the same run, from the spec file

Exit codes: 0 success, 2 bad input or usage (one line on stderr naming the file, row and
column), 1 internal error (a bug in kohort: please report it).`,
  );
  // addCommand does not pass settings down: give every command the same output and exits
  // (errors stay one line: no help dump after them).
  for (const cmd of [program, ...program.commands]) {
    cmd
      .configureOutput({
        writeOut: (s) => io.stdout(s),
        writeErr: (s) => io.stderr(s),
        // Every usage error starts like kohort's own: "kohort: ...".
        outputError: (s, write) => write(`kohort: ${s.replace(/^error: /, '')}`),
      })
      .exitOverride();
  }
  looseChoices(program);
  return program;
}
