import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A worker thread that runs jobs one at a time (see csv-worker.ts, parquet-worker.ts). */
export interface JobWorker<J, R> {
  /** Run a job; a worker that fails or dies answers { error }. */
  run(job: J): Promise<R | { error: string }>;
  /** Stop the worker; resolves once its thread has exited (its memory is then freed). */
  stop(): Promise<void>;
}

/** True when the compiled worker script exists (not when running from TypeScript sources). */
export function workerAvailable(url: URL): boolean {
  return existsSync(fileURLToPath(url));
}

/**
 * Start the worker script at `url`. A message `{ note }` the worker posts while it works
 * goes to `onNote`; any other message answers the job.
 */
export function startWorker<J, R, N = never>(url: URL, onNote?: (note: N) => void): JobWorker<J, R> {
  return jobWorker(new Worker(url), onNote);
}

/** Run jobs on a worker thread already started (see startWorker). */
export function jobWorker<J, R, N = never>(worker: Worker, onNote?: (note: N) => void): JobWorker<J, R> {
  let settle: ((reply: R | { error: string }) => void) | null = null;
  let stopped = false;
  worker.on('message', (reply: R | { note: N }) => {
    if (reply !== null && typeof reply === 'object' && 'note' in reply) onNote?.(reply.note);
    else settle?.(reply);
  });
  // A worker that cannot start or dies: its part is read by this thread instead.
  worker.on('error', (err) => settle?.({ error: String(err) }));
  worker.on('exit', () => settle?.({ error: 'the worker stopped' }));
  return {
    run(job) {
      return new Promise((resolve) => {
        settle = (reply) => {
          settle = null;
          resolve(reply);
        };
        worker.postMessage(job);
      });
    },
    stop() {
      settle = null;
      if (stopped) return Promise.resolve();
      stopped = true;
      return worker.terminate().then(
        () => undefined,
        () => undefined,
      );
    },
  };
}
