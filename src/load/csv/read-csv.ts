import { CsvParser, type CsvOptions } from './csv-parser.js';
import type { Dataset } from '../dataset.js';

export type { CsvOptions } from './csv-parser.js';

const CHUNK = 1 << 20;

/**
 * Read delimited text held in memory into typed columns: numbers as Float64Array
 * (NaN = missing: empty, blank, "NA", "NULL", ...), ISO dates and date-times as
 * Float64Array of epoch ms (kind "wallclock" without a zone designator, "timestamp"
 * when every value has one), everything else as dictionary string columns (null =
 * empty or blank). The delimiter is sniffed unless given; " " means runs of spaces.
 * A record with the wrong number of fields fails with `raggedRow` naming the row;
 * blank lines are skipped.
 */
export function readCSV(bytes: Uint8Array, opts: CsvOptions): Dataset {
  const parser = new CsvParser({ sizeHint: bytes.length, shared: true, ...opts });
  const all = bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  // Read in windows (so the columns can be sized from the first one, see sizeHint),
  // each starting where the last complete record ended: no bytes are copied.
  const feed = () => {
    let pos = 0;
    let window = CHUNK;
    while (!parser.done) {
      const end = Math.min(all.length, pos + window);
      const final = end === all.length;
      const used = parser.consume(all.subarray(pos, end), final);
      pos += used;
      if (final) break;
      // A record longer than the window: widen it.
      window = used === 0 ? window * 2 : CHUNK;
    }
  };
  feed();
  parser.markersToText();
  if (parser.needsRefill) {
    parser.startRefill();
    feed();
  }
  return parser.toDataset();
}
