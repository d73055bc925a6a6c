import { CommanderError } from 'commander';
import { KohortError, messageText, systemErrorReason } from '../errors.js';
import { STDOUT_FILE } from '../api/run-spec.js';
import { takeStdoutCut } from '../export/output-guard.js';
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
  let code: number = EXIT.ok;
  takeStdoutCut();
  try {
    await createProgram(io).parseAsync(argv);
  } catch (e) {
    code = failed(e, io);
  }
  // Standard output's reader went away (`| head`): the run wrote its other outputs, but
  // the one to stdout is cut short, which a pipeline must hear of.
  await io.flushed?.();
  const cut = io.stdoutCut ?? takeStdoutCut();
  if (cut !== undefined) {
    const where = { file: cut === STDOUT_FILE ? 'standard output' : cut };
    io.stderr(`kohort: ${messageText('unwritableFile', { reason: systemErrorReason({ code: 'EPIPE' }) }, where)}\n`);
    if (code === EXIT.ok) code = EXIT.input;
  }
  return code;
}

/** The exit code of a failed run, its message written. */
function failed(e: unknown, io: CliIO): number {
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
