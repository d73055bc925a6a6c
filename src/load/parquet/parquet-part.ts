import { open, type FileHandle } from 'node:fs/promises';
import { asyncBufferFromFile, parquetMetadataAsync, type AsyncBuffer, type ColumnMetaData, type FileMetaData } from 'hyparquet';
import { codecsReady, compressors } from './parquet-codecs.js';
import { CodeDict } from '../dict/code-dict.js';
import type { CodeDictState } from '../dict/code-dict-state.js';
import { expectedDistinct } from '../dict/expected-distinct.js';
import { decodeChunk, type ChunkOutput, type FastColumn } from './parquet-pages.js';
import { sharedArray } from '../../parallel/shared-storage.js';
import { emptyBounds, type PageBounds } from './page-bounds.js';
import { claimBack, claimFront } from './group-claims.js';

/** A column decoded by parquet-pages.ts: which chunk of each row group, and how. */
export interface FastSpec {
  name: string;
  /** Index of the column's chunk in each row group. */
  chunk: number;
  spec: FastColumn;
}

/** What decodeGroups reads of a file's footer: each row group's rows and column chunks. */
export type GroupLayout = Pick<FileMetaData, 'row_groups'>;

/** Row groups [groupStart, groupEnd) of a file to decode in a worker thread. */
export interface ParquetPartJob {
  path: string;
  /**
   * The row groups as the caller read them from the footer (the chunks of `columns`
   * only, see groupLayout), so the worker need not read and parse the footer again.
   */
  layout?: GroupLayout;
  columns: FastSpec[];
  groupStart: number;
  groupEnd: number;
  /** Element 0 is set to the compressed bytes decoded so far (for progress). */
  progress?: Float64Array;
  /**
   * Per column, the caller's storage for every row of the file (on SharedArrayBuffers
   * when the job goes to a worker): the part is decoded straight into it from row `at`,
   * dictionary columns with the worker's own codes (the caller absorbs them), so no copy
   * of the part is made and none is sent back.
   */
  into?: { f64?: Float64Array; i32?: Int32Array }[];
  /** The row of the file where the part begins (with `into`). */
  at?: number;
  /**
   * With `into`: the part's row groups are claimed one at a time from this word (see
   * groupClaims), so the reading thread can take the last ones itself when it is done
   * first. The part is then [groupStart, the groups claimed) and its codes are in `into`.
   */
  claims?: Int32Array;
  /**
   * With `claims`: the reading thread's row groups, which it claims from the front for
   * its number columns; the worker, its part done, takes the last ones (from the back)
   * and decodes those columns of them into `into` (no dictionary to join).
   */
  help?: Int32Array;
}

/**
 * What a worker decoded: per column, its values for the rows of its row groups (none
 * when they were decoded into the job's `into` storage), and a dictionary column's values.
 */
export interface ParquetPart {
  rows: number;
  columns: { f64?: Float64Array; i32?: Int32Array; dict?: CodeDictState; bounds?: PageBounds }[];
}

/** The byte range of a column chunk: from its dictionary page, if any, to its end. */
export function chunkRange(meta: ColumnMetaData): [number, number] {
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  return [start, start + Number(meta.total_compressed_size)];
}

/** Storage for `rows` rows of a column; `shared` puts it on a SharedArrayBuffer (for a worker to fill). */
export function chunkOutput(spec: FastColumn, rows: number, shared = false): ChunkOutput {
  if (spec.type === 'BYTE_ARRAY' || spec.text) {
    return { i32: shared ? sharedArray(Int32Array, rows) : new Int32Array(rows), dict: new CodeDict() };
  }
  return { f64: shared ? sharedArray(Float64Array, rows) : new Float64Array(rows), bounds: emptyBounds() };
}

/**
 * A file open for reading column chunks into two buffers reused from chunk to chunk (a
 * load then leaves no garbage buffer per chunk for the collector: opening and closing the
 * file and a fresh buffer for each chunk cost ~0.2 s of CPU over the 164 chunks of 10M
 * events). `prefetch` reads the next chunk into the other buffer while the caller decodes
 * this one: a read waited for leaves the thread idle (at load 7-12, 100-290 ms a thread
 * over a 10M-event load, measured with perf sched).
 */
export class ChunkFile {
  private readonly buffers = [new Uint8Array(0), new Uint8Array(0)];
  private turn = 0;
  private ahead: { start: number; end: number; bytes: Promise<Uint8Array> } | undefined;
  private constructor(private readonly fh: FileHandle) {}

  static async open(path: string): Promise<ChunkFile> {
    return new ChunkFile(await open(path, 'r'));
  }

  /** Bytes [start, end) of the file, valid until the next read (a prefetch meanwhile fills the other buffer). */
  async read(start: number, end: number): Promise<Uint8Array> {
    const ahead = this.ahead;
    this.ahead = undefined;
    if (ahead) {
      // Awaited even when it is not the range asked for: it writes into a buffer.
      const bytes = await ahead.bytes.catch((err: unknown) => (ahead.start === start && ahead.end === end ? Promise.reject(err) : undefined));
      if (bytes && ahead.start === start && ahead.end === end) return bytes;
    }
    return this.fill(start, end);
  }

  /**
   * Start reading bytes [start, end) for the next read; the bytes of the last read stay
   * valid meanwhile. A read of another range waits for it and reads its own.
   */
  prefetch(start: number, end: number): void {
    if (this.ahead) return;
    const bytes = this.fill(start, end);
    bytes.catch(() => undefined);
    this.ahead = { start, end, bytes };
  }

  close(): Promise<void> {
    return (this.ahead?.bytes.catch(() => undefined) ?? Promise.resolve()).then(() => this.fh.close());
  }

  private async fill(start: number, end: number): Promise<Uint8Array> {
    this.turn ^= 1;
    const i = this.turn;
    if (this.buffers[i].length < end - start) this.buffers[i] = new Uint8Array(Math.max(end - start, this.buffers[i].length * 2));
    const bytes = this.buffers[i].subarray(0, end - start);
    for (let got = 0; got < bytes.length; ) {
      const { bytesRead } = await this.fh.read(bytes, got, bytes.length - got, start + got);
      if (bytesRead === 0) throw new Error('column chunk past the end of the file');
      got += bytesRead;
    }
    return bytes;
  }
}

/**
 * Where decodeGroups reads column chunks: a file on disk (through `file` when the caller
 * has it open, else opened for the call), or any AsyncBuffer.
 */
export type ChunkSource = { path: string; file?: ChunkFile } | AsyncBuffer;

/**
 * Decode row groups [g0, g1) of one fast column into `out` from row `at`. Throws
 * when the decoder does not read one of its chunks (the caller falls back).
 */
export async function decodeGroups(
  source: ChunkSource,
  metadata: GroupLayout,
  col: FastSpec,
  out: ChunkOutput,
  g0: number,
  g1: number,
  at: number,
  onBytes?: (bytes: number) => void,
  following?: ColumnMetaData,
): Promise<void> {
  let row = at;
  const fresh = out.dict !== undefined && out.dict.size === 0;
  let partRows = 0;
  for (let g = g0; g < g1; ++g) partRows += Number(metadata.row_groups[g].num_rows);
  const own = 'path' in source && !source.file ? await ChunkFile.open(source.path) : undefined;
  const file = own ?? ('path' in source ? source.file : undefined);
  try {
    for (let g = g0; g < g1; ++g) {
      const group = metadata.row_groups[g];
      const rows = Number(group.num_rows);
      const meta = group.columns[col.chunk]?.meta_data;
      if (!meta || meta.path_in_schema.length !== 1 || meta.path_in_schema[0] !== col.name) throw new Error('column chunk not found');
      const [start, end] = chunkRange(meta);
      const bytes = file ? await file.read(start, end) : new Uint8Array(await (source as AsyncBuffer).slice(start, end));
      // The next chunk is read while this one is decoded.
      const next = g + 1 < g1 ? metadata.row_groups[g + 1].columns[col.chunk]?.meta_data : following;
      if (file && next) file.prefetch(...chunkRange(next));
      decodeChunk(bytes, meta, col.spec, compressors, rows, row, out);
      onBytes?.(end - start);
      row += rows;
      // Size a fresh dictionary from its first row group, rather than doubling it up.
      if (g === g0 && out.dict && fresh) out.dict.reserve(expectedDistinct(rows, out.dict.size, partRows));
    }
  } finally {
    await own?.close();
  }
}

/**
 * The layout of a file's row groups for a worker's job: the chunks at `chunks` (the
 * job's columns) without their statistics, every other chunk an empty stand-in (decodeGroups
 * finds a column's chunk by its index).
 */
export function groupLayout(metadata: FileMetaData, chunks: readonly number[]): GroupLayout {
  const wanted = new Set(chunks);
  return {
    row_groups: metadata.row_groups.map((g) => ({
      num_rows: g.num_rows,
      total_byte_size: g.total_byte_size,
      columns: g.columns.map((c, i) => {
        const m = c.meta_data;
        if (!wanted.has(i) || m === undefined) return { file_offset: c.file_offset };
        const { statistics: _s, size_statistics: _z, geospatial_statistics: _g, encoding_stats: _e, key_value_metadata: _k, ...meta } = m;
        return { file_offset: c.file_offset, meta_data: meta };
      }),
    })),
  };
}

/** Where a part decodes into a caller's storage: its own dictionary and bounds. */
export function partOutput(into: { f64?: Float64Array; i32?: Int32Array }): ChunkOutput {
  return { f64: into.f64, i32: into.i32, dict: into.i32 ? new CodeDict() : undefined, bounds: into.f64 ? emptyBounds() : undefined };
}

/** Decode a worker's part of a file (see ParquetPartJob). */
export async function decodeParquetPart(job: ParquetPartJob): Promise<ParquetPart> {
  await codecsReady();
  const metadata = job.layout ?? (await parquetMetadataAsync(await asyncBufferFromFile(job.path)));
  const chunks = await ChunkFile.open(job.path);
  try {
    return job.claims && job.into ? await decodeClaimed(job, job.claims, job.into, metadata, chunks) : await decodeRange(job, metadata, chunks);
  } finally {
    await chunks.close();
  }
}

/** The worker's part as a fixed range of row groups. */
async function decodeRange(job: ParquetPartJob, metadata: GroupLayout, chunks: ChunkFile): Promise<ParquetPart> {
  const source = { path: job.path, file: chunks };
  let rows = 0;
  for (let g = job.groupStart; g < job.groupEnd; ++g) rows += Number(metadata.row_groups[g].num_rows);
  let done = 0;
  const onBytes = job.progress ? (b: number) => void (job.progress![0] = done += b) : undefined;
  const columns: ParquetPart['columns'] = [];
  for (const [i, col] of job.columns.entries()) {
    const into = job.into?.[i];
    if (into) {
      const out = partOutput(into);
      await decodeGroups(source, metadata, col, out, job.groupStart, job.groupEnd, job.at ?? 0, onBytes);
      columns.push({ dict: out.dict?.take(), bounds: out.bounds });
      continue;
    }
    const out = chunkOutput(col.spec, rows);
    await decodeGroups(source, metadata, col, out, job.groupStart, job.groupEnd, 0, onBytes);
    columns.push({ f64: out.f64, i32: out.i32, dict: out.dict?.take(), bounds: out.bounds });
  }
  return { rows, columns };
}

/**
 * The worker's part when the reading thread may take its last row groups: claim a group,
 * decode every column of it into `into`, until none is left. Each dictionary column keeps
 * one dictionary over the part (its groups are read in order).
 */
async function decodeClaimed(
  job: ParquetPartJob,
  claims: Int32Array,
  into: NonNullable<ParquetPartJob['into']>,
  metadata: GroupLayout,
  chunks: ChunkFile,
): Promise<ParquetPart> {
  const source = { path: job.path, file: chunks };
  const groups = metadata.row_groups;
  const outs: ChunkOutput[] = job.columns.map((_, i) => partOutput(into[i]));
  let expected = 0;
  for (let g = job.groupStart; g < job.groupEnd; ++g) expected += Number(groups[g].num_rows);
  let done = 0;
  const onBytes = job.progress ? (b: number) => void (job.progress![0] = done += b) : undefined;
  let row = job.at ?? 0;
  let rows = 0;
  for (let g = claimFront(claims); g >= 0; g = claimFront(claims)) {
    const n = Number(groups[g].num_rows);
    for (const [i, col] of job.columns.entries()) {
      const out = outs[i];
      const fresh = out.dict !== undefined && out.dict.size === 0;
      const following = job.columns[i + 1] && groups[g].columns[job.columns[i + 1].chunk]?.meta_data;
      await decodeGroups(source, metadata, col, out, g, g + 1, row, onBytes, following || undefined);
      if (fresh && out.dict) out.dict.reserve(expectedDistinct(n, out.dict.size, expected));
    }
    row += n;
    rows += n;
  }
  if (job.help) {
    const numbers = job.columns.map((col, i) => [col, outs[i]] as const).filter(([, o]) => o.f64 !== undefined);
    for (let g = claimBack(job.help); g >= 0; g = claimBack(job.help)) {
      let at = 0;
      for (let k = 0; k < g; ++k) at += Number(groups[k].num_rows);
      for (const [col, out] of numbers) await decodeGroups(source, metadata, col, out, g, g + 1, at, onBytes);
    }
  }
  return { rows, columns: outs.map((o) => ({ dict: o.dict?.take(), bounds: o.bounds })) };
}
