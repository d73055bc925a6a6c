import type { ByteDict } from './byte-dict.js';
import { DIGIT_WINDOW, type DigitIndex } from './digit-index.js';

const WINDOW = DIGIT_WINDOW;
/** 0, 1, 2, ...: rows for keys written in order. */
const IDENTITY = Int32Array.from({ length: WINDOW }, (_, i) => i);

/** CodeDict.internMany's scratch for one window of fields: their numbers, and those left to hash. */
export class NumberWindow {
  readonly ns = new Int32Array(WINDOW);
  private restStarts = new Int32Array(WINDOW);
  private restEnds = new Int32Array(WINDOW);
  private restRows = new Int32Array(WINDOW);
  private restKeys = new Int32Array(WINDOW);
  /** Fields of the last window to hash (see hashRest). */
  rest = 0;

  /**
   * Fields f0 + [0, m), numbers ns[0, m): numbered are those between the least and the most
   * number covered by d (once frozen, the span's slack beyond them is not used, so that it
   * does not matter how it grew); they are marked and coded. The others are kept for
   * hashRest. Returns how many numbers were new.
   */
  number(d: DigitIndex, bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, f0: number, m: number, out: Int32Array): number {
    const { ns, restStarts, restEnds, restRows } = this;
    const present = d.present;
    const lo = d.lo;
    const from = d.least - lo;
    const width = d.most - d.least + 1;
    let rest = 0;
    let added = 0;
    for (let i = 0; i < m; ++i) {
      const v = ns[i];
      const s = v - lo;
      const f = f0 + i;
      // A miss (-1) or a number outside [least, most] falls outside [0, width).
      if (v >= 0 && (s - from) >>> 0 < width) {
        const old = present[s >>> 5];
        added += ((old >>> (s & 31)) & 1) ^ 1;
        present[s >>> 5] = old | (1 << (s & 31));
        out[rows[f]] = v;
      } else {
        restStarts[rest] = starts[f];
        restEnds[rest] = ends[f];
        restRows[rest++] = rows[f];
      }
    }
    this.rest = rest;
    return added;
  }

  /** Code the fields that number left in `hashed` (-2 - key). */
  hashRest(hashed: ByteDict, bytes: Uint8Array, out: Int32Array): void {
    const { rest, restRows } = this;
    if (rest > 0) {
      // Keys into a scratch array first: a row given twice must not be negated twice.
      const restKeys = this.restKeys;
      hashed.internMany(bytes, this.restStarts, this.restEnds, IDENTITY, rest, restKeys);
      for (let j = 0; j < rest; ++j) out[restRows[j]] = -2 - restKeys[j];
    }
  }
}
