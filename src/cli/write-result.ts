import { fail } from '../errors.js';
import { assertNotInput } from '../export/output-guard.js';
import { writeAtomic, type OutputData } from '../export/write-atomic.js';
import type { CliIO } from './io.js';

/** Output formats of the CLI. */
export type OutputFormat = 'table' | 'csv' | 'tidy-csv' | 'json' | 'arrow';

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
  if (!opts.out && opts.format === 'arrow' && io.stdoutIsTTY) fail('binaryToTerminal', { format: opts.format });
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
