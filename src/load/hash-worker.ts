import { parentPort } from 'node:worker_threads';
import { hashFileHere, type HashWorkerJob, type HashWorkerReply } from './hash-file.js';

// Hashes input files for hash-inputs.ts, one job per message, off the loading thread.
parentPort?.on('message', async (job: HashWorkerJob) => {
  let reply: HashWorkerReply;
  try {
    reply = await hashFileHere(job.file);
  } catch (err) {
    reply = { error: (err as Error).message ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
