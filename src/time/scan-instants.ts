/**
 * The instants scan of parseTimeColumn (load/times/) as a chunk kernel (see run-chunks.ts): per chunk
 * of a column of epoch ms, its min, max and missing (NaN) count. Chunks are independent
 * and write only their own slots, so two threads can share them, and a chunk run twice
 * writes the same values.
 */

import { runChunks } from '../parallel/run-chunks.js';
import { isShared, sharedArray } from '../parallel/shared-storage.js';
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
  const { values, acc } = job;
  const lo = k * SCAN_CHUNK;
  const hi = Math.min(values.length, lo + SCAN_CHUNK);
  // Two lanes and selects rather than branches: 3x faster here. A NaN fails every
  // comparison, so it moves no min or max, and is counted.
  let min = Infinity;
  let max = -Infinity;
  let min2 = Infinity;
  let max2 = -Infinity;
  let missing = 0;
  let i = lo;
  for (; i + 1 < hi; i += 2) {
    const v = values[i];
    const w = values[i + 1];
    max = v > max ? v : max;
    min = v < min ? v : min;
    max2 = w > max2 ? w : max2;
    min2 = w < min2 ? w : min2;
    missing += (v !== v ? 1 : 0) + (w !== w ? 1 : 0);
  }
  for (; i < hi; ++i) {
    const v = values[i];
    max = v > max ? v : max;
    min = v < min ? v : min;
    missing += v !== v ? 1 : 0;
  }
  acc[3 * k] = Math.min(min, min2);
  acc[3 * k + 1] = Math.max(max, max2);
  acc[3 * k + 2] = missing;
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
