import { fail } from '../errors.js';
import { writeAtomic } from '../export/write-atomic.js';
import type { CliIO } from './io.js';

/** Output formats of the CLI. */
export type OutputFormat = 'table' | 'csv' | 'tidy-csv' | 'json' | 'arrow';

/**
 * writeResult: render and write to --out (atomically) or stdout. Rendering happens
 * before anything is written, so a failure leaves no partial output behind.
 */
export async function writeResult(
  io: CliIO,
  opts: { format: OutputFormat; out?: string },
  render: () => string | Uint8Array,
): Promise<void> {
  if (!opts.out && opts.format === 'arrow' && io.stdoutIsTTY) fail('binaryToTerminal', { format: opts.format });
  const data = render();
  if (opts.out) await writeAtomic(opts.out, data);
  else io.stdout(data);
}
