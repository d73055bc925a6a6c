import { closeSync, openSync, readSync } from 'node:fs';
import { EMPTY, NUMBER, SKIP, STRING, TIME, type ColumnMode } from './column-mode.js';
import { mergedMode } from './csv-column.js';
import type { CsvReader } from './csv-core.js';
import type { CsvOptions, CsvPart } from './csv-options.js';
import { CsvParser } from './csv-parser.js';
import { parseCsvPart, readRange, transferList, type CsvPartJob } from './csv-range.js';
import type { CsvWorkerJob, CsvWorkerNote, CsvWorkerReply } from './csv-worker.js';
import { absorbEarly, forgetEarly, publishEarly } from './early-values.js';
import type { Dataset } from '../dataset.js';
import { fileError } from '../file-bytes.js';
import type { Progress } from '../progress.js';
import { backgroundHoldPays, holdBackground, releaseBackground } from '../../parallel/background-gate.js';
import { jobWorker, startWorker, workerAvailable, type JobWorker } from '../../parallel/worker-job.js';
import { takePrestartedWorker } from '../prestart.js';
import { PRESTART_BYTES } from './csv-prestart.js';
import { distUrl } from '../../dist-url.js';

/** How a CSV file on disk is read. */
export interface CsvFileOptions {
  /** Files at least this big are read by two threads (default 32 MB). */
  splitBytes?: number;
  /** Share of the file the main thread reads (default: see mainShare, 0.53 or 0.47). */
  mainShare?: number;
  /**
   * How the second part is read: "worker" (a worker thread; the default when the
   * compiled worker script exists), "inline" (after the first, on this thread: the
   * same split and merge, for tests) or "none" (no split).
   */
  runner?: 'worker' | 'inline' | 'none';
  /** Told the bytes read so far. */
  progress?: Progress;
  /** Bytes read before splitting, to learn the delimiter and header (default 64 kB). */
  headBytes?: number;
  /** The fewest new text values the other part hands over at a time before it is done (see early-values.ts; default 1024). */
  earlyMin?: number;
  /** Absorbs the other part's early values (default absorbEarly of early-values.ts; tests wrap it). */
  absorbEarly?: (parser: CsvReader, note: CsvWorkerNote) => void;
}

const WORKER_URL = distUrl('./load/csv/csv-worker.js');
/**
 * The first bytes read before splitting: the delimiter (sniffed from 64 kB) and header are
 * known by then. The worker waits for them while this thread parses them with code not
 * yet optimized: 20-34 ms of CPU for 1 MB (uuid, e-mail shapes), 4-13 ms for 64 kB.
 */
const HEAD_BYTES = 1 << 16;
/**
 * The sizes of the files being read in two parts now. A file no bigger than one of them is
 * read by this thread alone: compare reads customers.csv once this thread is done with its
 * part of events.csv, while the worker still reads the rest, so both cores are busy
 * already. Split too, it cost 0.12-0.16 s more CPU for 1M customers (a third thread's
 * start-up and compiled code, the part's copy and join) for no gain in time; reusing the
 * worker for it (its part queued there) cost as much.
 */
const splitting: number[] = [];

/**
 * Read an uncompressed CSV file into a Dataset. A big file is split at a line end
 * into two byte ranges read at once, the first by this thread and the second by a
 * worker thread, each into its own typed columns, which are then joined (the
 * worker's dictionary codes translated into this thread's, see CodeDict.absorb).
 *
 * Quotes can hide line ends, so the split is checked: this thread reads its range
 * from the start of the file, and only if its last record ends exactly at the split
 * point is the worker's part used; otherwise (or if the worker fails, e.g. on a
 * ragged row) this thread reads on to the end itself, which also gives errors their
 * true row numbers. Columns inferred differently in the two parts (numbers in one,
 * text in the other) end up as if read by one thread: text parts are re-read. A file
 * read while a bigger one is split is read by this thread alone (see `splitting`).
 */
export async function readCsvFile(path: string, size: number, opts: CsvOptions, how: CsvFileOptions = {}): Promise<Dataset> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return fileError(err, path);
  }
  try {
    const parser = new CsvParser({ sizeHint: size, shared: true, ...opts });
    const runner = how.runner ?? (workerAvailable(WORKER_URL) ? 'worker' : 'none');
    const progress = how.progress;
    let split = false;
    if (runner !== 'none' && size >= (how.splitBytes ?? PRESTART_BYTES) && !splitting.some((s) => s >= size)) {
      splitting.push(size);
      try {
        split = await readSplit(fd, path, size, parser, runner, how, progress);
      } finally {
        splitting.splice(splitting.indexOf(size), 1);
      }
    }
    if (!split) await readRange(fd, parser, 0, size, true, (bytes) => progress?.update(bytes));
    parser.markersToText();
    if (parser.needsRefill) {
      // Some columns turned out to be text: re-read just the rows before that point.
      parser.startRefill();
      await readRange(fd, parser, 0, size, true);
    }
    progress?.done();
    return parser.toDataset();
  } finally {
    closeSync(fd);
  }
}

/**
 * Read the file in two parts into `parser` (see readCsvFile). Returns false, having
 * read nothing past the head, when the file cannot be split; true when `parser` holds
 * every row (joined, or read to the end by this thread after a failed split).
 */
async function readSplit(
  fd: number,
  path: string,
  size: number,
  parser: CsvParser,
  runner: 'worker' | 'inline',
  how: CsvFileOptions,
  progress: Progress | undefined,
): Promise<boolean> {
  // The head: delimiter (sniffed from the first 64 kB), header and the first column modes.
  const headEnd = Math.min(size, Math.max(how.headBytes ?? HEAD_BYTES, parser.delimiter === undefined ? 1 << 16 : 0));
  // Raised once this thread's part is read: the worker then posts its text values for
  // this thread to absorb while it waits (see early-values.ts).
  const early = new Int32Array(new SharedArrayBuffer(4));
  const absorb = how.absorbEarly ?? absorbEarly;
  // Called from the worker's message listener: a throw there would be uncaught. Should an
  // absorb fail, the early hand-over is abandoned and the plain absorb looks every value
  // up again (the same codes).
  const onNote = (note: CsvWorkerNote): void => {
    if (Atomics.load(early, 0) !== 1) return;
    try {
      absorb(parser, note);
    } catch {
      Atomics.store(early, 0, 2);
      forgetEarly(parser);
    }
  };
  // The worker starts before the head is read (or was started with the process: csv-prestart.ts).
  const prestarted = runner === 'worker' ? takePrestartedWorker(WORKER_URL) : undefined;
  let other: JobWorker<CsvWorkerJob, CsvWorkerReply> | undefined;
  if (prestarted) other = jobWorker<CsvWorkerJob, CsvWorkerReply, CsvWorkerNote>(prestarted.worker, onNote);
  else if (runner === 'worker') other = startWorker<CsvWorkerJob, CsvWorkerReply, CsvWorkerNote>(WORKER_URL, onNote);
  let left: number;
  try {
    left = await readRange(fd, parser, 0, headEnd, false);
  } catch (err) {
    void other?.stop();
    throw err;
  }
  const names = parser.columnNames;
  const share = how.mainShare ?? mainShare(parser, prestarted?.online ?? false);
  const start = headEnd - left;
  const splitAt = names === null || headEnd === size ? -1 : lineStartAfter(fd, Math.max(start, Math.floor(size * share)), size);
  if (splitAt < 0) {
    void other?.stop();
    await readRange(fd, parser, start, size, true, (b) => progress?.update(start + b));
    return true;
  }
  const job: CsvPartJob = {
    path,
    start: splitAt,
    end: size,
    file: parser.fileName,
    delimiter: parser.delimiter,
    header: false,
    names: [...names!],
    // Columns already text here are text in the whole file: no need to infer them.
    modes: parser.builders.map((c): ColumnMode => (c.mode === SKIP ? SKIP : c.mode === STRING ? STRING : EMPTY)),
  };
  const counter = new Float64Array(new SharedArrayBuffer(8));
  // Both threads read now: background work (the input hash) waits until one is done
  // and a core is free again (unless other processes keep the cores busy anyway).
  const hold = other && backgroundHoldPays() ? holdBackground() : undefined;
  const release = () => hold && releaseBackground(hold);
  const pending = other?.run({ ...job, progress: counter, hold, early, earlyMin: how.earlyMin });
  const mainBytes = (b: number) => progress?.update(start + b + counter[0]);
  try {
    const rest = await readRange(fd, parser, start, splitAt, false, mainBytes);
    release();
    if (rest > 0) {
      // The split point is inside a quoted field: read on alone.
      await readRange(fd, parser, splitAt - rest, size, true, (b) => progress?.update(splitAt - rest + b));
      return true;
    }
    Atomics.store(early, 0, 1);
    // Inline, the part hands its values over as the worker would (tests take that path).
    const inline = publishEarly(early, (note) => onNote(note), job.modes, how.earlyMin);
    let part = await readPart(job, pending, inline);
    // From here no more notes are absorbed: the part (or this thread) adds the rest.
    Atomics.store(early, 0, 2);
    if (part !== null) {
      const rerun = reconcile(parser, part);
      if (rerun !== null) {
        forgetEarly(parser);
        part = await readPart({ ...job, modes: rerun }, other?.run({ ...job, modes: rerun }));
      }
      if (part !== null && reconcile(parser, part) !== null) part = null;
    }
    if (part === null) forgetEarly(parser);
    // The worker's thread ends beside the join, its memory freed on the other core.
    // Awaited, its exit kept the join waiting 11-27 ms.
    void other?.stop();
    if (part === null) await readRange(fd, parser, splitAt, size, true, (b) => progress?.update(splitAt + b));
    else await parser.appendPart(part);
    return true;
  } finally {
    release();
    void other?.stop();
  }
}

/**
 * The share of the file this thread reads, from the head: 0.53 when the worker starts now
 * (it reads its first byte later), 0.5 when it already runs (started with the process,
 * csv-prestart.ts); 0.01 less when a column is text of many distinct values (UUIDs,
 * e-mails) hashed one by one: this thread looks each of the worker's distinct values up
 * in its own table while the worker reads on (see early-values.ts), but the worker reads
 * such a column more slowly (its table is new and it hands its values over), so the CPU
 * times of both threads are about even there (measured per thread on the uuid and
 * e-mail shapes: at 0.44 the worker took 0.2 s more than this thread's read and join).
 */
function mainShare(parser: CsvParser, workerRuns: boolean): number {
  const rows = parser.rowCount;
  // 512: the 64 kB head holds ~1,000 rows of UUIDs and the time (fewer with more columns).
  const manyTexts = parser.builders.some((c) => c.mode === STRING && c.dict !== null && rows >= 512 && c.dict.hashedSize * 4 > rows);
  return (workerRuns ? 0.5 : 0.53) - (manyTexts ? 0.01 : 0);
}

/** The part read by the worker (or inline, handing values over early to `early`), or null if it failed. */
async function readPart(
  job: CsvPartJob,
  pending: Promise<CsvWorkerReply | { error: string }> | undefined,
  early?: (parser: CsvReader) => void,
): Promise<CsvPart | null> {
  if (pending === undefined) {
    try {
      // Through structured cloning, as the worker's answer would come.
      const part = await parseCsvPart(job, undefined, early);
      return structuredClone(part, { transfer: transferList(part) });
    } catch {
      return null;
    }
  }
  const reply = await pending;
  return 'part' in reply ? reply.part : null;
}

/**
 * Make the modes of this thread's columns fit the part's: columns that are text in
 * one part and numbers or times in the other become text. Returns null when the part
 * can be appended, or the modes to read the part again with (text where it had
 * numbers or times that must become text).
 */
function reconcile(parser: CsvParser, part: CsvPart): ColumnMode[] | null {
  let rerun = false;
  const modes = parser.builders.map((c, i): ColumnMode => {
    const p = part.columns[i];
    const mode = mergedMode(c.mode, c.zoned, p.mode, p.zoned);
    if (mode === STRING && (p.mode === NUMBER || p.mode === TIME)) rerun = true;
    return mode === SKIP ? SKIP : mode === STRING ? STRING : EMPTY;
  });
  if (rerun) return modes;
  parser.builders.forEach((c, i) => {
    const p = part.columns[i];
    if (mergedMode(c.mode, c.zoned, p.mode, p.zoned) === STRING) c.forceStrings(parser.rowCount);
  });
  return null;
}

/**
 * The index just after the first line feed at or after `from`, or -1 if there is
 * none in the next 4 MB (or before the end).
 */
function lineStartAfter(fd: number, from: number, size: number): number {
  const buf = new Uint8Array(1 << 16);
  for (let pos = from; pos < size && pos < from + (4 << 20); pos += buf.length) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
    const i = buf.subarray(0, n).indexOf(0x0a);
    if (i >= 0) return pos + i + 1 < size ? pos + i + 1 : -1;
    if (n === 0) break;
  }
  return -1;
}
