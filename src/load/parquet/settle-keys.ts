// A split Parquet read's dictionary columns settled on both threads (see key-rows.ts).
import type { JobWorker } from '../../parallel/worker-job.js';
import { isShared } from '../../parallel/shared-storage.js';
import { keyChunkCount, keyChunks, keyJob, keyNulls } from './key-rows.js';
import type { FastParquetColumn } from './parquet-columns.js';
import type { ParquetWorkerJob, ParquetWorkerReply } from './parquet-worker.js';

/**
 * Turn the dictionary columns' codes into keys on this thread and the worker, which
 * has just sent its part, while this thread writes the values' texts; each column's
 * finish then makes no pass of its own. Nothing is done (finish settles alone) without
 * a worker, or when a column's codes are not on shared memory.
 */
export async function settleKeys(cols: readonly FastParquetColumn[], worker: JobWorker<ParquetWorkerJob, ParquetWorkerReply> | undefined): Promise<void> {
  const dictCols = cols.filter((c) => c.out.dict !== undefined);
  if (worker === undefined || dictCols.length === 0 || !dictCols.every((c) => isShared(c.out.i32!))) return;
  const job = keyJob(dictCols.map((c) => c.keyColumn()));
  const helped = worker.run({ keys: job });
  for (const c of dictCols) c.settleValues();
  keyChunks(job);
  // Every chunk done: the worker has nothing left to write (its reply need not be awaited).
  if (Atomics.load(job.state, 1) !== keyChunkCount(job)) await helped;
  const nulls = keyNulls(job);
  if (nulls === null) throw new Error('the Parquet worker stopped while it turned ids into keys');
  dictCols.forEach((c, i) => c.keysDone(nulls[i]));
}
