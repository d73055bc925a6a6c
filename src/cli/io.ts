import { fail } from '../errors.js';
import { isBinary, type OutputFormat } from '../export/formats.js';
import { assertNotInput } from '../export/output-guard.js';
import { writeAtomic, type OutputData } from '../export/write-atomic.js';

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
 * writeResult: render and write to --out (atomically: temp file + rename) or stdout.
 * A render may give its text in chunks, written as they come, so an output's size is
 * bounded by the disk and not by a string. Nothing is written over an input file.
 */
export async function writeResult(
  io: CliIO,
  opts: { format: OutputFormat; out?: string; inputs?: readonly (string | undefined)[] },
  render: () => OutputData,
): Promise<void> {
  if (!opts.out && isBinary(opts.format) && io.stdoutIsTTY) fail('binaryToTerminal', { format: opts.format });
  if (opts.out) assertNotInput(opts.out, opts.inputs ?? []);
  const data = render();
  if (opts.out) await writeAtomic(opts.out, data);
  else if (typeof data === 'string' || data instanceof Uint8Array) io.stdout(data);
  else {
    for (const chunk of data) {
      io.stdout(chunk);
      await io.drained?.();
    }
  }
}
