import { CsvReader } from './csv-core.js';
import type { Dataset } from '../dataset.js';
import { makeDataset } from '../make-dataset.js';

export type { CsvOptions, CsvPart, CsvPartOptions } from './csv-options.js';

/**
 * The CSV push parser (see CsvReader in csv-core.ts) with the Dataset it builds.
 * CsvReader itself does not load Arquero, so worker threads start fast.
 */
export class CsvParser extends CsvReader {
  /**
   * Call once every row of the file is read (parts joined), before needsRefill: number
   * columns with no number at all, only missing-value markers, become text and their
   * rows are re-read by the refill pass (see CsvColumn.onlyMarkers). Not for a part of
   * a file: a part of markers may join a part of numbers.
   */
  markersToText(): void {
    const rows = this.rowCount;
    for (const c of this.builders) if (c.onlyMarkers(rows)) c.forceStrings(rows);
  }

  /** The table read so far (call after end() and any refill). */
  toDataset(): Dataset {
    return makeDataset(this.file, 'csv', this.finishColumns(), this.rowCount);
  }
}
