import { Command } from 'commander';
import { matrixCommand } from './commands/matrix-command.js';
import { crrCommand } from './commands/crr-command.js'; import { survivalCommand } from './commands/survival-command.js';
import { processIO, type CliIO } from './io.js';

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
    .version('0.1.0');
  program.addCommand(matrixCommand(io));
  program.addCommand(survivalCommand(io)); program.addCommand(crrCommand(io));
  program.addHelpText(
    'after',
    `
Examples:
  $ kohort matrix events.csv                       monthly cohorts of first activity
  $ kohort matrix orders.parquet --id CustomerID --time InvoiceDate --as-of 2012-01-01
  $ kohort matrix events.csv --customers customers.csv --cohort month,channel --format tidy-csv --out m.csv

Exit codes: 0 success, 2 bad input or usage (one line on stderr naming the file, row and
column), 1 internal error (a bug in kohort: please report it).`,
  );
  // addCommand does not pass settings down: give every command the same output and exits
  // (errors stay one line: no help dump after them).
  for (const cmd of [program, ...program.commands]) {
    cmd
      .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
      .exitOverride();
  }
  return program;
}
