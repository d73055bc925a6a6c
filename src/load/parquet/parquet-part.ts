import { open } from 'node:fs/promises';
import { asyncBufferFromFile, parquetMetadataAsync, type AsyncBuffer, type ColumnMetaData, type FileMetaData } from 'hyparquet';
import { codecsReady, compressors } from './parquet-codecs.js';
import { CodeDict, type CodeDictState } from '../dict/code-dict.js';
import { expectedDistinct } from '../dict/expected-distinct.js';
import { decodeChunk, type ChunkOutput, type FastColumn } from './parquet-pages.js';
import { sharedArray } from '../../parallel/shared-storage.js';

/** A column decoded by parquet-pages.ts: which chunk of each row group, and how. */
export interface FastSpec {
  name: string;
  /** Index of the column's chunk in each row group. */
  chunk: number;
  spec: FastColumn;
}

/** Row groups [groupStart, groupEnd) of a file to decode in a worker thread. */
export interface ParquetPartJob {
  path: string;
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
}

/**
 * What a worker decoded: per column, its values for the rows of its row groups (none
 * when they were decoded into the job's `into` storage), and a dictionary column's values.
 */
export interface ParquetPart {
  rows: number;
  columns: { f64?: Float64Array; i32?: Int32Array; dict?: CodeDictState }[];
}

/** The byte range of a column chunk: from its dictionary page, if any, to its end. */
export function chunkRange(meta: ColumnMetaData): [number, number] {
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  return [start, start + Number(meta.total_compressed_size)];
}

/** Storage for `rows` rows of a column; `shared` puts it on a SharedArrayBuffer (for a worker to fill). */
export function chunkOutput(spec: FastColumn, rows: number, shared = false): ChunkOutput {
  if (spec.type === 'BYTE_ARRAY') {
    return { i32: shared ? sharedArray(Int32Array, rows) : new Int32Array(rows), dict: new CodeDict() };
  }
  return { f64: shared ? sharedArray(Float64Array, rows) : new Float64Array(rows) };
}

/**
 * Where decodeGroups reads column chunks: a file on disk, read into one buffer reused
 * from chunk to chunk (a chunk is decoded before the next is read, so a load does not
 * leave a garbage buffer per chunk for the collector), or any AsyncBuffer.
 */
export type ChunkSource = { path: string } | AsyncBuffer;

/**
 * Decode row groups [g0, g1) of one fast column into `out` from row `at`. Throws
 * when the decoder does not read one of its chunks (the caller falls back).
 */
export async function decodeGroups(
  source: ChunkSource,
  metadata: FileMetaData,
  col: FastSpec,
  out: ChunkOutput,
  g0: number,
  g1: number,
  at: number,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  let row = at;
  const fresh = out.dict !== undefined && out.dict.size === 0;
  let partRows = 0;
  for (let g = g0; g < g1; ++g) partRows += Number(metadata.row_groups[g].num_rows);
  const fh = 'path' in source ? await open(source.path, 'r') : undefined;
  let buffer = new Uint8Array(0);
  try {
    for (let g = g0; g < g1; ++g) {
      const group = metadata.row_groups[g];
      const rows = Number(group.num_rows);
      const meta = group.columns[col.chunk]?.meta_data;
      if (!meta || meta.path_in_schema.length !== 1 || meta.path_in_schema[0] !== col.name) throw new Error('column chunk not found');
      const [start, end] = chunkRange(meta);
      let bytes: Uint8Array;
      if (fh) {
        if (buffer.length < end - start) buffer = new Uint8Array(Math.max(end - start, buffer.length * 2));
        bytes = buffer.subarray(0, end - start);
        for (let got = 0; got < bytes.length; ) {
          const { bytesRead } = await fh.read(bytes, got, bytes.length - got, start + got);
          if (bytesRead === 0) throw new Error('column chunk past the end of the file');
          got += bytesRead;
        }
      } else bytes = new Uint8Array(await (source as AsyncBuffer).slice(start, end));
      decodeChunk(bytes, meta, col.spec, compressors, rows, row, out);
      onBytes?.(end - start);
      row += rows;
      // Size a fresh dictionary from its first row group, rather than doubling it up.
      if (g === g0 && out.dict && fresh) out.dict.reserve(expectedDistinct(rows, out.dict.size, partRows));
    }
  } finally {
    await fh?.close();
  }
}

/** Decode a worker's part of a file (see ParquetPartJob). */
export async function decodeParquetPart(job: ParquetPartJob): Promise<ParquetPart> {
  await codecsReady();
  const file = await asyncBufferFromFile(job.path);
  const metadata = await parquetMetadataAsync(file);
  let rows = 0;
  for (let g = job.groupStart; g < job.groupEnd; ++g) rows += Number(metadata.row_groups[g].num_rows);
  let done = 0;
  const onBytes = job.progress ? (b: number) => void (job.progress![0] = done += b) : undefined;
  const columns: ParquetPart['columns'] = [];
  for (const [i, col] of job.columns.entries()) {
    const into = job.into?.[i];
    if (into) {
      const out: ChunkOutput = { f64: into.f64, i32: into.i32, dict: into.i32 ? new CodeDict() : undefined };
      await decodeGroups({ path: job.path }, metadata, col, out, job.groupStart, job.groupEnd, job.at ?? 0, onBytes);
      columns.push({ dict: out.dict?.take() });
      continue;
    }
    const out = chunkOutput(col.spec, rows);
    await decodeGroups({ path: job.path }, metadata, col, out, job.groupStart, job.groupEnd, 0, onBytes);
    columns.push({ f64: out.f64, i32: out.i32, dict: out.dict?.take() });
  }
  return { rows, columns };
}
