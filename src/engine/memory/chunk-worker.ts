import { parentPort } from 'node:worker_threads';
import { MASK_KERNELS } from './mask-chunks.js';
import { claimChunks, type ChunkMessage } from './run-chunks.js';

// Claims items of a kernel run beside the main thread (run-chunks.ts); one run per message.
parentPort?.on('message', (m: ChunkMessage) => {
  const run = MASK_KERNELS[m.kernel];
  if (typeof run === 'function') claimChunks(run, m.job, m.count, m.control);
});
