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
