import { basename } from 'node:path';
import { fail } from '../errors.js';
import { isTextColumn, type Dataset, type InputFormat, type TextColumns } from './dataset.js';
import { assertReadableFile, fileError, fileSize, gunzipIfNeeded, readContentHead, readFileBytes, readHead } from './file-bytes.js';
import { loadProgressBar, progressLine } from './progress.js';
import { readCSV } from './csv/read-csv.js';
import { readCSVStream } from './csv/read-csv-stream.js';
import { numericLabels } from './numeric-labels.js';
import { fileExtension, formatFromExtension, isGzip, sniffFormat, workbookMagic } from './sniff.js';
import { utf16Encoding, utf16ToUtf8 } from './bytes/utf16.js';

// Format readers load on first use: a CSV run does not pay for the Parquet and Arrow
// libraries at start-up (they cost ~0.3 s of imports).
const arrowReader = () => import('./arrow/read-arrow.js');
const ndjsonReader = () => import('./ndjson/read-ndjson.js');
const parquetReader = () => import('./parquet/read-parquet.js');

/** Options of loadFile and loadBytes. */
export interface LoadOptions {
  /** The format; sniffed from the extension or the content if absent. */
  format?: InputFormat;
  /** CSV only: the delimiter (" " = runs of spaces); sniffed if absent. */
  delimiter?: string;
  /** CSV only: whether the first record names the columns (default true). */
  header?: boolean;
  /** CSV only, with `header: false`: the column names in order (else col_1, col_2, ...). */
  headerNames?: readonly string[];
  /**
   * Read only these columns (the run's projection); the others are skipped, or for
   * Parquet and Arrow not decoded at all. Names not in the file are ignored. All
   * columns when absent.
   */
  columns?: readonly string[];
  /**
   * Columns read as text whatever their values look like (the id columns): "007" and
   * "7" stay two values, and a 64-bit integer never goes through a double.
   */
  text?: TextColumns;
  /**
   * CSV only: further columns read as text (the amounts of a run with a decimal comma, whose
   * "1.000" would otherwise be the number 1). Typed formats keep their numbers.
   */
  csvText?: readonly string[];
  /**
   * CSV only: label columns (cohort, group, segment, reason) read as text, then made numbers
   * only where DuckDB reads decimal numbers (see numericLabels).
   */
  csvLabels?: readonly string[];
  /**
   * A progress line on stderr for loads that take over a second ("Reading x: 120 MB /
   * 351 MB"); only ever shown when stderr is a terminal. Default true; false turns it off.
   */
  progress?: boolean;
  /** How long a load runs before its progress bar shows (default 1000 ms; tests use 0). */
  progressDelayMs?: number;
}

/**
 * Load a CSV/TSV/whitespace text, NDJSON, Arrow IPC (file or stream) or Parquet file,
 * gzip-compressed or not, into a Dataset. Text formats are streamed chunk by chunk.
 * Fails with `unreadableFile` (missing, unreadable, a directory), `unknownFormat`
 * (unknown extension and binary content), `badFile` (corrupt Arrow/Parquet/gzip),
 * `raggedRow`/`badJsonLine` (bad text rows) or `emptyFile` (no data rows).
 */
export async function loadFile(path: string, opts: LoadOptions = {}): Promise<Dataset> {
  await assertReadableFile(path);
  // UTF-16 text is transcoded to UTF-8 in memory, then read as any text in memory is.
  if (utf16Encoding(await readContentHead(path, 2))) {
    return loadBytes(utf16ToUtf8(gunzipIfNeeded(await readFileBytes(path), path)), { ...opts, file: path });
  }
  const known = opts.format ?? formatFromExtension(path);
  const head = known ? undefined : await readContentHead(path, 64);
  const format = known ?? sniffFormat(path, head);
  if (format === undefined) return unknownFormat(path, head ?? new Uint8Array());
  const { columns, text } = opts;
  // The bar's library loads before the read: a plain CSV is parsed without turns of the
  // event loop, so a dynamic import started alongside would only land once it is done.
  if (opts.progress !== false && process.stderr.isTTY) await loadProgressBar();
  const progress = opts.progress === false ? undefined : progressLine(`Reading ${basename(path)}`, await fileSize(path), { delayMs: opts.progressDelayMs });
  let data: Dataset;
  try {
    switch (format) {
      case 'csv':
        data = await readCSVStream(path, { file: path, delimiter: opts.delimiter, header: opts.header, headerNames: opts.headerNames, columns, text: withCsvText(text, opts), progress });
        data = csvNumbers(data, opts);
        break;
      case 'ndjson':
        data = await (await ndjsonReader()).readNDJSONStream(path, { file: path, text });
        break;
      case 'arrow':
        data = (await arrowReader()).readArrow(await readFileBytes(path), { file: path, columns, text });
        break;
      case 'parquet': {
        // A gzip-compressed file is read whole; a plain one by ranges (and by a worker too).
        const gzip = isGzip(await readHead(path, 2));
        const { readParquet } = await parquetReader();
        data = await readParquet(gzip ? await readFileBytes(path) : await openParquet(path), {
          file: path, columns, text, progress, path: gzip ? undefined : path,
        });
        break;
      }
    }
  } finally {
    progress?.done();
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
  const content = utf16ToUtf8(gunzipIfNeeded(bytes, file));
  const format = opts.format ?? sniffFormat(file, content.subarray(0, 64));
  if (format === undefined) return unknownFormat(file, content);
  const { columns, text } = opts;
  let data: Dataset;
  switch (format) {
    case 'csv':
      data = readCSV(content, { file, delimiter: opts.delimiter, header: opts.header, headerNames: opts.headerNames, columns, text: withCsvText(text, opts) });
      data = csvNumbers(data, opts);
      break;
    case 'ndjson':
      data = (await ndjsonReader()).readNDJSON(content, { file, text });
      break;
    case 'arrow':
      data = (await arrowReader()).readArrow(content, { file, columns, text });
      break;
    case 'parquet':
      data = await (await parquetReader()).readParquet(content, { file, columns, text });
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
    const { asyncBufferFromFile } = await import('hyparquet');
    return await asyncBufferFromFile(path);
  } catch (err) {
    return fileError(err, path);
  }
}

/** A CSV's label columns that are numbers in the file (not ids, not decimal-comma amounts) as numbers. */
function csvNumbers(data: Dataset, opts: LoadOptions): Dataset {
  const labels = opts.csvLabels?.filter((c) => !isTextColumn(opts.text, c) && !opts.csvText?.includes(c));
  return labels?.length ? numericLabels(data, labels) : data;
}

/** The text columns of a CSV read: `text`, `csvText` and the label columns together. */
function withCsvText(text: TextColumns | undefined, opts: LoadOptions): TextColumns | undefined {
  const csvText = [...(opts.csvText ?? []), ...(opts.csvLabels ?? [])];
  if (!csvText.length) return text;
  return (name) => csvText.includes(name) || isTextColumn(text, name);
}

/** The failure for a file of no format kohort reads; a workbook is told to be saved as CSV. */
function unknownFormat(file: string, head: Uint8Array): never {
  if (workbookMagic(head)) return fail('workbookFile', { ext: fileExtension(file) || file }, { file });
  return fail('unknownFormat', { ext: fileExtension(file) || file }, { file });
}
