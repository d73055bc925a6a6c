import { DIGIT_WINDOW, DigitIndex } from './digit-index.js';
import { EITHER } from './digit-mode.js';

/** From a batch of this many fields, the shape is learnt from the batch, not just its first value. */
const LEARN_FIELDS = 64;

/**
 * Learn the shape from a batch of fields: the first value's, unless few fields of a big
 * batch have it (a UUID that happens to end in digits: numbering it alone would cost a
 * digit check of every row and a renumbering of every code); then the shape of a value
 * further on that many have, else none (every value hashed). `ns`: room for DIGIT_WINDOW numbers.
 */
export function learnShape(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, n: number, ns: Int32Array): DigitIndex | null {
  const m = Math.min(n, DIGIT_WINDOW);
  const first = DigitIndex.learn(bytes, starts[0], ends[0], true);
  if (m < LEARN_FIELDS) return first;
  for (const f of [0, m >> 2, m >> 1, (3 * m) >> 2]) {
    const d = f === 0 ? first : DigitIndex.learn(bytes, starts[f], ends[f], true);
    if (d !== null && fitting(d, bytes, starts, ends, m, ns) * 8 >= m) return d;
  }
  return null;
}

/** How many of the first m fields d numbers (settling an EITHER shape as internMany would). */
function fitting(d: DigitIndex, bytes: Uint8Array, starts: Int32Array, ends: Int32Array, m: number, ns: Int32Array): number {
  let misses = d.numbers(bytes, starts, ends, 0, m, ns);
  if (misses > 0 && d.mode === EITHER) {
    for (let i = 0; i < m; ++i) {
      if (ns[i] < 0 && d.resolve(bytes, starts[i], ends[i])) {
        misses = d.numbers(bytes, starts, ends, 0, m, ns);
        break;
      }
    }
  }
  return m - misses;
}
