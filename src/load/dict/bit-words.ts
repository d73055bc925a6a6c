/** Bit sets as Int32Array words: bit i is bit i & 31 of word i >> 5. */

/** Call visit(i) for each bit i set, in ascending order (zero words cost a test each). */
export function forEachBit(words: Int32Array, visit: (i: number) => void): void {
  for (let w = 0; w < words.length; ++w) {
    for (let bits = words[w]; bits !== 0; bits &= bits - 1) visit((w << 5) + 31 - Math.clz32(bits & -bits));
  }
}

/** The number of bits set in a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The index of the first bit set, or -1. */
export function firstBit(words: Int32Array): number {
  for (let w = 0; w < words.length; ++w) if (words[w] !== 0) return (w << 5) + (31 - Math.clz32(words[w] & -words[w]));
  return -1;
}

/** The index of the last bit set, or -1. */
export function lastBit(words: Int32Array): number {
  for (let w = words.length - 1; w >= 0; --w) if (words[w] !== 0) return (w << 5) + (31 - Math.clz32(words[w]));
  return -1;
}
