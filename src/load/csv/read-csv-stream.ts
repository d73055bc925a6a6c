import { CsvParser, type CsvOptions } from './csv-parser.js';
import { readCsvFile, type CsvFileOptions } from './csv-split.js';
import type { Dataset } from '../dataset.js';
import { fileSize, openByteStream, readHead } from '../file-bytes.js';
import type { Progress } from '../progress.js';
import { isGzip } from '../sniff.js';

/**
 * Read a delimited text file, gunzipping it on the fly when it ends in ".gz" or
 * starts with the gzip magic number; memory follows the columns, never the text.
 * A plain file is read with one reused buffer, by two threads when it is big (see
 * readCsvFile); a gzip file is streamed by this thread. Same parsing rules as
 * readCSV. `opts.file` defaults to `path`.
 */
export async function readCSVStream(
  path: string,
  opts: Partial<CsvOptions> & CsvFileOptions = {},
): Promise<Dataset> {
  const file = opts.file ?? path;
  const gzip = path.toLowerCase().endsWith('.gz') || isGzip(await readHead(path, 2));
  if (!gzip) return readCsvFile(path, await fileSize(path), { ...opts, file }, opts);
  const parser = new CsvParser({ shared: true, ...opts, file });
  const progress = opts.progress;
  await feedStream(parser, path, progress);
  parser.markersToText();
  if (parser.needsRefill) {
    // Some columns turned out to be text: re-read just the rows before that point.
    parser.startRefill();
    await feedStream(parser, path);
  }
  progress?.done();
  return parser.toDataset();
}

async function feedStream(parser: CsvParser, path: string, progress?: Progress): Promise<void> {
  const onRaw = progress ? (bytes: number) => progress.update(bytes) : undefined;
  for await (const chunk of openByteStream(path, true, onRaw)) {
    parser.push(chunk);
    if (parser.done) break;
  }
  parser.end();
}
