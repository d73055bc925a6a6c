import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { inlinePart, PARQUET_WORKER_URL, partWorker } from '../../../src/load/parquet/part-worker.js';
import type { ParquetPartJob } from '../../../src/load/parquet/parquet-part.js';

// Where bin/kohort.js leaves a worker it started ahead (src/load/prestart.ts).
const key = Symbol.for('kohort.prestarted-worker');

/** A stand-in for a worker thread that answers each job with `{ part: job }`. */
function fakeWorker(): Worker & { refs: number; terminated: boolean } {
  const w = Object.assign(new EventEmitter(), { refs: 0, terminated: false }) as unknown as Worker & { refs: number; terminated: boolean };
  Object.assign(w, {
    ref: () => ++w.refs,
    postMessage: (job: unknown) => queueMicrotask(() => w.emit('message', { part: job })),
    terminate: () => ((w.terminated = true), Promise.resolve(0)),
  });
  return w;
}

describe('partWorker()', () => {
  it('takes the Parquet worker bin/kohort.js started ahead, once', async () => {
    const g = globalThis as { [key]?: unknown };
    const fake = fakeWorker();
    g[key] = { url: PARQUET_WORKER_URL.href, worker: fake, online: false };
    const worker = partWorker();
    expect(g[key]).toBeUndefined();
    expect(fake.refs).toBe(1);
    expect(await worker.run({ groupStart: 3 } as ParquetPartJob)).toEqual({ part: { groupStart: 3 } });
    await worker.stop();
    expect(fake.terminated).toBe(true);
  });

  it('leaves a worker started ahead for another script', async () => {
    const g = globalThis as { [key]?: unknown };
    const other = { url: 'file:///elsewhere/csv-worker.js', worker: fakeWorker(), online: true };
    g[key] = other;
    // No built script when run from the sources: the worker started now fails, and says so.
    const worker = partWorker();
    expect(g[key]).toBe(other);
    delete g[key];
    await worker.stop();
  });
});

describe('inlinePart(job)', () => {
  it('answers a job it cannot read with an error, as a worker would', async () => {
    const reply = await inlinePart({ path: '/nonexistent/x.parquet', layout: [], columns: [], groupStart: 0, groupEnd: 1 } as unknown as ParquetPartJob);
    expect('error' in reply).toBe(true);
  });
});
