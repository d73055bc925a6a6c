/**
 * The instants scan of parseTimeColumn as a chunk kernel (see run-chunks.ts): per chunk
 * of a column of epoch ms, its min, max, missing count and where an out-of-range value
 * stops it. Chunks are independent and write only their own slots, so two threads can
 * share them, and a chunk run twice writes the same values.
 */

/** The largest instant a JS Date holds (±8.64e15 ms). */
export const MAX_INSTANT = 8.64e15;
/** Rows per chunk. */
export const SCAN_CHUNK = 1 << 16;

export interface InstantsJob {
  values: Float64Array;
  /** Out, 4 per chunk: min, max, missing, and the first out-of-range row (or the chunk's end). */
  acc: Float64Array;
}

/** Scan chunk k of job.values. */
export function scanInstants(job: InstantsJob, k: number): void {
  const { values, acc } = job;
  const lo = k * SCAN_CHUNK;
  const hi = Math.min(values.length, lo + SCAN_CHUNK);
  let min = Infinity;
  let max = -Infinity;
  let missing = 0;
  let i = lo;
  for (; i < hi; ++i) {
    const v = values[i];
    if (v !== v) ++missing;
    else if (v >= -MAX_INSTANT && v <= MAX_INSTANT) {
      if (v > max) max = v;
      if (v < min) min = v;
    } else break;
  }
  acc[4 * k] = min;
  acc[4 * k + 1] = max;
  acc[4 * k + 2] = missing;
  acc[4 * k + 3] = i;
}
