import type { DigitIndex } from '../dict/digit-index.js';
import { FIXED, FREE } from '../dict/digit-mode.js';

/** What fastId reads and advances of a text column (CsvColumn). */
export interface FastIdColumn {
  /** The column's plain-digit numbering (CodeDict.plainNumbers), or null. */
  ids: DigitIndex | null;
  /** Numbers marked here for the first time, for the dictionary's count (see CsvColumn.flush). */
  idsAdded: number;
  i32: Int32Array | null;
}

/**
 * The fast path's read of a text id that is a number its column already numbers ("17850"
 * in a column of ids 1..N, "C0000042" after its prefix): its digits read once, its bit marked, its number
 * written as the row's code, and no batch for the dictionary. Returns the index after the
 * field, or -1 when the field must go the batch way (CodeDict.internMany): another shape,
 * a number outside the span covered so far, or no stop byte after the digits. Exactly the
 * code and marks internMany gives: it numbers a value of the shape inside [least, most] so
 * whatever the other values of its batch (the span only grows, see windowFreezes).
 */
export function fastId(col: FastIdColumn, d: DigitIndex, b: Uint8Array, i: number, stop: Uint8Array, row: number): number {
  const prefix = d.prefix;
  const k = prefix.length;
  for (let j = 0; j < k; ++j) if (b[i + j] !== prefix[j]) return -1;
  i += k;
  let p = i;
  let v = 0;
  let c = b[p] - 48;
  while (c >= 0 && c <= 9 && p - i < 9) {
    v = v * 10 + c;
    c = b[++p] - 48;
  }
  const digits = p - i;
  if (digits === 0 || stop[b[p]] === 0) return -1;
  // How the shape writes its digits (digit-mode.ts): a leading zero only when FIXED, and
  // the one length unless FREE.
  const mode = d.mode;
  if (mode === FREE ? digits > 1 && b[i] === 48 : digits + k !== d.length || (mode !== FIXED && digits > 1 && b[i] === 48)) return -1;
  if (v < d.least || v > d.most) return -1;
  const s = v - d.lo;
  const present = d.present;
  const w = present[s >>> 5];
  const bit = 1 << (s & 31);
  if ((w & bit) === 0) {
    present[s >>> 5] = w | bit;
    ++col.idsAdded;
  }
  col.i32![row] = v;
  return p;
}
