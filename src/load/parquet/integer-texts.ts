import type { CodeDict } from '../dict/code-dict.js';

/*
 * Integer columns read as text (ids stored as INT32 or INT64; see ParquetOptions.text):
 * each value becomes its exact decimal text, written as bytes and interned as a string
 * column's values are (CodeDict), so the codes are those of the same ids in a text column
 * and no JS string or bigint is made per row. A 64-bit value past 2^53 goes through
 * BigInt, exactly.
 */

const BATCH = 4096;
/** The longest text: "-9223372036854775808". */
const MAX_TEXT = 20;

class Scratch {
  text = new Uint8Array(BATCH * MAX_TEXT);
  starts = new Int32Array(BATCH);
  ends = new Int32Array(BATCH);
  rows = new Int32Array(BATCH);
}

const scratch = new Scratch();

/** Write the decimal text of the integer n (|n| < 2^53) at out[o...]; returns the index after it. */
function writeInteger(n: number, out: Uint8Array, o: number): number {
  if (n < 0) {
    out[o++] = 45;
    n = -n;
  }
  let len = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) ++len;
  const end = o + len;
  for (let j = end - 1; j >= o; --j) {
    const q = Math.floor(n / 10);
    out[j] = 48 + n - q * 10;
    n = q;
  }
  return end;
}

/** Write the decimal text of the signed 64-bit integer hi * 2^32 + (lo >>> 0) at out[o...]; returns the index after it. */
function writeInt64(hi: number, lo: number, out: Uint8Array, o: number): number {
  // |value| < 2^53: exact as a double.
  if (hi >= -0x200000 && hi < 0x200000) return writeInteger(hi * 4294967296 + (lo >>> 0), out, o);
  const text = BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo >>> 0)).toString();
  for (let j = 0; j < text.length; ++j) out[o + j] = text.charCodeAt(j);
  return o + text.length;
}

/**
 * PLAIN integers (4 or 8 bytes little-endian, `wide` for 8) from page[pos]: `count`
 * values, interned as their decimal texts, their codes written to keys[row...] skipping
 * rows whose definition level is 0 (-1 there). A dictionary page's values: no
 * definition levels, one code per value.
 */
export function internIntegers(
  page: Uint8Array,
  pos: number,
  count: number,
  wide: boolean,
  defs: Uint8Array | null,
  dict: CodeDict,
  keys: Int32Array,
  row: number,
): void {
  const size = wide ? 8 : 4;
  if (pos + count * size > page.length) throw new Error(`${count} integers past the end of their page`);
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const { text, starts, ends, rows } = scratch;
  let f = 0;
  let o = 0;
  let at = pos;
  // Row by row: a null's code is written in place, a value's is interned with its batch.
  const total = defs === null ? count : defs.length;
  for (let i = 0; i < total; ++i) {
    if (defs !== null && defs[i] === 0) {
      keys[row + i] = -1;
      continue;
    }
    starts[f] = o;
    o = wide ? writeInt64(view.getInt32(at + 4, true), view.getInt32(at, true), text, o) : writeInteger(view.getInt32(at, true), text, o);
    at += size;
    ends[f] = o;
    rows[f] = row + i;
    if (++f === BATCH) {
      dict.internMany(text, starts, ends, rows, f, keys);
      f = 0;
      o = 0;
    }
  }
  if (f > 0) dict.internMany(text, starts, ends, rows, f, keys);
}
