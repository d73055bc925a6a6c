/**
 * The values of a settled CodeDict as DictBytes, in key order: the numbers seen, in
 * numeric order (written from their shape), then the hashed values.
 */
import { lastBit } from './bit-words.js';
import type { ByteDictState } from './byte-dict.js';
import type { DictBytes, NumberedValues } from './dict-bytes.js';
import type { DigitIndex } from './digit-index.js';
import { writeNumbers } from './write-numbers.js';

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
  // Room for the numbers: each at most as long as the largest one's text.
  const numberRoom = d !== null && P > 0 ? P * d.textLength(d.lo + lastBit(present)) : 0;
  const room = new Uint8Array(numberRoom + h.arena.length);
  const starts = new Int32Array(P + hashedCount);
  const lengths = new Int32Array(P + hashedCount);
  let o = d !== null && P > 0 ? writeNumbers(d, present, room, starts, lengths) : 0;
  // Exactly sized: a view (the slack, at most the largest number's length a number, goes with it).
  const arena = room.subarray(0, o + h.arena.length);
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
  const numbers = d !== null && P > 0 ? numberedValues(d, present, P) : undefined;
  return { arena, starts, lengths, size: P + hashedCount, ascii: high < 0x80, ...(numbers && { numbers }) };
}

/** The numbers' shape and bits, the words that hold them copied (the caller releases `present`). */
function numberedValues(d: DigitIndex, present: Int32Array, count: number): NumberedValues {
  let first = 0;
  while (present[first] === 0) ++first;
  const last = lastBit(present) >> 5;
  return { prefix: d.prefix, mode: d.mode, length: d.length, lo: d.lo + (first << 5), present: present.slice(first, last + 1), count };
}
