import { laterDistinct } from '../dict/later-distinct.js';
import type { CsvColumn } from './csv-column.js';

/** The rows after which a reader notes its dictionaries' sizes (see sizeDictsAgain). */
export const TREND_ROWS = [1 << 17, 1 << 18, 1 << 19];

/**
 * Note each text column's distinct count at `rows` in `trend`; at the last of
 * TREND_ROWS, size the dictionaries once more for `total` rows from how fast new
 * values still come (laterDistinct), and return true. Sized from the first chunk
 * alone, a thread of the uuid shape reserved 15-210K ids and ended with 0.74-1M.
 */
export function sizeDictsAgain(trend: number[][], rows: number, columns: readonly CsvColumn[], total: number): boolean {
  trend.push([rows, ...columns.map((c) => c.dict?.size ?? 0)]);
  if (trend.length < TREND_ROWS.length) return false;
  const [a, b, c] = trend;
  columns.forEach((col, i) => col.dict?.reserve(laterDistinct(a[0], a[i + 1], b[0], b[i + 1], c[0], c[i + 1], total)));
  return true;
}
