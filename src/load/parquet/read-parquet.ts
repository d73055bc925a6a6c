import {
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type ColumnData,
  type FileMetaData,
} from 'hyparquet';
import { codecsReady, compressors } from './parquet-codecs.js';
import { fail, KohortError } from '../../errors.js';
import { isTextColumn, type Dataset, type TextColumns } from '../dataset.js';
import { fastColumn } from './parquet-pages.js';
import { ChunkFile, decodeGroups, groupLayout, type ChunkSource, type ParquetPartJob } from './parquet-part.js';
import { claimedBack, claimedFront, groupClaims, MAX_CLAIM_GROUPS } from './group-claims.js';
import { inlinePart, partWorker, partWorkerAvailable } from './part-worker.js';
import { takeLast } from './take-last.js';
import { settleKeys } from './settle-keys.js';
import { decodeNumberGroups, groupRange, helpFront } from './help-numbers.js';
import { startChunkWorker } from '../../parallel/run-chunks.js';
import { makeDataset } from '../make-dataset.js';
import { isShared } from '../../parallel/shared-storage.js';
import { backgroundHoldPays, holdBackground, releaseBackground } from '../../parallel/background-gate.js';
import type { Progress } from '../progress.js';
import { FastParquetColumn, kindOf, ParquetColumn, parsers } from './parquet-columns.js';
import { parquetFooter } from './parquet-footer.js';
import { neededBytes, noSplit, splitWork } from './split-work.js';

/** Options of readParquet. */
export interface ParquetOptions {
  file: string;
  /** Read only these columns (the others' bytes are not even fetched). */
  columns?: readonly string[];
  /** Columns read as text (ids): numbers become their exact decimal text, INT64 from its bigint. */
  text?: TextColumns;
  progress?: Progress;
  /**
   * The file's path, when `input` reads it from disk: a big file's row groups are
   * then split with a worker thread, which opens the file itself.
   */
  path?: string;
  /**
   * How a big file's work is split with the worker: "auto" (default; see splitWork),
   * or always by "rows" (row groups) or by "columns" where it can be.
   */
  split?: 'auto' | 'rows' | 'columns';
  /**
   * Decode in a worker thread when it pays (default true; false starts no thread, the
   * kernels' worker neither, which a big file otherwise starts early); "inline" splits the same
   * way but decodes the second part on this thread, interleaved with the first, or
   * "inline-first" all of it first, as a worker done before this thread (for tests).
   */
  workers?: boolean | 'inline' | 'inline-first';
  /** Split only when at least this many compressed bytes are to be decoded (default 16 MB). */
  splitBytes?: number;
  /** Give files of at least this many rows shared storage that the worker fills in place (default 2^20). */
  sharedRows?: number;
  /** false: decode every column with hyparquet (the reference the fast decoder is tested against). */
  fast?: boolean;
}

/** Files with at least this many rows get shared storage (see readParquet). */
const SHARED_ROWS = 1 << 20;
/** A file read from disk of this size starts the kernels' worker (as api/matrix.ts WARM_BYTES). */
const WARM_BYTES = 16 << 20;
/** Below this many compressed bytes to decode, one thread does it all. */
const SPLIT_BYTES = 16 << 20;
/**
 * Compressed bytes that the readParquet calls on this thread have still to decode here
 * (loadInputs reads the customers file beside the activity file). A file split with a
 * worker leaves this thread that much less of its own rows (see splitWork), the worker the
 * more: otherwise the worker is done first and idle while this thread still decodes.
 */
let pendingHere = 0;
/**
 * A byte of another file here costs about this many of the split file's (its dictionaries'
 * last passes too; 10M compare: customers' 1M ids compress 34:1). Should this thread then
 * finish its part first, it takes the worker's last row groups back (claimBack).
 */
const OTHER_WEIGHT = 2;

/**
 * Read a Parquet file (bytes, or hyparquet's AsyncBuffer for a file on disk) column
 * by column, one row group at a time, with zstd, snappy, gzip, brotli and lz4
 * support. Numbers (INT64 included) -> Float64Array; strings -> DictColumn;
 * BOOLEAN -> boolean; TIMESTAMP with isAdjustedToUTC (and legacy TIMESTAMP_*) ->
 * timestamp, TIMESTAMP without it, INT96 and DATE -> wallclock (epoch ms). Nested
 * columns become their JSON text. A corrupt file fails with `badFile`.
 *
 * Flat string, integer, float, date and timestamp columns, PLAIN or dictionary
 * encoded, are decoded page by page straight into typed arrays (parquet-pages.ts),
 * the row groups of a big file split between this thread and a worker; the other
 * columns, and any column that decoder does not read, go through hyparquet.
 */
export async function readParquet(input: Uint8Array | ArrayBuffer | AsyncBuffer, opts: ParquetOptions): Promise<Dataset> {
  // This file's bytes still to decode on this thread (see pendingHere): its size at once,
  // so that a file read beside it plans its split knowing of it, then the bytes it needs.
  // Counted inside the try, so that its finally takes back whatever this call added.
  let mine = 0;
  const decodedHere = (b: number) => {
    const d = Math.min(b, mine);
    mine -= d;
    pendingHere -= d;
  };
  try {
    mine = input.byteLength;
    pendingHere += mine;
    await codecsReady();
    const file: AsyncBuffer =
      input instanceof Uint8Array
        ? (input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer)
        : input;
    // A file's footer as its schema was read for the run's plan (readColumnNames), if it was.
    const metadata: FileMetaData = opts.path && !(input instanceof Uint8Array || input instanceof ArrayBuffer) ? await parquetFooter(opts.path, file) : await parquetMetadataAsync(file, { parsers });
    const rows = Number(metadata.num_rows);
    const wanted = opts.columns ? new Set(opts.columns) : null;
    const children = parquetSchema(metadata).children.filter((c) => wanted === null || wanted.has(c.element.name));
    const chunkIndex = (name: string) =>
      metadata.row_groups[0]?.columns.findIndex((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name) ?? -1;
    // Big files likely split with a worker: their storage is shared, so the worker
    // decodes straight into it (no part copied back, no second copy at the peak).
    const shareable = !!opts.path && opts.workers !== false && opts.workers !== 'inline' && opts.workers !== 'inline-first' && rows >= (opts.sharedRows ?? SHARED_ROWS);
    let fast: FastParquetColumn[] = [];
    const slow: ParquetColumn[] = [];
    const order: (FastParquetColumn | ParquetColumn)[] = [];
    for (const c of children) {
      const nested = c.children.length > 0;
      const name = c.element.name;
      const asText = isTextColumn(opts.text, name) && kindOf(c.element, nested) === 'number';
      const kind = asText ? 'string' : kindOf(c.element, nested);
      const spec = opts.fast === false ? null : fastColumn(c.element, nested, asText);
      const chunk = spec ? chunkIndex(name) : -1;
      if (spec && chunk >= 0) {
        const col = new FastParquetColumn(name, kind, { name, chunk, spec }, rows, shareable);
        fast.push(col);
        order.push(col);
      } else {
        const col = new ParquetColumn(name, kind, rows);
        slow.push(col);
        order.push(col);
      }
    }
    // Progress in the file's bytes, though only the chunks needed are read.
    const groups = metadata.row_groups;
    const groupBytes = groups.map((g) => neededBytes(g.columns, new Set(fast.map((c) => c.name))));
    const total = groupBytes.reduce((a, b) => a + b, 0);
    decodedHere(mine);
    const others = pendingHere;
    // All of them until the split is known.
    mine = total;
    pendingHere += mine;
    let done = 0;
    const counter = new Float64Array(new SharedArrayBuffer(8));
    const report = () => opts.progress?.update(total > 0 ? ((done + counter[0]) / total) * file.byteLength : 0);

    // Work split with a worker: by columns when the dictionary columns and the others
    // are about even (one dictionary then, not one per thread to merge, so less memory
    // at the peak), else by row groups, the worker taking the last ones.
    const inline = opts.workers === 'inline' || opts.workers === 'inline-first';
    const canSplit = !!opts.path && opts.workers !== false && fast.length > 0 && total >= (opts.splitBytes ?? SPLIT_BYTES) && (inline || partWorkerAvailable());
    const sharedColumn = (c: FastParquetColumn) => isShared((c.out.f64 ?? c.out.i32)!);
    const byColumns = opts.split !== 'rows' && shareable && fast.every(sharedColumn) && !inline;
    const share = Math.max(0.25, 0.5 - (OTHER_WEIGHT * others) / (2 * Math.max(total, 1)));
    const plan = canSplit ? splitWork(fast, groups, groupBytes, total, byColumns, opts.split === 'columns', share) : noSplit(fast, groups.length);
    // The worker's rows are not this thread's to decode (unless it takes some back).
    if (plan.workerCols.length > 0) {
      const names = new Set(plan.workerCols.map((c) => c.name));
      let theirs = 0;
      for (let g = plan.workerGroups[0]; g < plan.workerGroups[1]; ++g) theirs += neededBytes(groups[g].columns, names);
      decodedHere(theirs);
    }
    const into = inline || (plan.workerCols.length && plan.workerCols.every(sharedColumn)) ? plan.workerCols.map((c) => ({ f64: c.out.f64, i32: c.out.i32 })) : undefined;
    // Split by row groups into shared storage: the worker claims its groups one at a
    // time, and this thread takes the last ones when its own part is done first (the
    // worker starts later, or gets less of a busy machine).
    const stealing = into !== undefined && plan.mainCols === plan.workerCols && groups.length < MAX_CLAIM_GROUPS;
    const claims = stealing ? groupClaims(plan.workerGroups[0], plan.workerGroups[1]) : undefined;
    // And the worker, once done, takes this thread's last groups of the number columns.
    const numberCols = claims ? plan.mainCols.filter((c) => c.out.f64 !== undefined) : [];
    const help = numberCols.length > 0 && plan.mainGroups[0] < plan.mainGroups[1] ? groupClaims(plan.mainGroups[0], plan.mainGroups[1]) : undefined;
    const job: ParquetPartJob = {
      path: opts.path!, layout: groupLayout(metadata, plan.workerCols.map((c) => c.spec.chunk)), columns: plan.workerCols.map((c) => c.spec), groupStart: plan.workerGroups[0], groupEnd: plan.workerGroups[1], progress: counter, into, at: plan.at, claims, help,
    };
    const hasPart = plan.workerCols.length > 0 && plan.workerGroups[0] < plan.workerGroups[1];
    // Started with the process by bin/kohort.js for a big file (parquet-prestart.ts), else now.
    const worker = hasPart && !inline ? partWorker() : undefined;
    // Both threads decode now, then settle the dictionaries: background work (the input
    // hash, started before the load) waits at the gate and runs once a core is idle.
    const hold = worker && backgroundHoldPays() ? holdBackground() : undefined;
    // A big file read by this thread alone leaves the other core free: the kernels' worker
    // starts now, as warmChunkWorker starts it for other big inputs (not with workers: false).
    if (!hasPart && opts.path && opts.workers !== false && input.byteLength >= WARM_BYTES) startChunkWorker();
    let chunks: ChunkFile | undefined;
    try {
      // One open file for this thread's reads (its part, the groups it takes back).
      // The worker's job goes first: it starts while this thread opens the file.
      // Inline (tests): the worker's part runs on this thread too, interleaved with this
      // one at each read, so groups are claimed from both ends as with a worker.
      const pending = worker?.run(job) ?? (hasPart && inline ? inlinePart(job) : undefined);
      if (opts.workers === 'inline-first') await pending;
      // Its core is then free for the kernels' worker to start up (see warmChunkWorker).
      if (worker) void pending!.then(() => startChunkWorker());
      chunks = opts.path ? await ChunkFile.open(opts.path) : undefined;
      const source: ChunkSource = opts.path ? { path: opts.path, file: chunks } : file;
      // This thread's part; a column the fast decoder cannot read goes to hyparquet whole.
      const failed = new Set<FastParquetColumn>();
      const here = (b: number) => {
        done += b;
        decodedHere(b);
        report();
      };
      for (const col of plan.mainCols) {
        if (help && col.out.f64) continue;
        try {
          await decodeGroups(source, metadata, col.spec, col.out, plan.mainGroups[0], plan.mainGroups[1], 0, here);
        } catch (err) {
          if (err instanceof KohortError) throw err;
          failed.add(col);
        }
      }
      if (help) await decodeNumberGroups(source, metadata, numberCols, failed, helpFront(help), here);
      // The worker's last row groups, while it has not claimed them.
      const taken = claims && hasPart ? await takeLast(claims, source, metadata, plan.workerCols, failed, (b) => {
        done += b;
        report();
      }) : [];
      // The worker's part; none when this thread took all of it (a worker still starting
      // then is not waited for: it can claim nothing more).
      const tookAll = claims !== undefined && hasPart && claimedFront(claims) === plan.workerGroups[0] && (!help || claimedBack(help) === plan.mainGroups[1]);
      const reply = pending && !tookAll ? await pending : undefined;
      // A worker that sent its part helps to settle the dictionaries below; else its
      // memory goes before the join needs more.
      const helper = reply && 'part' in reply ? worker : undefined;
      if (!helper) {
        await worker?.stop();
        if (worker) startChunkWorker();
      }
      // Its groups: all of its range, or with claims those it claimed.
      const workerEnd = claims ? claimedFront(claims) : plan.workerGroups[1];
      if (reply && 'part' in reply) {
        plan.workerCols.forEach((col, i) => failed.has(col) || col.append(reply.part.columns[i], plan.at, reply.part.rows));
      } else {
        // No part: the groups it had claimed, of its range and of this thread's number columns.
        if (hasPart && workerEnd > plan.workerGroups[0]) {
          for (const col of plan.workerCols) {
            if (failed.has(col)) continue;
            try {
              await decodeGroups(source, metadata, col.spec, col.out, plan.workerGroups[0], workerEnd, plan.at);
            } catch (err) {
              if (err instanceof KohortError) throw err;
              failed.add(col);
            }
          }
        }
        if (help) await decodeNumberGroups(source, metadata, numberCols, failed, groupRange(claimedBack(help), plan.mainGroups[1]), () => undefined);
      }
      // The groups taken back, each after the rows before it (dictionaries in row order).
      for (const t of taken) plan.workerCols.forEach((col, i) => failed.has(col) || col.append(t.parts[i], t.at, t.rows));
      for (const col of failed) {
        const replacement = new ParquetColumn(col.name, col.kind, rows);
        order[order.indexOf(col)] = replacement;
        slow.push(replacement);
      }
      fast = fast.filter((c) => !failed.has(c));
      if (helper) {
        await settleKeys(fast, helper);
        await helper.stop();
        startChunkWorker();
      }
    } finally {
      if (hold) releaseBackground(hold);
      void worker?.stop();
      await chunks?.close();
    }
    if (slow.length) await readSlow(file, metadata, slow);
    return makeDataset(opts.file, 'parquet', order.map((c) => c.finish()), rows);
  } catch (err) {
    if (err instanceof KohortError) throw err;
    return fail('badFile', { format: 'Parquet', reason: (err as Error).message }, { file: opts.file });
  } finally {
    decodedHere(mine);
  }
}

/** Read some columns with hyparquet, one row group at a time (only one group's values alive at once). */
async function readSlow(file: AsyncBuffer, metadata: FileMetaData, cols: ParquetColumn[]): Promise<void> {
  const byName = new Map(cols.map((c) => [c.name, c]));
  const onChunk = (chunk: ColumnData) => byName.get(chunk.columnName)?.add(chunk.columnData, chunk.rowStart);
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = groupStart + Number(group.num_rows);
    await parquetRead({ file, metadata, compressors, parsers, columns: [...byName.keys()], rowStart: groupStart, rowEnd: groupEnd, onChunk });
    groupStart = groupEnd;
  }
}
