/**
 * The values of a settled CodeDict as DictBytes, in key order: the numbers seen, in
 * numeric order (written from their shape), then the hashed values.
 */
import { forEachBit } from './bit-words.js';
import type { ByteDictState } from './byte-dict.js';
import type { DictBytes } from './dict-bytes.js';
import { FREE, type DigitIndex } from './digit-index.js';

/**
 * `present`: the bits of the numbers seen (from d.lo), `numbered` of them; `h`: the hashed values by hashed key; `order`: each hashed key's
 * place among them, when not the key itself.
 */
export function settledValues(
  d: DigitIndex | null,
  present: Int32Array,
  numbered: number,
  h: ByteDictState,
  order: Int32Array | null,
): DictBytes {
  const P = numbered;
  const hashedCount = h.size;
  let numberBytes = 0;
  if (d !== null && d.mode === FREE) forEachBit(present, (i) => void (numberBytes += d.textLength(d.lo + i)));
  else numberBytes = P * (d?.length ?? 0);
  const arena = new Uint8Array(numberBytes + h.arena.length);
  const starts = new Int32Array(P + hashedCount);
  const lengths = new Int32Array(P + hashedCount);
  let o = 0;
  let k = 0;
  if (d !== null) {
    forEachBit(present, (i) => {
      starts[k] = o;
      o = d.write(d.lo + i, arena, o);
      lengths[k] = o - starts[k];
      ++k;
    });
  }
  // The hashed values, their bytes back to back in key order (DictBytes readers rely on it).
  const hashedAt = o;
  if (order === null) {
    arena.set(h.arena, o);
    for (let j = 0; j < hashedCount; ++j) {
      starts[P + j] = o + h.starts[j];
      lengths[P + j] = h.lengths[j];
    }
  } else {
    const byKey = new Int32Array(hashedCount);
    for (let j = 0; j < hashedCount; ++j) byKey[order[j]] = j;
    for (let r = 0; r < hashedCount; ++r) {
      const j = byKey[r];
      const len = h.lengths[j];
      arena.set(h.arena.subarray(h.starts[j], h.starts[j] + len), o);
      starts[P + r] = o;
      lengths[P + r] = len;
      o += len;
    }
  }
  // Digits are ASCII: only the prefix and the hashed values can be other bytes.
  let high = 0;
  for (const b of d?.prefix ?? []) high |= b;
  for (let i = hashedAt; i < arena.length; ++i) high |= arena[i];
  return { arena, starts, lengths, size: P + hashedCount, ascii: high < 0x80 };
}
