/**
 * Four ASCII digits at a time, in a little-endian 32-bit word (DataView.getInt32(p, true)):
 * the CSV fast path's dates and long numbers (epoch milliseconds) read this way, not byte
 * by byte.
 */

const HIGH_NIBBLES = 0xf0f0f0f0 | 0;
const ZEROS = 0x30303030;
const SIXES = 0x06060606;

/** Whether the four bytes of a word are all ASCII digits (no carry: the first test bounds each byte). */
export function digits4(x: number): boolean {
  return (x & HIGH_NIBBLES) === ZEROS && ((x + SIXES) & HIGH_NIBBLES) === ZEROS;
}

/** The number written by a word of four digits (see digits4), its first byte the most significant digit. */
export function value4(x: number): number {
  const d = x - ZEROS;
  // Bytes 0 and 2 become the two-digit numbers of bytes 0-1 and 2-3.
  const t = Math.imul(d, 10) + (d >>> 8);
  return (t & 0xff) * 100 + ((t >>> 16) & 0xff);
}

/** The two-digit number in bytes k and k + 1 of a word of digits. */
export function pair(x: number, k: number): number {
  return ((x >>> (8 * k)) & 0xff) * 10 + ((x >>> (8 * k + 8)) & 0xff) - 528;
}
