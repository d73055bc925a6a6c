import { CommanderError } from 'commander';
import { KohortError } from '../errors.js';
import { cliMessage } from './flags.js';
import { createProgram, processIO, type CliIO } from './program.js';

/**
 * main: run the CLI on argv (as process.argv) and return the exit code: 0 on success,
 * 2 for bad input or usage (one line on stderr), 1 for an unexpected failure.
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
      return e.exitCode === 0 ? 0 : 2;
    }
    io.stderr(`kohort: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
