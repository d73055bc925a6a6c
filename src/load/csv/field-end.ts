/**
 * The end of an unquoted CSV field, found four bytes at a time: the fast path's field
 * scan, which byte by byte cost two loads a byte (the byte, then its class).
 */

const ONES = 0x01010101;
const LF = 0x0a;
const CR = 0x0d;
const HIGHS = 0x80808080 | 0;
const LFS = 0x0a0a0a0a;
const CRS = 0x0d0d0d0d;

/**
 * The index of the first delimiter, CR or LF at or after `j` in `buf`, given `delims`
 * (the delimiter byte in all 4 bytes of a word, see repeatByte), `view` (a DataView of
 * `buf`) and `stop` (non-zero for exactly those bytes). One of them must come before
 * the end of `buf`. `floor` (see stopFloor), when not 0, is a byte above the delimiter,
 * CR and LF in all 4 bytes of a word: the words of a field none of whose bytes is below
 * it (ids, digits, most text) are passed with one test instead of three.
 */
export function fieldEnd(buf: Uint8Array, view: DataView, j: number, delims: number, stop: Uint8Array, floor = 0): number {
  const last = buf.length - 4;
  if (floor !== 0) {
    // A byte below floor (a high bit of (x - floor) & ~x; exact for floor <= 0x80) may be a stop:
    // from its word on, the exact test.
    while (j <= last) {
      const x = view.getInt32(j, true);
      if (((x - floor) & ~x & HIGHS) !== 0) break;
      j += 4;
    }
  }
  while (j <= last) {
    const x = view.getInt32(j, true);
    // A word has a zero byte when (w - 0x01010101) & ~w has a high bit set; a byte
    // equal to the delimiter, LF or CR is a zero byte of one of these.
    const a = x ^ delims;
    const b = x ^ LFS;
    const c = x ^ CRS;
    const m = (((a - ONES) & ~a) | ((b - ONES) & ~b) | ((c - ONES) & ~c)) & HIGHS;
    // The lowest flagged byte is the first stop (a borrow only flags bytes above a true zero).
    if (m !== 0) return j + ((31 - Math.clz32(m & -m)) >> 3);
    j += 4;
  }
  while (stop[buf[j]] === 0) ++j;
  return j;
}

/**
 * fieldEnd's `floor` for a delimiter: the byte just above the delimiter, CR and LF, in
 * all 4 bytes of a word; 0 (no quick test) when that is above '0', as for ';' or '|':
 * the digits would fail it, each word then tested twice.
 */
export function stopFloor(delim: number): number {
  const b = Math.max(delim, LF, CR) + 1;
  return b <= 0x30 ? Math.imul(b, ONES) : 0;
}

/** Byte `b` in all 4 bytes of a word. */
export function repeatByte(b: number): number {
  return Math.imul(b & 0xff, ONES);
}

const LOWS = 0x7f7f7f7f;
const QUOTES = 0x22222222;

/** The high bit of each zero byte of x, exactly (no borrow from one byte into the next). */
function zeroBytes(x: number): number {
  return ~(((x & LOWS) + LOWS) | x | LOWS);
}

/**
 * Past `n` (>= 1) fields from `j` that nobody reads: the index just after the n-th
 * delimiter from `j`, found four bytes at a time with the delimiters of a word counted
 * at once; or -1 when a quote, CR or LF comes first, or a quote right after it (the caller
 * then reads field by field, as before). `delims` as for fieldEnd.
 */
export function skipFields(buf: Uint8Array, view: DataView, j: number, n: number, delims: number): number {
  const last = buf.length - 4;
  const delim = delims & 0xff;
  while (j <= last) {
    const x = view.getInt32(j, true);
    let d = zeroBytes(x ^ delims);
    const e = zeroBytes(x ^ LFS) | zeroBytes(x ^ CRS) | zeroBytes(x ^ QUOTES);
    // Only the delimiters before the word's first quote, CR or LF count.
    if (e !== 0) d &= (e & -e) - 1;
    const count = Math.imul((d >>> 7) & 0x01010101, 0x01010101) >>> 24;
    if (count >= n) {
      for (; n > 1; --n) d &= d - 1;
      const p = j + ((31 - Math.clz32(d & -d)) >> 3) + 1;
      return buf[p] === 0x22 ? -1 : p;
    }
    if (e !== 0) return -1;
    n -= count;
    j += 4;
  }
  for (; j < buf.length; ++j) {
    const b = buf[j];
    if (b === delim) {
      if (--n === 0) return buf[j + 1] === 0x22 ? -1 : j + 1;
    } else if (b === 0x0a || b === 0x0d || b === 0x22) return -1;
  }
  return -1;
}
