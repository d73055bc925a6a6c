import { parentPort } from 'node:worker_threads';
import { codeDictBuffers } from '../dict/code-dict-state.js';
import { keyChunks, type KeyJob } from './key-rows.js';
import { decodeParquetPart, type ParquetPart, type ParquetPartJob } from './parquet-part.js';

/** A job: a part to decode, or then the dictionary columns' keys to help with (key-rows.ts). */
export type ParquetWorkerJob = ParquetPartJob | { keys: KeyJob };

/** The worker's answer: the part decoded (or the keys done: their counts are in the job's shared state), or why it could not be. */
export type ParquetWorkerReply = { part: ParquetPart } | { keys: true } | { error: string };

// Decodes row groups of a Parquet file for read-parquet.ts, one job per message.
parentPort?.on('message', (job: ParquetWorkerJob) => {
  if ('keys' in job) {
    try {
      keyChunks(job.keys);
      parentPort!.postMessage({ keys: true } satisfies ParquetWorkerReply);
    } catch (err) {
      parentPort!.postMessage({ error: String((err as Error)?.message ?? err) } satisfies ParquetWorkerReply);
    }
    return;
  }
  decodeParquetPart(job).then(
    (part) => {
      const list: ArrayBuffer[] = [];
      for (const c of part.columns) {
        if (c.f64) list.push(c.f64.buffer as ArrayBuffer);
        if (c.i32) list.push(c.i32.buffer as ArrayBuffer);
        if (c.dict) list.push(...codeDictBuffers(c.dict));
      }
      parentPort!.postMessage({ part } satisfies ParquetWorkerReply, list);
    },
    (err: unknown) => parentPort!.postMessage({ error: String((err as Error)?.message ?? err) } satisfies ParquetWorkerReply),
  );
});
