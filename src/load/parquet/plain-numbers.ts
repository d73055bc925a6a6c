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
  const { multiply, divide, unsigned } = col;
  if (col.type === 'INT64' && !unsigned) {
    int64Numbers(page, pos, count, divide, out, row, defs, bounds);
    return;
  }
  let read: (v: number) => number;
  switch (col.type) {
    case 'DOUBLE': {
      const b = aligned(page, pos, 8 * count);
      const a = new Float64Array(b.buffer, b.byteOffset, count);
      read = (v) => a[v];
      break;
    }
    case 'FLOAT': {
      const b = aligned(page, pos, 4 * count);
      const a = new Float32Array(b.buffer, b.byteOffset, count);
      read = (v) => a[v];
      break;
    }
    case 'INT32': {
      const b = aligned(page, pos, 4 * count);
      const a = new Int32Array(b.buffer, b.byteOffset, count);
      read = unsigned ? (v) => (a[v] >>> 0) * multiply : (v) => a[v] * multiply;
      break;
    }
    default: {
      const b = aligned(page, pos, 8 * count);
      const a = new Int32Array(b.buffer, b.byteOffset, 2 * count);
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

/** Where unaligned values are copied (one buffer a thread, reused page after page). */
let spare = new ArrayBuffer(0);

/**
 * page[pos, pos + n) at an offset that is a multiple of 8, for typed-array views: in place,
 * or copied into the spare buffer (valid until the next call). A fresh copy per page cost
 * more than the values' conversion (new memory to fault in, 800 KB a page of timestamps).
 */
function aligned(page: Uint8Array, pos: number, n: number): Uint8Array {
  if (pos + n > page.length) throw new Error(`${n} bytes of values past the end of a page of ${page.length}`);
  if ((page.byteOffset + pos) % 8 === 0) return page.subarray(pos, pos + n);
  if (spare.byteLength < n) spare = new ArrayBuffer(Math.max(n, 2 * spare.byteLength));
  const copy = new Uint8Array(spare, 0, n);
  copy.set(page.subarray(pos, pos + n));
  return copy;
}

/**
 * plainNumbers' most common case, signed INT64 values (timestamps, ids, counts), as one
 * loop without a reader call per value: the same two halves, one rounding, then the same
 * division; the bounds in the same loop (a second pass over the page cost more than the
 * scan it saves). With `defs`, NaN where a value is missing.
 */
function int64Numbers(
  page: Uint8Array,
  pos: number,
  count: number,
  divide: number,
  out: Float64Array,
  row: number,
  defs: Uint8Array | null,
  bounds?: PageBounds,
): void {
  const b = aligned(page, pos, 8 * count);
  const a = new Int32Array(b.buffer, b.byteOffset, 2 * count);
  if (defs !== null) {
    let v = 0;
    for (let i = 0; i < defs.length; ++i) out[row + i] = defs[i] === 0 ? NaN : (a[2 * v + 1] * 4294967296 + (a[2 * v++] >>> 0)) / divide;
    if (bounds !== undefined) widenBounds(out, row, row + defs.length, bounds);
    return;
  }
  if (bounds === undefined) {
    if (divide === 1) for (let v = 0; v < count; ++v) out[row + v] = a[2 * v + 1] * 4294967296 + (a[2 * v] >>> 0);
    else for (let v = 0; v < count; ++v) out[row + v] = (a[2 * v + 1] * 4294967296 + (a[2 * v] >>> 0)) / divide;
    return;
  }
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
