/**
 * CodeDict.absorb's first step: the numbers of a part read by another thread joined into
 * this thread's numbering, or coded by their text where it cannot number them.
 */
import { firstBit, forEachBit, lastBit } from './bit-words.js';
import type { CodeDictState } from './code-dict-state.js';
import { coverNumbers } from './cover-numbers.js';
import { DigitIndex } from './digit-index.js';
import { orWords } from './or-words.js';
import { releaseBuffer } from '../../parallel/release-buffer.js';

/** What absorbNumbers reads and advances of a CodeDict (see its fields). */
export interface NumberingState {
  learned: boolean;
  digits: DigitIndex | null;
  frozen: boolean;
  numbered: number;
  /** Numbers the part gave codes of their text: keys are then not in first-seen order. */
  outOfOrder: boolean;
  /** Mark number n (covered by d) as seen. */
  mark(d: DigitIndex, n: number): void;
  /** The code of the value numbered n in `shape` (the part's), written into `text`. */
  codeOfNumber(shape: DigitIndex, n: number, text: Uint8Array): number;
}

/**
 * Join the part's numbers `od` into `s`: marked where s numbers them (all at once when its
 * span covers them, else number by number in numeric order, as internMany would), and
 * returned as a map number -> code for those it cannot number (another shape, or past a
 * frozen span); null when there are none. The part's bits are released.
 */
export function absorbNumbers(s: NumberingState, od: NonNullable<CodeDictState['digits']>): Map<number, number> | null {
  let numbers: Map<number, number> | null = null;
  const present = od.present;
  const first = firstBit(present);
  const last = lastBit(present);
  if (first >= 0 && !s.learned) {
    s.learned = true;
    s.digits = DigitIndex.marking(od.prefix, od.length, od.lo + first, od.mode);
  }
  const d = s.digits;
  // The part's numbers this one cannot number get the code of their text.
  const shape = DigitIndex.marking(od.prefix, od.length, 0, od.mode);
  const text = new Uint8Array(od.prefix.length + Math.max(od.length, 10));
  if (first >= 0 && d !== null && d.merge(od.prefix, od.length, od.mode)) {
    if (!s.frozen && coverNumbers(d, od.lo + first, od.lo + last, 0)) {
      // All covered. Both spans start at multiples of 32: the part's words line up.
      s.numbered += orWords(d.present, present, first, last, (od.lo - d.lo) >> 5);
    } else {
      // Number by number, as in internMany (in numeric order: the part's row order is gone).
      forEachBit(present, (i) => {
        const n = od.lo + i;
        if (!s.frozen && !coverNumbers(d, n, n, 0)) s.frozen = true;
        if (n >= d.least && n <= d.most) s.mark(d, n);
        else (numbers ??= new Map()).set(n, s.codeOfNumber(shape, n, text));
      });
    }
  } else if (first >= 0) {
    // Another shape (or none) here: each number's text gets its code.
    const map = (numbers = new Map<number, number>());
    forEachBit(present, (i) => map.set(od.lo + i, s.codeOfNumber(shape, od.lo + i, text)));
  }
  if (numbers !== null) s.outOfOrder = true;
  releaseBuffer(present);
  return numbers;
}
