import { outputFile } from '../api/run-spec.js';
import { fail } from '../errors.js';
import { isBinary, type OutputFormat } from '../export/formats.js';
import { writesToStdout } from '../export/output-guard.js';
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
  /** Resolves once stdout can take more (between the chunks of a long output). */
  drained?: () => Promise<void>;
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
    columns: terminalWidth(process.stdout.columns, process.env.COLUMNS),
    colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    drained: () =>
      process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve(),
  };
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
  if (writesToStdout(opts.out) && isBinary(opts.format) && io.stdoutIsTTY) fail('binaryToTerminal', { format: opts.format });
  const data = await render();
  if (opts.out) await writeAtomic(opts.out, data);
  else if (typeof data === 'string' || data instanceof Uint8Array) io.stdout(data);
  else {
    // Text in chunks: written as they come, so no string holds the whole output.
    for (const chunk of data) {
      io.stdout(chunk);
      await io.drained?.();
    }
  }
}
