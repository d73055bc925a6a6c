import { runChunks } from '../../../parallel/run-chunks.js';
import { sharedArray } from '../../../parallel/shared-storage.js';
import { maskBits, maskScatter, S_KEPT, STATS, type MaskJob } from './mask-chunks.js';

/** Chunks per block of the scatter and bit passes: 2^20 rows, a 4 MB buffer. */
const BLOCK_CHUNKS = 16;

/**
 * scatterBits: passes 2 and 3 of periodMasks (after pass 1 counted each chunk's rows per
 * partition of customers): the counted rows scattered by partition, then each
 * partition's bits set, into job.bits (with amounts, job.packed, job.amount and
 * job.partStart keep the rows grouped).
 */
export function scatterBits(job: MaskJob, chunks: number, customers: number, kept: number, shared: boolean): void {
  const { stats, partCounts, parts, words } = job;
  const factors = job.f0 !== undefined;
  const alloc = shared ? sharedArray : <T>(C: new (n: number) => T, n: number): T => new C(n);
  // The counted rows are scattered by partition and their bits set block by block of
  // chunks, reusing one block-sized buffer; with amounts, as one block, since revenue
  // reads every row grouped.
  const blockChunks = factors ? chunks : BLOCK_CHUNKS;
  let blockMost = 0;
  for (let k0 = 0; k0 < chunks; k0 += blockChunks) {
    let m = 0;
    for (let k = k0; k < Math.min(chunks, k0 + blockChunks); ++k) m += stats[k * STATS + S_KEPT];
    if (m > blockMost) blockMost = m;
  }
  job.packed = alloc(Int32Array, blockMost);
  if (factors) job.amount = alloc(Float64Array, kept);
  job.offsets = alloc(Int32Array, Math.min(chunks, blockChunks) * parts);
  job.partStart = alloc(Int32Array, parts + 1);
  job.bits = alloc(Uint32Array, customers * words);
  for (let k0 = 0; k0 < chunks; k0 += blockChunks) {
    const count = Math.min(chunks, k0 + blockChunks) - k0;
    blockSlots(partCounts, k0, count, parts, job.partStart, job.offsets);
    job.chunkBase = k0;
    runChunks('scatter', maskScatter, job, count, shared);
    runChunks('bits', maskBits, job, parts, shared);
  }
}

/**
 * The slots of chunks k0 .. k0 + count - 1 in a block buffer: partStart[p] is where
 * partition p starts (partitions in customer order), offsets[(k - k0) * parts + p] where
 * chunk k's rows of partition p go (chunks in row order within a partition).
 */
function blockSlots(partCounts: Int32Array, k0: number, count: number, parts: number, partStart: Int32Array, offsets: Int32Array): void {
  partStart.fill(0);
  for (let k = k0; k < k0 + count; ++k) for (let p = 0; p < parts; ++p) partStart[p + 1] += partCounts[k * parts + p];
  for (let p = 0; p < parts; ++p) partStart[p + 1] += partStart[p];
  for (let p = 0; p < parts; ++p) {
    let at = partStart[p];
    for (let k = k0; k < k0 + count; ++k) {
      offsets[(k - k0) * parts + p] = at;
      at += partCounts[k * parts + p];
    }
  }
}
