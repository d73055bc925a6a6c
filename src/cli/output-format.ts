import { fail } from '../errors.js';
import { chooseOutputFormat, formatFromPath, pathExtension } from '../export/format-from-path.js';
import type { CliIO } from './io.js';
import type { OutputFormat } from '../export/formats.js';

/**
 * The output format of a command run: --format, else the --out extension (r.arrow ->
 * arrow), else table on a terminal and CSV elsewhere. Throws when the extension
 * contradicts --format, names a format this command cannot write yet, or is unknown.
 */
export function outputFormat(
  io: CliIO,
  o: { format?: string; out?: string },
  available: readonly OutputFormat[],
): OutputFormat {
  const only = available.length === 1 ? available[0] : undefined;
  if (only !== undefined && o.format === undefined) {
    // A command that writes one format (kohort report: html) needs no --format; a file name must not name another.
    const ext = o.out === undefined ? '' : pathExtension(o.out);
    if (ext !== '' && formatFromPath(o.out!) !== only) fail('outFormatOnly', { out: o.out!, ext, format: only });
    return only;
  }
  const c = chooseOutputFormat({ format: o.format, out: o.out, tty: io.stdoutIsTTY, available });
  if (c.ok) return c.format as OutputFormat;
  const out = o.out!;
  if (c.reason === 'contradiction') fail('outFormatContradiction', { out, ext: c.ext, format: o.format! });
  if (c.reason === 'unavailable') fail('outFormatUnavailable', { out, family: c.family, available });
  return fail('outFormatUnknown', { out, ext: c.ext, available });
}
