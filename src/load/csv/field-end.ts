/**
 * The end of an unquoted CSV field, found four bytes at a time: the fast path's field
 * scan, which byte by byte cost two loads a byte (the byte, then its class).
 */

const ONES = 0x01010101;
const HIGHS = 0x80808080 | 0;
const LFS = 0x0a0a0a0a;
const CRS = 0x0d0d0d0d;

/**
 * The index of the first delimiter, CR or LF at or after `j` in `buf`, given `delims`
 * (the delimiter byte in all 4 bytes of a word, see repeatByte), `view` (a DataView of
 * `buf`) and `stop` (non-zero for exactly those bytes). One of them must come before
 * the end of `buf`.
 */
export function fieldEnd(buf: Uint8Array, view: DataView, j: number, delims: number, stop: Uint8Array): number {
  const last = buf.length - 4;
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

/** Byte `b` in all 4 bytes of a word. */
export function repeatByte(b: number): number {
  return Math.imul(b & 0xff, ONES);
}
