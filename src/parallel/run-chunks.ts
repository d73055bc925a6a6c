import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { distUrl } from '../dist-url.js';
import { backgroundHoldPays, holdBackground, releaseBackground } from './background-gate.js';
import { STALL_MS } from './stall.js';

/** A message to the chunk worker: run `kernel` on the items it can claim in `control`. */
export interface ChunkMessage {
  /** The kernel's name in the worker's registry (engine/memory/kernels.ts). */
  kernel: string;
  job: unknown;
  count: number;
  control: Int32Array;
}

const WORKER_URL = distUrl('./engine/memory/chunk-worker.js');
// Control words: the next item to claim, items done; then a state per item (DONE when done).
const NEXT = 0;
const DONE_COUNT = 1;
const HEAD = 2;
const DONE = 1;

let worker: Worker | undefined;
let workerBroken = false;
/** True in the chunk worker's thread (each thread has its own copy of this module). */
let chunkWorkerThread = false;

/** Called once by the chunk worker's script: kernels may keep per-thread output apart (see isChunkWorker). */
export function markChunkWorker(): void {
  chunkWorkerThread = true;
}

/** Whether this thread is the chunk worker (else the thread that calls runChunks). */
export function isChunkWorker(): boolean {
  return chunkWorkerThread;
}

/**
 * Run `kernel` (`run`, registered under that name in engine/memory/kernels.ts for the
 * worker: this module stays below the kernels it runs) on items 0..count-1 and return when all are done (synchronously). With
 * `shared` (every typed array of the job on a SharedArrayBuffer) a worker thread,
 * started on first use and kept for later calls, claims items beside this thread;
 * items are claimed one at a time, so a worker still starting simply gets fewer. If
 * the worker stops answering, this thread redoes the items it had claimed (kernels
 * write the same values when run twice). Returns how many items the worker ran.
 */
export function runChunks<J>(kernel: string, run: (job: J, k: number) => void, job: J, count: number, shared: boolean): number {
  const started = shared ? startChunks(kernel, job, count, { holdBackground: true }) : undefined;
  if (!started) {
    for (let k = 0; k < count; ++k) run(job, k);
    return 0;
  }
  return started.finish(run);
}

/** A kernel run handed to the worker by startChunks; `finish` runs what is left here. */
export interface StartedChunks<J> {
  /**
   * Claim the items the worker has not, run them on this thread, and return when all
   * are done (synchronously): runChunks' second half. Returns how many the worker ran.
   */
  finish(run: (job: J, k: number) => void): number;
}

/**
 * Hand items 0..count-1 of `kernel` to the worker and return at once, so this thread
 * does other work meanwhile; `finish` later runs the items still unclaimed here and waits
 * for the rest (as runChunks). Undefined where no worker can run (run the items here).
 * A kernel run started later waits for the worker behind this one: this thread then
 * claims its items alone.
 */
export function startChunks<J>(kernel: string, job: J, count: number, opts: { holdBackground?: boolean } = {}): StartedChunks<J> | undefined {
  const w = chunkWorker();
  if (!w) return undefined;
  const control = new Int32Array(new SharedArrayBuffer(4 * (HEAD + count)));
  // Both threads run the kernel now (runChunks): background work (the input hash) waits
  // at the gate until this thread has no item left to claim, and takes the idle core from
  // then on. A run started ahead holds no gate: this thread is busy with other work.
  const hold = opts.holdBackground && backgroundHoldPays() ? holdBackground() : undefined;
  w.postMessage({ kernel, job, count, control } satisfies ChunkMessage);
  return {
    finish(run) {
      let mine: number;
      try {
        mine = claimChunks(run, job, count, control);
      } finally {
        if (hold) releaseBackground(hold);
      }
      let seen = Atomics.load(control, DONE_COUNT);
      while (seen < count) {
        if (Atomics.wait(control, DONE_COUNT, seen, STALL_MS) === 'timed-out' && Atomics.load(control, DONE_COUNT) === seen) {
          workerBroken = true;
          for (let k = 0; k < count; ++k) if (Atomics.load(control, HEAD + k) !== DONE) run(job, k);
          return 0;
        }
        seen = Atomics.load(control, DONE_COUNT);
      }
      return count - mine;
    },
  };
}

/** Claim and run items until none is left (the worker runs this too); returns how many this thread ran. */
export function claimChunks<J>(run: (job: J, k: number) => void, job: J, count: number, control: Int32Array): number {
  for (let mine = 0; ; ++mine) {
    const k = Atomics.add(control, NEXT, 1);
    if (k >= count) return mine;
    run(job, k);
    Atomics.store(control, HEAD + k, DONE);
    Atomics.add(control, DONE_COUNT, 1);
    Atomics.notify(control, DONE_COUNT);
  }
}

/**
 * Start the worker thread ahead of a big run (it takes ~50 ms to start), so that it
 * shares the first kernel run from its start; no-op where it cannot run.
 */
export function startChunkWorker(): void {
  chunkWorker();
}

/** Whether the worker thread has been started (and has not exited). */
export function chunkWorkerStarted(): boolean {
  return worker !== undefined;
}

/** Whether a worker thread can share kernel runs here (starting it if need be). */
export function chunkWorkerAvailable(): boolean {
  return chunkWorker() !== undefined;
}

/** The worker, when kernels may run on a second thread here (two or more cores, compiled worker). */
function chunkWorker(): Worker | undefined {
  if (workerBroken) return undefined;
  if (worker) return worker;
  if (availableParallelism() < 2 || !existsSync(fileURLToPath(WORKER_URL))) return undefined;
  try {
    worker = new Worker(WORKER_URL);
  } catch {
    workerBroken = true;
    return undefined;
  }
  // An idle worker must not keep the process alive.
  worker.unref();
  worker.on('error', () => {
    workerBroken = true;
    worker = undefined;
  });
  worker.on('exit', () => {
    worker = undefined;
  });
  return worker;
}
