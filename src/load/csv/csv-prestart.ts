import type { Worker } from 'node:worker_threads';

/**
 * A CSV worker thread started before the CLI has loaded (see bin/kohort.js): a big CSV
 * file named on the command line is read by two threads, and the second one's start-up
 * (a fresh V8 isolate and the worker script, some 0.1-0.2 s) then overlaps the main
 * thread's own instead of following it. bin/kohort.js and readCsvFile share it through
 * this global, since the CLI bundle has its own copy of every module.
 */
const KEY = Symbol.for('kohort.csv-worker');

/** What bin/kohort.js leaves on globalThis[KEY]. */
interface Prestarted {
  /** The worker script's URL (href). */
  url: string;
  worker: Worker;
  /** Set once the thread runs (its 'online' event). */
  online: boolean;
}

/** The smallest file bin/kohort.js starts a worker for: CsvFileOptions.splitBytes' default. */
export const PRESTART_BYTES = 32 << 20;

/**
 * The CSV worker started ahead for the script at `url`, if there is one (once: a second
 * call gets undefined), kept alive until stopped like a worker started now; and whether
 * its thread already runs.
 */
export function takePrestartedWorker(url: URL): { worker: Worker; online: boolean } | undefined {
  const g = globalThis as { [KEY]?: Prestarted };
  const p = g[KEY];
  if (p === undefined || p.url !== url.href) return undefined;
  delete g[KEY];
  p.worker.ref();
  return { worker: p.worker, online: p.online };
}
