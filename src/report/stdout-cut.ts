/**
 * Standard output's reader went away (EPIPE, `| head`) while an output was written to it
 * by its descriptor (the rejects CSV to "-" or /dev/stdout): what is left of it is dropped,
 * the run goes on with its other outputs, and the CLI then ends saying so. Process-wide,
 * as descriptor 1 is.
 */
let cut: string | undefined;

/** Note that the output `file` ("-", or a path to descriptor 1) was cut short. */
export function noteStdoutCut(file: string): void {
  cut ??= file;
}

/** The output cut short since the last call, if any; clears it. */
export function takeStdoutCut(): string | undefined {
  const file = cut;
  cut = undefined;
  return file;
}
