/**
 * The text of a settled CodeDict's numbered values, written in numeric order without a
 * division per digit: the digits of the current number are kept as text and counted up
 * to the next number seen (a dense run of ids costs about one digit step a value), or
 * written afresh after a gap.
 */
import type { DigitIndex } from './digit-index.js';
import { FREE } from './digit-mode.js';

/** Count up by this many at most; a wider gap writes the number afresh. */
const COUNT_UP = 64;

/**
 * Write the values numbered d.lo + i for each bit i set in `present`, in ascending order,
 * exactly as d.write writes them, back to back into `out` from index 0; value k's start
 * and length go to starts[k] and lengths[k]. Returns the bytes written. `out` must hold
 * them (at most the count of bits times d.textLength of the largest number).
 */
export function writeNumbers(d: Pick<DigitIndex, 'prefix' | 'mode' | 'length' | 'lo'>, present: Int32Array, out: Uint8Array, starts: Int32Array, lengths: Int32Array): number {
  const prefix = d.prefix;
  const p = prefix.length;
  const free = d.mode === FREE;
  // The current number's digits, most significant first, right-aligned in digits[16 - width, 16).
  const digits = new Uint8Array(16);
  let width = 0;
  let cur = -1;
  let o = 0;
  let k = 0;
  const fixedWidth = free ? 0 : d.length - p;
  for (let w = 0; w < present.length; ++w) {
    for (let bits = present[w]; bits !== 0; bits &= bits - 1) {
      const n = d.lo + (w << 5) + 31 - Math.clz32(bits & -bits);
      if (cur < 0 || n - cur > COUNT_UP) {
        // Afresh: n's digits, zero-padded to the fixed width.
        let x = n;
        width = 0;
        do {
          const q = (x / 10) | 0;
          digits[15 - width++] = 48 + x - q * 10;
          x = q;
        } while (x > 0);
        while (width < fixedWidth) digits[15 - width++] = 48;
      } else {
        for (let steps = n - cur; steps > 0; --steps) {
          // Count up by one: carry through the 9s.
          let j = 15;
          while (j >= 16 - width && digits[j] === 57) digits[j--] = 48;
          if (j >= 16 - width) ++digits[j];
          else digits[15 - width++] = 49;
        }
      }
      cur = n;
      starts[k] = o;
      for (let j = 0; j < p; ++j) out[o++] = prefix[j];
      for (let j = 16 - width; j < 16; ++j) out[o++] = digits[j];
      lengths[k] = o - starts[k];
      ++k;
    }
  }
  return o;
}
