import { backgroundHoldPays } from '../parallel/background-gate.js';
import type { InputSpec } from './spec-fields.js';

/**
 * hashBeforeLoad: whether a run should start hashing its inputs before loading them.
 * Yes when this process has the cores to itself (the background gate is then held) and
 * every input is an uncompressed CSV/TSV file by its name, whose two-thread read holds
 * the gate: the hash then waits while the load or a kernel keeps both cores busy and runs
 * in the one-thread parts. Otherwise (Parquet's load keeps both cores busy without the
 * gate; on a busy machine the gate is not held) it should start once the inputs are loaded.
 */
export function hashBeforeLoad(input: InputSpec): boolean {
  const files = [input.activity, input.customers].filter((f): f is string => typeof f === 'string');
  return files.length > 0 && files.every((f) => /\.(csv|tsv|txt)$/i.test(f)) && backgroundHoldPays();
}
