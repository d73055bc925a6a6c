/**
 * The instants scan of parseTimeColumn (load/times/) as a chunk kernel (see run-chunks.ts): per chunk
 * of a column of epoch ms, its min, max and missing (NaN) count. Chunks are independent
 * and write only their own slots, so two threads can share them, and a chunk run twice
 * writes the same values.
 */

import { runChunks } from '../parallel/run-chunks.js';
import { isShared, sharedArray } from '../parallel/shared-storage.js';
import { scanRange } from './instant-range.js';
import { knownBounds } from './known-bounds.js';

/** Rows per chunk. */
export const SCAN_CHUNK = 1 << 16;

export interface InstantsJob {
  values: Float64Array;
  /** Out, 3 per chunk: min, max and missing count (min Infinity and max -Infinity when all are missing). */
  acc: Float64Array;
}

/** Scan chunk k of job.values. */
export function scanInstants(job: InstantsJob, k: number): void {
  const lo = k * SCAN_CHUNK;
  scanRange(job.values, lo, Math.min(job.values.length, lo + SCAN_CHUNK), job.acc, 3 * k);
}

/** The bounds of a column of epoch ms from {@link instantBounds}. */
export interface InstantBounds {
  /** The smallest present value (Infinity when none is present). */
  min: number;
  /** The largest present value (-Infinity when none is present). */
  max: number;
  /** Values that are NaN. */
  missing: number;
  /** Whether the column is on shared memory (the scan then ran on both threads). */
  shared: boolean;
}

/** Min, max and missing count of `values`, scanned in chunks (shared with the worker thread when the column is on shared memory). */
export function instantBounds(values: Float64Array): InstantBounds {
  const chunks = Math.ceil(values.length / SCAN_CHUNK);
  const shared = chunks > 1 && isShared(values);
  // Learnt by the loader as it wrote the column (see known-bounds.ts).
  const known = knownBounds(values);
  if (known !== undefined) return { min: known.min, max: known.max, missing: known.missing, shared };
  const acc = shared ? sharedArray(Float64Array, 3 * chunks) : new Float64Array(3 * chunks);
  runChunks('instants', scanInstants, { values, acc }, chunks, shared);
  let min = Infinity;
  let max = -Infinity;
  let missing = 0;
  for (let k = 0; k < chunks; ++k) {
    min = Math.min(min, acc[3 * k]);
    max = Math.max(max, acc[3 * k + 1]);
    missing += acc[3 * k + 2];
  }
  return { min, max, missing, shared };
}
