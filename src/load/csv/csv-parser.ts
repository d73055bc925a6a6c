import { CsvReader } from './csv-core.js';
import type { Dataset } from '../dataset.js';
import { makeDataset } from '../make-dataset.js';

export type { CsvOptions, CsvPart, CsvPartOptions } from './csv-options.js';

/**
 * The CSV push parser (see CsvReader in csv-core.ts) with the Dataset it builds.
 * CsvReader itself does not load Arquero, so worker threads start fast.
 */
export class CsvParser extends CsvReader {
  /** The table read so far (call after end() and any refill). */
  toDataset(): Dataset {
    return makeDataset(this.file, 'csv', this.finishColumns(), this.rowCount);
  }
}
