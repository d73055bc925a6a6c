import { decodeParquetPart, type ParquetPartJob } from './parquet-part.js';
import type { ParquetWorkerJob, ParquetWorkerReply } from './parquet-worker.js';
import { jobWorker, startWorker, workerAvailable, type JobWorker } from '../../parallel/worker-job.js';
import { takePrestartedWorker } from '../prestart.js';
import { distUrl } from '../../dist-url.js';

/** The Parquet worker's script (built; parquet-worker.ts). */
export const PARQUET_WORKER_URL = distUrl('./load/parquet/parquet-worker.js');

/** Whether the Parquet worker can run here: its script is built (not when running from TypeScript sources). */
export function partWorkerAvailable(): boolean {
  return workerAvailable(PARQUET_WORKER_URL);
}

/**
 * The worker thread that decodes the worker's part of a split Parquet file: the one
 * bin/kohort.js started with the process for a big file (parquet-prestart.ts), else one
 * started now.
 */
export function partWorker(): JobWorker<ParquetWorkerJob, ParquetWorkerReply> {
  const prestarted = takePrestartedWorker(PARQUET_WORKER_URL);
  return prestarted
    ? jobWorker<ParquetWorkerJob, ParquetWorkerReply>(prestarted.worker)
    : startWorker<ParquetWorkerJob, ParquetWorkerReply>(PARQUET_WORKER_URL);
}

/**
 * Decode a part on this thread (readParquet's `workers: "inline"`, for tests), passed
 * through structured cloning as a worker's would be.
 */
export async function inlinePart(job: ParquetPartJob): Promise<ParquetWorkerReply> {
  try {
    const part = await decodeParquetPart(job);
    return { part: structuredClone(part) };
  } catch (err) {
    return { error: String(err) };
  }
}
