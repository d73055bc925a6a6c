import { stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { fail } from '../../errors.js';
import { fileExtension } from '../../load/sniff.js';
import type { InputSpec } from '../../spec/types.js';

/**
 * Bytes in memory per byte of file, by format: the columns kohort keeps (ids as
 * dictionary codes, times as doubles) are about the size of the CSV text; Parquet and
 * gzip are compressed several times over.
 */
const EXPANSION: Record<string, number> = { parquet: 8, gz: 6, arrow: 1.2, csv: 1.2 };

/** What the memory engine may use: KOHORT_MEMORY_MB, else three quarters of the machine's RAM. */
export function usableMemoryBytes(): number {
  const env = Number(process.env.KOHORT_MEMORY_MB);
  return env > 0 ? env * 2 ** 20 : totalmem() * 0.75;
}

/**
 * checkFitsInMemory: before loading, estimate what the input files take in memory and fail
 * with a clear message pointing to --engine duckdb when it is more than the machine has,
 * instead of an out-of-memory crash part way through.
 */
export async function checkFitsInMemory(input: InputSpec, usable = usableMemoryBytes()): Promise<void> {
  let need = 0;
  let biggest = { file: '', size: 0 };
  for (const file of [input.activity, input.customers]) {
    if (!file) continue;
    const size = await stat(file).then((s) => s.size, () => 0);
    const ext = /\.gz$/i.test(file) ? 'gz' : fileExtension(file);
    need += size * (EXPANSION[ext] ?? EXPANSION.csv);
    if (size > biggest.size) biggest = { file, size };
  }
  if (need > usable) {
    const mb = (x: number): number => Math.round(x / 2 ** 20);
    fail('tooLargeForMemory', { file: biggest.file, sizeMB: mb(biggest.size), needMB: mb(need), haveMB: mb(usable) });
  }
}
