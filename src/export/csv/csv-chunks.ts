import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

/** Rows formatted per chunk: a few MB of text at most, whatever the table's size. */
const ROWS = 4096;

/**
 * csvChunks: an Arquero table as RFC 4180 CSV (the text of toCSV), a block of rows at a
 * time, so that an output of any size is written without one string holding it all.
 */
export function* csvChunks(table: ColumnTable, rows = ROWS): Generator<string> {
  const n = table.numRows();
  if (n === 0) {
    yield aq.toCSV(table);
    return;
  }
  for (let offset = 0; offset < n; offset += rows) {
    yield aq.toCSV(table, { offset, limit: rows, header: offset === 0 });
  }
}
