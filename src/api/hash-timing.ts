import type { InputSpec } from './spec-fields.js';

/**
 * hashBeforeLoad: whether a run should start hashing its inputs before loading them:
 * yes when every input is an uncompressed CSV/TSV file by its name. On a machine this
 * process has to itself, its two-thread read holds the background gate, so the hash waits
 * while the load or a kernel keeps both cores busy and runs in the one-thread parts; on a
 * busy machine the gate is not held, and the hash runs beside the load as a third thread
 * (the scheduler shares the cores out by runnable threads), instead of after it, where
 * the export waited for it. Otherwise (Parquet's load keeps both cores busy without the
 * gate) it should start once the inputs are loaded.
 */
export function hashBeforeLoad(input: InputSpec): boolean {
  const files = [input.activity, input.customers].filter((f): f is string => typeof f === 'string');
  return files.length > 0 && files.every((f) => /\.(csv|tsv|txt)$/i.test(f));
}
