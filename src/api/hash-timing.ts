import type { InputSpec } from './spec-fields.js';

/**
 * hashBeforeLoad: whether a run should start hashing its inputs before loading them:
 * yes when every input is an uncompressed CSV/TSV file or a Parquet file by its name. On
 * a machine this process has to itself, a two-thread load (a CSV file read by two threads,
 * a big Parquet file decoded by two) holds the background gate, so the hash waits while
 * the load or a kernel keeps both cores busy and runs in the one-thread parts (a Parquet
 * run: the start, while its worker waits for its job, and the compute's preparation
 * after the load); on a busy machine the gate is not held, and the hash runs beside the
 * load as a third thread (the scheduler shares the cores out by runnable threads),
 * instead of after it, where the export waited for it. Otherwise (compressed files,
 * standard input) it should start once the inputs are loaded.
 */
export function hashBeforeLoad(input: InputSpec): boolean {
  const files = [input.activity, input.customers].filter((f): f is string => typeof f === 'string');
  return files.length > 0 && files.every((f) => /\.(csv|tsv|txt|parquet)$/i.test(f));
}
