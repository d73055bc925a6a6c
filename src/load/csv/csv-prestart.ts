import { inputArguments } from '../prestart.js';

/**
 * The smallest file bin/kohort.js starts a CSV worker for: CsvFileOptions.splitBytes'
 * default. The worker's start-up (a fresh V8 isolate and the worker script, some 0.1-0.2 s)
 * then overlaps the main thread's own instead of following it; csv-split.ts takes it with
 * takePrestartedWorker (src/load/prestart.ts).
 */
export const PRESTART_BYTES = 32 << 20;

/**
 * The big CSV input (.csv, .tsv, .txt of PRESTART_BYTES or more) on a command line
 * (`args`: process.argv without node and the script), for bin/kohort.js to start the
 * worker ahead; undefined when there is none, or when the run reads no file in memory
 * (`--engine` other than memory, `--help`, `--version`, `--print-spec`). Output paths
 * (`--out x.csv`, `--rejects=x.csv`) are never inputs; `--customers=x.csv` is one.
 * `size` gives a file's bytes (undefined when there is no such file).
 */
export function prestartCsvArgument(args: readonly string[], size: (path: string) => number | undefined): string | undefined {
  return inputArguments(args)?.find((p) => /\.(csv|tsv|txt)$/i.test(p) && (size(p) ?? 0) >= PRESTART_BYTES);
}
