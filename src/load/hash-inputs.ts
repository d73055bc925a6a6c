import { statSync } from 'node:fs';
import type { InputHash } from '../report/input-hash.js';
import { backgroundGate } from '../parallel/background-gate.js';
import { startWorker, workerAvailable } from '../parallel/worker-job.js';
import { distUrl } from '../dist-url.js';
import { hashFileHere, type HashWorkerJob, type HashWorkerReply } from './hash-file.js';
import type { InputFiles } from './load-inputs.js';

const WORKER_URL = distUrl('./load/hash-worker.js');
/** Files at least this big are hashed on a worker thread: the loader's thread is the critical path. */
const WORKER_BYTES = 16 << 20;

/**
 * SHA-256 (hex) and size of a file's bytes. A big file is hashed on a worker thread, so
 * that the hash (about half a second per 500 MB) runs beside the load instead of taking
 * turns with it on the loading thread; the same bytes give the same hash either way.
 */
export async function hashFile(file: string, signal?: AbortSignal): Promise<{ bytes: number; sha256: string }> {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    // unreadable: the stream below reports it
  }
  if (size < WORKER_BYTES || !workerAvailable(WORKER_URL)) return hashFileHere(file);
  signal?.throwIfAborted();
  const worker = startWorker<HashWorkerJob, HashWorkerReply>(WORKER_URL);
  // Aborted (the run failed before it needed the hash): the thread stops at once.
  let stop = () => {};
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(signal!.reason);
    signal?.addEventListener('abort', stop);
  });
  aborted.catch(() => undefined);
  try {
    const reply = await Promise.race([worker.run({ file, gate: backgroundGate() }), aborted]);
    return 'error' in reply ? hashFileHere(file) : reply;
  } finally {
    signal?.removeEventListener('abort', stop);
    void worker.stop();
  }
}

/**
 * hashInputs: the identity of each input file of a spec: its path as given, its size and
 * the SHA-256 of its bytes as stored (a gzip'd file is hashed compressed). A content hash,
 * not a time stamp: the same bytes give the same metadata wherever and whenever they run.
 * Standard input ("-") is not hashed. An aborted `signal` stops the hashing (the promise rejects).
 */
export async function hashInputs(input: Pick<InputFiles, 'activity' | 'customers'>, signal?: AbortSignal): Promise<InputHash[]> {
  const roles = (['activity', 'customers'] as const).filter((r) => input[r] !== undefined && input[r] !== '-');
  return Promise.all(roles.map(async (role) => ({ role, file: input[role]!, ...(await hashFile(input[role]!, signal)) })));
}
