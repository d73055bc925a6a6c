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
 * place among them, when not the key itself. With numbers, the bytes (arena, starts,
 * lengths) are written when first read: a join through the numbers (numberedIndex) reads
 * none, and a million ids' texts cost a pass and 16 MB of fresh memory on the load's
 * critical path (the settle of a split Parquet file, after both threads' decode).
 */
export function settledValues(
  d: DigitIndex | null,
  present: Int32Array,
  numbered: number,
  h: ByteDictState,
  order: Int32Array | null,
): DictBytes {
  const P = numbered;
  const size = P + h.size;
  // Digits are ASCII: only the prefix and the hashed values can be other bytes.
  let high = 0;
  for (const b of d?.prefix ?? []) high |= b;
  if (order === null) for (let i = 0; i < h.arena.length; ++i) high |= h.arena[i];
  else for (let j = 0; j < h.size; ++j) for (let i = h.starts[j], e = i + h.lengths[j]; i < e; ++i) high |= h.arena[i];
  const ascii = high < 0x80;
  if (d === null || P === 0) return { ...valueBytes(P, null, 0, h, order), size, ascii };
  // Room for the numbers: each at most as long as the largest one's text.
  const numberRoom = P * d.textLength(d.lo + lastBit(present));
  const numbers = numberedValues(d, present, P);
  let bytes: ValueBytes | undefined;
  const built = () => (bytes ??= valueBytes(P, numbers, numberRoom, h, order));
  return {
    get arena() {
      return built().arena;
    },
    get starts() {
      return built().starts;
    },
    get lengths() {
      return built().lengths;
    },
    size,
    ascii,
    numbers,
  };
}

interface ValueBytes {
  arena: Uint8Array;
  starts: Int32Array;
  lengths: Int32Array;
}

/** The values' bytes: the P numbers' texts (in `numberRoom` bytes at most), then the hashed values in key order. */
function valueBytes(P: number, numbers: NumberedValues | null, numberRoom: number, h: ByteDictState, order: Int32Array | null): ValueBytes {
  const hashedCount = h.size;
  const room = new Uint8Array(numberRoom + h.arena.length);
  const starts = new Int32Array(P + hashedCount);
  const lengths = new Int32Array(P + hashedCount);
  let o = numbers !== null ? writeNumbers(numbers, numbers.present, room, starts, lengths) : 0;
  // Exactly sized: a view (the slack, at most the largest number's length a number, goes with it).
  const arena = room.subarray(0, o + h.arena.length);
  // The hashed values, their bytes back to back in key order (DictBytes readers rely on it).
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
  return { arena, starts, lengths };
}

/** The numbers' shape and bits, the words that hold them copied (the caller releases `present`). */
function numberedValues(d: DigitIndex, present: Int32Array, count: number): NumberedValues {
  let first = 0;
  while (present[first] === 0) ++first;
  const last = lastBit(present) >> 5;
  return { prefix: d.prefix, mode: d.mode, length: d.length, lo: d.lo + (first << 5), present: present.slice(first, last + 1), count };
}
