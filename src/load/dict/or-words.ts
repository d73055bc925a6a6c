import { popcount } from './bit-words.js';

/**
 * OR the bit words present[first >>> 5 .. last >>> 5] into mine, word w into w + shift
 * (CodeDict.absorb: both spans start at multiples of 32, so the words line up). Returns
 * how many bits were new.
 */
export function orWords(mine: Int32Array, present: Int32Array, first: number, last: number, shift: number): number {
  let added = 0;
  for (let w = first >>> 5; w <= last >>> 5; ++w) {
    const bits = present[w];
    if (bits === 0) continue;
    added += popcount(bits & ~mine[w + shift]);
    mine[w + shift] |= bits;
  }
  return added;
}
