import { outputFile, STDOUT_FILE } from '../api/run-spec.js';
import { closedPipe, fail } from '../errors.js';
import { isBinary, type OutputFormat } from '../export/formats.js';
import { stdoutByIdentity, writesToStdout, writesToTerminal } from '../export/output-guard.js';
import { writeAtomic, type OutputData } from '../export/write-atomic.js';

/** Where the CLI writes: injectable so tests drive it in-process. */
export interface CliIO {
  /** Results (text or bytes). */
  stdout(data: string | Uint8Array): void;
  /** Messages: the load report, warnings, timings. */
  stderr(text: string): void;
  /** Whether stdout is a terminal (the default format is then "table"). */
  stdoutIsTTY: boolean;
  /** Standard input, read when an input file is "-" (default: process.stdin). */
  stdin?: () => NodeJS.ReadableStream;
  /** The terminal's width in columns (a wider matrix drops offsets with a note, other tables wrap). */
  columns?: number;
  /** Whether tables may use colour: a terminal, and NO_COLOR unset or empty. */
  colour?: boolean;
  /** Resolves once stdout can take more (between the chunks of a long output), or its reader has gone. */
  drained?: () => Promise<void>;
  /** Resolves once what was written to stdout has gone out, or its reader has gone (then stdoutCut is set). */
  flushed?: () => Promise<void>;
  /**
   * Set when stdout's reader went away (EPIPE) while an output ("-", or a path to fd 1)
   * was written to it. The run goes on: what is left for stdout is dropped, the outputs to
   * files are written, and main then fails saying stdout was cut short.
   */
  stdoutCut?: string;
}

/** The terminal options of a table written to stdout, "-" or /dev/stdout (none when written to a file). */
export function terminalOptions(io: CliIO, out: string | undefined): { colour: boolean; width?: number } {
  if (!writesToStdout(out)) return { colour: false };
  return { colour: Boolean(io.colour && io.stdoutIsTTY), width: io.stdoutIsTTY ? io.columns : undefined };
}

/**
 * The width terminal tables fit: COLUMNS when it is a whole number above 0 (a user's
 * choice, as ls and Python honour it), else the terminal's own width, else 80: a
 * terminal that reports 0 columns (script(1), some containers) would otherwise cut
 * every table to its first column.
 */
export function terminalWidth(ttyColumns: number | undefined, env: string | undefined): number {
  const fromEnv = env !== undefined && /^\s*\d+\s*$/.test(env) ? Number(env) : 0;
  if (fromEnv > 0) return fromEnv;
  return ttyColumns !== undefined && ttyColumns > 0 ? ttyColumns : 80;
}

/** The process's own stdout and stderr. */
export function processIO(): CliIO {
  const out = process.stdout;
  const cut = (e: NodeJS.ErrnoException | null | undefined): void => {
    if (e?.code === 'EPIPE') io.stdoutCut ??= STDOUT_FILE;
  };
  // `kohort ... | head` closes the pipe early: the rest for stdout is dropped, not the run (main says so at the end).
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    cut(e);
  });
  // Until stdout drains, or fails: a reader that has gone never drains it.
  const settled = (resolve: () => void): void => {
    const done = (): void => {
      out.off('drain', done);
      out.off('error', done);
      resolve();
    };
    out.once('drain', done);
    out.once('error', done);
  };
  const io: CliIO = {
    stdout: (d) => {
      if (io.stdoutCut === undefined) out.write(d);
    },
    stderr: (t) => process.stderr.write(t),
    stdoutIsTTY: Boolean(out.isTTY),
    columns: terminalWidth(out.columns, process.env.COLUMNS),
    colour: Boolean(out.isTTY) && !process.env.NO_COLOR,
    drained: () => (io.stdoutCut === undefined && out.writableNeedDrain ? new Promise(settled) : Promise.resolve()),
    flushed: () => {
      // A whole output written at once fails at once: errored is set, nothing is left
      // buffered, and the 'error' event only comes on a later tick.
      cut(out.errored as NodeJS.ErrnoException | null);
      return io.stdoutCut === undefined && out.writableLength > 0 && !out.destroyed
        ? new Promise((resolve) => out.write('', (e) => (cut(e), resolve())))
        : Promise.resolve();
    },
  };
  return io;
}

/**
 * writeResult: render and write to --out (atomically) or stdout (no --out, or "-").
 * Rendering happens before anything is written, so a failure leaves no partial output behind.
 */
export async function writeResult(
  io: CliIO,
  opts: { format: OutputFormat; out?: string },
  render: () => OutputData | Promise<OutputData>,
): Promise<void> {
  opts = { ...opts, out: outputFile(opts.out) };
  if (isBinary(opts.format) && writesToTerminal(opts.out, io.stdoutIsTTY)) fail('binaryToTerminal', { format: opts.format, ...(opts.out === undefined || (writesToStdout(opts.out) && !stdoutByIdentity(opts.out)) ? {} : { file: opts.out }) });
  // Its reader has gone: nothing more for stdout (main says it was cut short).
  if (writesToStdout(opts.out) && io.stdoutCut !== undefined) return;
  const data = await render();
  if (opts.out) {
    try {
      await writeAtomic(opts.out, data);
    } catch (e) {
      // /dev/stdout's reader has gone, as "-"'s may: the outputs after it are still written.
      if (!(closedPipe(e) && writesToStdout(opts.out))) throw e;
      io.stdoutCut = opts.out;
    }
  } else if (typeof data === 'string' || data instanceof Uint8Array) io.stdout(data);
  else {
    // Text in chunks: written as they come, so no string holds the whole output.
    for (const chunk of data) {
      io.stdout(chunk);
      await io.drained?.();
      // Its reader has gone: render no more of it.
      if (io.stdoutCut !== undefined) break;
    }
  }
}
