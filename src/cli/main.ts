import { CommanderError } from 'commander';
import { KohortError } from '../errors.js';
import { cliMessage } from './flags.js';
import { createProgram, processIO, type CliIO } from './program.js';

/** The exit codes of the CLI (README "Exit codes"). */
export const EXIT = { ok: 0, internal: 1, input: 2 } as const;

/** Where to report a bug: what an internal error asks the user to do. */
const BUG_REPORT = 'this is a bug in kohort, not a problem with your input: please report it with the command you ran and the lines above';

/**
 * main: run the CLI on argv (as process.argv) and return the exit code: 0 on success,
 * 2 for bad input or usage (one line on stderr naming the file, row and column), 1 for
 * an internal error (the message, its stack and a line asking for a bug report).
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    await createProgram(io).parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof KohortError) {
      io.stderr(`kohort: ${cliMessage(e)}\n`);
      return e.exitCode;
    }
    if (e instanceof CommanderError) {
      // Help and version exit 0; commander already printed its message.
      return e.exitCode === 0 ? EXIT.ok : EXIT.input;
    }
    const err = e as Error;
    io.stderr(`kohort: internal error: ${err?.message ?? String(e)}\n${err?.stack ?? ''}\nkohort: ${BUG_REPORT}\n`);
    return EXIT.internal;
  }
}
