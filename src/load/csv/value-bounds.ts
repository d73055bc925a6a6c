import { scanRange, scanWholeNumbers } from '../../time/instant-range.js';
import { rememberBounds } from '../../time/known-bounds.js';

/**
 * The min, max and missing (NaN) count of a CSV time or number column's values, kept
 * up as the rows are read (see CsvReader.consume): a chunk's values are scanned while
 * still in cache, so a time column's bounds (instantBounds, also of epoch numbers) need
 * no pass of their own over the whole column afterwards. A number column stops keeping
 * them at its first value that is missing or not a whole number (an amount, say).
 */
export class ValueBounds {
  /** min, max, missing of rows [0, scanned). */
  readonly acc = new Float64Array([Infinity, -Infinity, 0]);
  scanned = 0;
  /** False once the bounds cannot be known (see scanTo): no more scans. */
  known = true;
  private readonly range = new Float64Array(3);
  /** A missing value was seen: scanWholeNumbers would only fail. */
  private gaps = false;

  /** Forget everything: the values start again (a column that just got its storage). */
  reset(): void {
    this.acc[0] = Infinity;
    this.acc[1] = -Infinity;
    this.acc[2] = 0;
    this.scanned = 0;
    this.gaps = false;
    this.known = true;
  }

  /**
   * Take in values[scanned, rows): whole ms below 2^52 or NaN (`whole`, a time column's),
   * else any numbers, whose bounds are kept only while they are whole and present.
   */
  scanTo(values: Float64Array, rows: number, whole: boolean): void {
    if (rows <= this.scanned || !this.known) return;
    if (!whole) {
      if (scanWholeNumbers(values, this.scanned, rows, this.range, 0)) this.merge(this.range, rows);
      else this.known = false;
      return;
    }
    // Time values are whole ms: scanWholeNumbers fails only on a missing value, which
    // scanRange counts.
    if (this.gaps || !scanWholeNumbers(values, this.scanned, rows, this.range, 0)) scanRange(values, this.scanned, rows, this.range, 0);
    if (this.range[2] > 0) this.gaps = true;
    this.merge(this.range, rows);
  }

  /** Take in the bounds of rows [scanned, rows) found elsewhere (another part's). */
  merge(b: Float64Array, rows: number): void {
    const acc = this.acc;
    acc[0] = Math.min(acc[0], b[0]);
    acc[1] = Math.max(acc[1], b[1]);
    acc[2] += b[2];
    this.scanned = rows;
  }

  /**
   * Take in the rest of values[0, rows) and remember the bounds for `finished` (the
   * finished column's values, see known-bounds.ts), when they are known for all rows.
   */
  finish(values: Float64Array, rows: number, whole: boolean, finished: Float64Array): void {
    if (!this.known) return;
    this.scanTo(values, rows, whole);
    const [min, max, missing] = this.acc;
    if (this.scanned === rows) rememberBounds(finished, { min, max, missing });
  }

  /** Rows [scanned, rows) are all missing. */
  missingTo(rows: number): void {
    this.acc[2] += rows - this.scanned;
    this.scanned = rows;
  }
}
