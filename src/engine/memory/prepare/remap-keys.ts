import { runChunks } from '../../../parallel/run-chunks.js';
import { isShared, sharedArray, storage } from '../../../parallel/shared-storage.js';

/** Rows per item of a remap run. */
const CHUNK = 1 << 19;

/** A remap run: out[i] = remap[keys[i]] for every row; counts[2k], counts[2k + 1]: rows of item k mapped to -2, to -1. */
export interface RemapJob {
  keys: Int32Array;
  remap: Int32Array;
  out: Int32Array;
  counts: Int32Array;
}

/** Item k of a remap run (a kernel: may run on the worker thread, and twice). */
export function remapChunk(job: RemapJob, k: number): void {
  const { keys, remap, out } = job;
  const end = Math.min(keys.length, (k + 1) * CHUNK);
  let unknown = 0;
  let missing = 0;
  for (let i = k * CHUNK; i < end; ++i) {
    const c = remap[keys[i]];
    if (c < 0) {
      if (c === -2) ++unknown;
      else ++missing;
    }
    out[i] = c;
  }
  job.counts[2 * k] = unknown;
  job.counts[2 * k + 1] = missing;
}

/**
 * remapKeys: each row's key through `remap` (a value per key, -2 or -1 for none), into a
 * new column, on both threads when the keys are shared; returns it with the counts of
 * rows mapped to -2 (unknown) and to -1 (missing).
 */
export function remapKeys(keys: Int32Array, remap: Int32Array): { out: Int32Array; unknown: number; missing: number } {
  const count = Math.ceil(keys.length / CHUNK);
  const shared = isShared(keys) && count > 1;
  const job: RemapJob = {
    keys,
    remap: shared ? sharedArray(Int32Array, remap.length) : remap,
    out: storage(Int32Array, keys.length, shared),
    counts: shared ? sharedArray(Int32Array, 2 * count) : new Int32Array(2 * count),
  };
  if (job.remap !== remap) job.remap.set(remap);
  runChunks('remap', remapChunk, job, count, shared);
  let unknown = 0;
  let missing = 0;
  for (let k = 0; k < count; ++k) {
    unknown += job.counts[2 * k];
    missing += job.counts[2 * k + 1];
  }
  return { out: job.out, unknown, missing };
}
