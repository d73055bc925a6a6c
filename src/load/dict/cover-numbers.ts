/**
 * How far a DigitIndex may span: growing its slots (or, marking, its bits) to cover more
 * numbers, or refusing when that would make it too big or too sparse.
 */
import { releaseBuffer } from '../../parallel/release-buffer.js';

/** What coverNumbers reads and grows of a DigitIndex (see its fields). */
export interface NumberSpan {
  slots: Int32Array;
  present: Int32Array;
  lo: number;
  readonly marks: boolean;
  least: number;
  most: number;
}

/** The index never spans more numbers than this (a 64 MB table). */
const MAX_SPAN = 1 << 24;
/**
 * A marking index may span up to this many numbers (a 16 MB bitmap: every 8-digit id).
 * Whether a number fits depends only on the numbers seen (their range), never on the
 * order they came in or how they were batched (see CodeDict.internMany).
 */
const MARK_SPAN = 1 << 27;
/** Past this span the numbers must not be sparser than one in SPARSE... */
const FREE_SPAN = 1 << 20;
const SPARSE = 64;
/** ...once this many values are in (before, a time-ordered log has barely started). */
const SETTLED = 1 << 16;

/**
 * Make the slots cover the numbers min..max; false when that would make the index too
 * big or too sparse for `count` values (the caller then moves to a hash table).
 */
export function coverNumbers(d: NumberSpan, min: number, max: number, count: number): boolean {
  const lo = d.lo;
  const span = spanOf(d);
  const hi = lo + span;
  if (d.marks) {
    const least = Math.min(d.least, min);
    const most = Math.max(d.most, max);
    if (most - least + 1 > MARK_SPAN) return false;
    d.least = least;
    d.most = most;
  }
  if (min >= lo && max < hi) return true;
  const needLo = Math.min(lo, min);
  const needHi = Math.max(hi, max + 1);
  const need = needHi - needLo;
  if (!d.marks && (need > MAX_SPAN || (need > FREE_SPAN && count >= SETTLED && need > SPARSE * count))) return false;
  const cap = d.marks ? MARK_SPAN + 64 : MAX_SPAN;
  let size = Math.max(need, Math.min(cap, 2 * span));
  let next = min < lo ? Math.max(0, needHi - size) : needLo;
  if (d.marks) {
    // Whole words: lo stays a multiple of 32, so a word of bits moves as a word.
    const shift = next & 31;
    next -= shift;
    size = (size + shift + 31) & ~31;
    const present = new Int32Array(size >>> 5);
    present.set(d.present, (lo - next) >>> 5);
    releaseBuffer(d.present);
    d.present = present;
  } else {
    const slots = new Int32Array(size);
    slots.set(d.slots, lo - next);
    releaseBuffer(d.slots);
    d.slots = slots;
  }
  d.lo = next;
  return true;
}

/** How many numbers the index covers, from lo. */
function spanOf(d: NumberSpan): number {
  return d.marks ? d.present.length << 5 : d.slots.length;
}
