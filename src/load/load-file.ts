import { stat } from 'node:fs/promises';
import { asyncBufferFromFile } from 'hyparquet';
import { fail } from '../errors.js';
import type { Dataset, InputFormat } from './dataset.js';
import { fileError, gunzipIfNeeded, readContentHead, readFileBytes, readHead } from './file-bytes.js';
import { readArrow } from './read-arrow.js';
import { readCSV } from './read-csv.js';
import { readCSVStream } from './read-csv-stream.js';
import { readNDJSON, readNDJSONStream } from './read-ndjson.js';
import { readParquet } from './read-parquet.js';
import { fileExtension, formatFromExtension, isGzip, sniffFormat } from './sniff.js';

/** Options of loadFile and loadBytes. */
export interface LoadOptions {
  /** The format; sniffed from the extension or the content if absent. */
  format?: InputFormat;
  /** CSV only: the delimiter (" " = runs of spaces); sniffed if absent. */
  delimiter?: string;
  /** CSV only: whether the first record names the columns (default true). */
  header?: boolean;
}

/**
 * Load a CSV/TSV/whitespace text, NDJSON, Arrow IPC (file or stream) or Parquet file,
 * gzip-compressed or not, into a Dataset. Text formats are streamed chunk by chunk.
 * Fails with `unreadableFile` (missing, unreadable, a directory), `unknownFormat`
 * (unknown extension and binary content), `badFile` (corrupt Arrow/Parquet/gzip),
 * `raggedRow`/`badJsonLine` (bad text rows) or `emptyFile` (no data rows).
 */
export async function loadFile(path: string, opts: LoadOptions = {}): Promise<Dataset> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) fail('unreadableFile', { reason: 'it is a directory' }, { file: path });
  } catch (err) {
    fileError(err, path);
  }
  const format = opts.format ?? formatFromExtension(path) ?? sniffFormat(path, await readContentHead(path, 64));
  if (format === undefined) return fail('unknownFormat', { ext: fileExtension(path) || path }, { file: path });
  let data: Dataset;
  switch (format) {
    case 'csv':
      data = await readCSVStream(path, { file: path, delimiter: opts.delimiter, header: opts.header });
      break;
    case 'ndjson':
      data = await readNDJSONStream(path, { file: path });
      break;
    case 'arrow':
      data = readArrow(await readFileBytes(path), { file: path });
      break;
    case 'parquet':
      data = await readParquet(
        isGzip(await readHead(path, 2)) ? await readFileBytes(path) : await openParquet(path),
        { file: path },
      );
      break;
  }
  return nonEmpty(data);
}

/**
 * Load a file's content already in memory (gzip-compressed or not). `file` names it
 * in messages; the format is sniffed from `file` and the bytes when not given.
 */
export async function loadBytes(
  bytes: Uint8Array,
  opts: LoadOptions & { file: string },
): Promise<Dataset> {
  const { file } = opts;
  const content = gunzipIfNeeded(bytes, file);
  const format = opts.format ?? sniffFormat(file, content.subarray(0, 64));
  if (format === undefined) return fail('unknownFormat', { ext: fileExtension(file) || file }, { file });
  let data: Dataset;
  switch (format) {
    case 'csv':
      data = readCSV(content, { file, delimiter: opts.delimiter, header: opts.header });
      break;
    case 'ndjson':
      data = readNDJSON(content, { file });
      break;
    case 'arrow':
      data = readArrow(content, { file });
      break;
    case 'parquet':
      data = await readParquet(content, { file });
      break;
  }
  return nonEmpty(data);
}

function nonEmpty(data: Dataset): Dataset {
  if (data.rowsRead === 0) fail('emptyFile', {}, { file: data.file });
  return data;
}

/** Parquet is read by ranges, so a large file need not be in memory at once. */
async function openParquet(path: string) {
  try {
    return await asyncBufferFromFile(path);
  } catch (err) {
    return fileError(err, path);
  }
}
