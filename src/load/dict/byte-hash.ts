/**
 * The hash ByteDict files values under: the first 8 bytes as two little-endian
 * words, the length, and the bytes after the first 8.
 */

/** Hash of a value from its first 8 bytes (two little-endian words) and its length. */
export function headHash(w0: number, w1: number, len: number): number {
  return Math.imul(w0 ^ Math.imul(w1, 0x9e3779b1) ^ len, 0x85ebca6b);
}

/** Final mixing, so every bit of the hash reaches the low bits used as the bucket. */
export function finalHash(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** The hash of bytes[start, end), whose first 8 bytes (zero-padded) are the words w0, w1. */
function valueHash(bytes: Uint8Array, words: DataView, start: number, end: number, w0: number, w1: number): number {
  let h = headHash(w0, w1, end - start);
  let i = start + 8;
  // Four bytes a step (a UUID's tail is 7 steps, not 28 dependent multiplies).
  for (; i + 4 <= end; i += 4) {
    h = Math.imul(h ^ words.getInt32(i, true), 0x01000193);
    h = (h << 13) | (h >>> 19);
  }
  for (; i < end; ++i) h = Math.imul(h ^ bytes[i], 0x01000193);
  return finalHash(h);
}

/**
 * Words and hashes of fields from..from+n-1 (field f is bytes[starts[f], ends[f])),
 * into w0s, w1s and hs from index 0.
 */
export function hashFields(
  bytes: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  from: number,
  n: number,
  w0s: Int32Array,
  w1s: Int32Array,
  hs: Int32Array,
): void {
  const words = wordsOf(bytes);
  for (let i = 0; i < n; ++i) {
    const start = starts[from + i];
    const end = ends[from + i];
    const len = end - start;
    let w0 = 0;
    let w1 = 0;
    if (len >= 8) {
      w0 = words.getInt32(start, true);
      w1 = words.getInt32(start + 4, true);
    } else {
      for (let j = 0; j < len; ++j) {
        if (j < 4) w0 |= bytes[start + j] << (j << 3);
        else w1 |= bytes[start + j] << ((j - 4) << 3);
      }
    }
    w0s[i] = w0;
    w1s[i] = w1;
    hs[i] = valueHash(bytes, words, start, end, w0, w1);
  }
}

let lastBytes: Uint8Array | null = null;
let lastWords: DataView | null = null;

/** `bytes` as a DataView (one kept for the last array asked about: fields come in batches of one buffer). */
export function wordsOf(bytes: Uint8Array): DataView {
  if (bytes !== lastBytes) {
    lastWords = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    lastBytes = bytes;
  }
  return lastWords!;
}
