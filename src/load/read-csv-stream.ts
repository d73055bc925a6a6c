import { CsvParser, type CsvOptions } from './csv-parser.js';
import type { Dataset } from './dataset.js';
import { fileSize, openByteStream, readHead } from './file-bytes.js';
import { isGzip } from './sniff.js';

/**
 * Read a delimited text file chunk by chunk, gunzipping it on the fly when it ends
 * in ".gz" or starts with the gzip magic number, so memory follows the columns and
 * never the text. Same parsing rules as readCSV. `opts.file` defaults to `path`.
 */
export async function readCSVStream(path: string, opts: Partial<CsvOptions> = {}): Promise<Dataset> {
  const file = opts.file ?? path;
  const gzip = path.toLowerCase().endsWith('.gz') || isGzip(await readHead(path, 2));
  const sizeHint = gzip ? undefined : await fileSize(path);
  const parser = new CsvParser({ sizeHint, ...opts, file });
  for await (const chunk of openByteStream(path, gzip)) parser.push(chunk);
  parser.end();
  if (parser.needsRefill) {
    // Some columns turned out to be text: re-read just the rows before that point.
    parser.startRefill();
    for await (const chunk of openByteStream(path, gzip)) {
      parser.push(chunk);
      if (parser.done) break;
    }
    parser.end();
  }
  return parser.toDataset();
}
