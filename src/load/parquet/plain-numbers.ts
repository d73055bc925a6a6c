// PLAIN number values of a Parquet page written into a Float64Array (see parquet-pages.ts).
import { widenBounds, type PageBounds } from './page-bounds.js';

/** What plainNumbers reads of a column's FastColumn. */
export interface NumberSpec {
  type: string;
  multiply: number;
  divide: number;
  unsigned: boolean;
}

/** PLAIN numbers from page[pos]: `count` values to out[row...], NaN where defs is 0; widens `bounds`. */
export function plainNumbers(
  page: Uint8Array,
  pos: number,
  count: number,
  col: NumberSpec,
  out: Float64Array,
  row: number,
  defs: Uint8Array | null,
  bounds?: PageBounds,
): void {
  const base = page.byteOffset + pos;
  const { multiply, divide, unsigned } = col;
  if (defs === null && col.type === 'INT64' && !unsigned) {
    int64Numbers(page, pos, count, divide, out, row, bounds);
    return;
  }
  // Aligned copies of the values (the page offset need not be a multiple of 8).
  let read: (v: number) => number;
  switch (col.type) {
    case 'DOUBLE': {
      const a = base % 8 === 0 ? new Float64Array(page.buffer, base, count) : new Float64Array(page.slice(pos, pos + 8 * count).buffer);
      read = (v) => a[v];
      break;
    }
    case 'FLOAT': {
      const a = base % 4 === 0 ? new Float32Array(page.buffer, base, count) : new Float32Array(page.slice(pos, pos + 4 * count).buffer);
      read = (v) => a[v];
      break;
    }
    case 'INT32': {
      const a = base % 4 === 0 ? new Int32Array(page.buffer, base, count) : new Int32Array(page.slice(pos, pos + 4 * count).buffer);
      read = unsigned ? (v) => (a[v] >>> 0) * multiply : (v) => a[v] * multiply;
      break;
    }
    default: {
      const a = base % 4 === 0 ? new Int32Array(page.buffer, base, 2 * count) : new Int32Array(page.slice(pos, pos + 8 * count).buffer);
      // Two 32-bit halves: one rounding, as Number(bigint) does.
      const hiOf = unsigned ? (v: number) => a[2 * v + 1] >>> 0 : (v: number) => a[2 * v + 1];
      read = divide === 1 ? (v) => hiOf(v) * 4294967296 + (a[2 * v] >>> 0) : (v) => (hiOf(v) * 4294967296 + (a[2 * v] >>> 0)) / divide;
    }
  }
  if (defs === null) for (let v = 0; v < count; ++v) out[row + v] = read(v);
  else {
    let v = 0;
    for (let i = 0; i < defs.length; ++i) out[row + i] = defs[i] === 0 ? NaN : read(v++);
  }
  if (bounds !== undefined) widenBounds(out, row, row + (defs?.length ?? count), bounds);
}

/**
 * plainNumbers' most common case, signed INT64 values (timestamps, ids, counts) with no
 * nulls, as one loop without a reader call per value: the same two halves, one rounding,
 * then the same division.
 */
function int64Numbers(page: Uint8Array, pos: number, count: number, divide: number, out: Float64Array, row: number, bounds?: PageBounds): void {
  const base = page.byteOffset + pos;
  const a = base % 4 === 0 ? new Int32Array(page.buffer, base, 2 * count) : new Int32Array(page.slice(pos, pos + 8 * count).buffer);
  if (bounds === undefined) {
    if (divide === 1) for (let v = 0; v < count; ++v) out[row + v] = a[2 * v + 1] * 4294967296 + (a[2 * v] >>> 0);
    else for (let v = 0; v < count; ++v) out[row + v] = (a[2 * v + 1] * 4294967296 + (a[2 * v] >>> 0)) / divide;
    return;
  }
  // The bounds in the same loop: a second pass over the page cost more than the scan it saves.
  let min = bounds[0];
  let max = bounds[1];
  for (let v = 0; v < count; ++v) {
    const x = (a[2 * v + 1] * 4294967296 + (a[2 * v] >>> 0)) / divide;
    out[row + v] = x;
    min = x < min ? x : min;
    max = x > max ? x : max;
  }
  bounds[0] = min;
  bounds[1] = max;
  bounds[3] += count;
}
