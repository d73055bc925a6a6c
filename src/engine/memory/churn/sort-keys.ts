import { HI, LO } from '../../../stats/survival-tally.js';
import { runChunks } from '../../../parallel/run-chunks.js';

/** A sort split in two: item 0 sorts keys [0, mid), item 1 keys [mid, end). */
export interface SortJob {
  keys: BigUint64Array;
  mid: number;
}

/** Item k of a SortJob: one half sorted in place. */
export function sortHalf(job: SortJob, k: number): void {
  const { keys, mid } = job;
  (k === 0 ? keys.subarray(0, mid) : keys.subarray(mid)).sort();
}

/**
 * Sort 64-bit keys in place (ascending, unsigned) on two threads: each half sorted by
 * one thread (a copy on a SharedArrayBuffer), then the halves merged back into `keys`.
 * Equal keys are indistinguishable, so the result is that of keys.sort().
 */
export function sortKeysOnTwoThreads(keys: BigUint64Array): void {
  const n = keys.length;
  const shared = new BigUint64Array(new SharedArrayBuffer(8 * n));
  shared.set(keys);
  const mid = n >>> 1;
  runChunks('sortHalf', sortHalf, { keys: shared, mid }, 2, true);
  mergeHalves(new Uint32Array(shared.buffer), mid, n, new Uint32Array(keys.buffer, keys.byteOffset, 2 * n));
}

/** Merge the sorted runs [0, mid) and [mid, n) of `src` (keys as LO/HI word pairs) into `dst`. */
function mergeHalves(src: Uint32Array, mid: number, n: number, dst: Uint32Array): void {
  let i = 0;
  let j = mid;
  let o = 0;
  while (i < mid && j < n) {
    const ih = src[2 * i + HI];
    const jh = src[2 * j + HI];
    const takeI = ih < jh || (ih === jh && src[2 * i + LO] <= src[2 * j + LO]);
    const from = takeI ? i++ : j++;
    dst[2 * o + LO] = src[2 * from + LO];
    dst[2 * o + HI] = src[2 * from + HI];
    ++o;
  }
  if (i < mid) dst.set(src.subarray(2 * i, 2 * mid), 2 * o);
  else if (j < n) dst.set(src.subarray(2 * j, 2 * n), 2 * o);
}
