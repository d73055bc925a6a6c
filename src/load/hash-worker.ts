import { parentPort } from 'node:worker_threads';
import { hashFileHere } from './hash-inputs.js';

/** A job for the hash worker: a file to hash. */
export interface HashWorkerJob {
  file: string;
}

/** The worker's answer: the file's size and SHA-256, or why it could not be read. */
export type HashWorkerReply = { bytes: number; sha256: string } | { error: string };

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
