// The bounds of a number column, gathered page by page while the decoder writes it, so
// that the time columns' bounds need no scan of their own (see time/known-bounds.ts).
import { scanRange } from '../../time/instant-range.js';
import { rememberBounds } from '../../time/known-bounds.js';

/** min, max, NaN count, values seen: a column part's bounds so far. */
export type PageBounds = Float64Array;

export function emptyBounds(): PageBounds {
  return Float64Array.of(Infinity, -Infinity, 0, 0);
}

const range = new Float64Array(3);

/** Widen `b` by values[from, to), just written (still in the cache). */
export function widenBounds(values: Float64Array, from: number, to: number, b: PageBounds): void {
  scanRange(values, from, to, range, 0);
  if (range[0] < b[0]) b[0] = range[0];
  if (range[1] > b[1]) b[1] = range[1];
  b[2] += range[2];
  b[3] += to - from;
}

/** Add a part's bounds to `into`. */
export function mergeBounds(into: PageBounds, part: PageBounds): void {
  if (part[0] < into[0]) into[0] = part[0];
  if (part[1] > into[1]) into[1] = part[1];
  into[2] += part[2];
  into[3] += part[3];
}

/** Hand the bounds of a finished column to instantBounds when they cover every row. */
export function keepBounds(values: Float64Array, b: PageBounds | undefined): void {
  if (b === undefined || b[3] !== values.length) return;
  rememberBounds(values, { min: b[0], max: b[1], missing: b[2] });
}
