import { parentPort } from 'node:worker_threads';
import { KERNELS, type KernelName } from './kernels.js';
import { claimChunks, markChunkWorker, type ChunkMessage } from '../../parallel/run-chunks.js';

markChunkWorker();

// Claims items of a kernel run beside the main thread (run-chunks.ts); one run per message.
parentPort?.on('message', (m: ChunkMessage) => {
  const run = Object.hasOwn(KERNELS, m.kernel) ? (KERNELS[m.kernel as KernelName] as (job: unknown, k: number) => void) : undefined;
  if (typeof run === 'function') claimChunks(run, m.job, m.count, m.control);
});
