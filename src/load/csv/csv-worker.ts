import { parentPort } from 'node:worker_threads';
import { parseCsvPart, transferList, type CsvPartJob } from './csv-range.js';
import type { CsvPart } from './csv-options.js';
import { publishEarly, type EarlyValues } from './early-values.js';
import { releaseBackground, type BackgroundHold } from '../../parallel/background-gate.js';

/** A job for the CSV worker: a part to read, and where to report bytes read. */
export interface CsvWorkerJob extends CsvPartJob {
  /** Element 0 is set to the bytes read so far (for progress). */
  progress?: Float64Array;
  /** Released when this part is read (see holdBackground): a core is free from then on. */
  hold?: BackgroundHold;
  /** Once element 0 is set, post text columns' new values as notes while reading (see early-values.ts). */
  early?: Int32Array;
  /** The fewest values a note carries (see publishEarly). */
  earlyMin?: number;
}

/** A note the worker posts while it reads: text values to absorb early. */
export type CsvWorkerNote = EarlyValues;

/** The worker's answer: the part read, or why it could not be read. */
export type CsvWorkerReply = { part: CsvPart } | { error: string };

// Reads parts of a CSV file for csv-split.ts, one job per message.
parentPort?.on('message', async (job: CsvWorkerJob) => {
  let reply: CsvWorkerReply;
  try {
    const progress = job.progress;
    const early = job.early && publishEarly(job.early, (note, transfer) => parentPort!.postMessage({ note }, transfer), job.modes, job.earlyMin);
    reply = { part: await parseCsvPart(job, progress ? (bytes) => void (progress[0] = bytes) : undefined, early) };
  } catch (err) {
    reply = { error: (err as Error).message ?? String(err) };
  }
  if (job.hold) releaseBackground(job.hold);
  parentPort!.postMessage(reply, 'part' in reply ? transferList(reply.part) : []);
});
