import { inputArguments } from '../prestart.js';

/**
 * The smallest Parquet file bin/kohort.js starts the Parquet worker for (readParquet's
 * default splitBytes): the worker's start-up (a V8 isolate and its script, some 40-60 ms)
 * then overlaps the CLI's own instead of following the file's footer. readParquet takes
 * it with takePrestartedWorker (src/load/prestart.ts); a file that is not split leaves it
 * idle, and unreferenced it does not keep the process alive.
 */
export const PARQUET_PRESTART_BYTES = 16 << 20;

/** The big Parquet input on a command line, as prestartCsvArgument finds a CSV one. */
export function prestartParquetArgument(args: readonly string[], size: (path: string) => number | undefined): string | undefined {
  return inputArguments(args)?.find((p) => /\.parquet$/i.test(p) && (size(p) ?? 0) >= PARQUET_PRESTART_BYTES);
}
