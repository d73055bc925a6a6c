import { Command } from 'commander';
import { matrixCommand } from './matrix-command.js';
import { crrCommand } from './crr-command.js'; import { survivalCommand } from './survival-command.js';

/** Where the CLI writes: injectable so tests drive it in-process. */
export interface CliIO {
  /** Results (text or bytes). */
  stdout(data: string | Uint8Array): void;
  /** Messages: the load report, warnings, timings. */
  stderr(text: string): void;
  /** Whether stdout is a terminal (the default format is then "table"). */
  stdoutIsTTY: boolean;
  /** Resolves once stdout can take more (between the chunks of a long output). */
  drained?: () => Promise<void>;
}

/** The process's own stdout and stderr. */
export function processIO(): CliIO {
  // `kohort ... | head` closes the pipe early: stop quietly, as Unix tools do.
  if (process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  return {
    stdout: (d) => process.stdout.write(d),
    stderr: (t) => process.stderr.write(t),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    drained: () =>
      process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve(),
  };
}

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

Exit codes: 0 success, 2 bad input or usage (one line on stderr naming the file and column).`,
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
