import { parentPort } from 'node:worker_threads';
import { hashFileSync, type HashWorkerJob, type HashWorkerReply } from './hash-file.js';

// Hashes input files for hash-inputs.ts, one job per message, off the loading thread.
parentPort?.on('message', async (job: HashWorkerJob) => {
  let reply: HashWorkerReply;
  try {
    reply = hashFileSync(job.file, job.gate);
  } catch (err) {
    reply = { error: (err as Error).message ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
