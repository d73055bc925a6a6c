import { CsvParser, type CsvOptions } from './csv-parser.js';
import type { Dataset } from './dataset.js';

export type { CsvOptions } from './csv-parser.js';

const CHUNK = 1 << 20;

/**
 * Read delimited text held in memory into typed columns: numbers as Float64Array
 * (NaN = missing: empty, blank, "NA", "NULL", ...), everything else as dictionary
 * string columns (null = empty or blank). The delimiter is sniffed unless given;
 * " " means runs of spaces. A record with the wrong number of fields fails with
 * `raggedRow` naming the row; blank lines are skipped.
 */
export function readCSV(bytes: Uint8Array, opts: CsvOptions): Dataset {
  const parser = new CsvParser({ sizeHint: bytes.length, ...opts });
  // Fed in slices so the columns can be sized from the first one (see sizeHint).
  const feed = () => {
    for (let i = 0; i < bytes.length && !parser.done; i += CHUNK) parser.push(bytes.subarray(i, i + CHUNK));
    parser.end();
  };
  feed();
  if (parser.needsRefill) {
    parser.startRefill();
    feed();
  }
  return parser.toDataset();
}
