import { civilDay, DAY_MS } from '../../time/civil.js';
import { digits4, pair, value4 } from './digit-words.js';

/*
 * ISO 8601 dates and date-times read straight from bytes, for CSV time columns:
 * YYYY-MM-DD, then optionally [T, t or space] H[H]:MM[:SS[.fff...]] and optionally
 * [space] Z, z, UTC, ±HH, ±HHMM or ±HH:MM. The value is exactly what parseDateText
 * (src/time/parse-date-text.ts) gives for the same text: without a zone designator the
 * wall-clock time as epoch ms (read in the run's zone later), with one the instant.
 */

/**
 * Element 0: the value of the last successful {@link parseIsoBytes}. A typed array, not a
 * module variable: a double stored in a module variable is boxed, a heap allocation per call.
 */
export const isoOut = new Float64Array(1);
/** True when the last successful {@link parseIsoBytes} value carried a zone designator. */
export let isoZoned = false;

const T_UPPER = 84;
const T_LOWER = 116;
const SPACE = 32;
const COLON = 58;
const DASH = 45;
const PLUS = 43;
const DOT = 46;
const COMMA = 44;

// The day number of the last date read: sorted files repeat dates row after row.
let lastYmd = -1;
let lastDay = 0;

/** The two-digit number at b[p], b[p+1], or -1 (reads past the end are undefined: not digits). */
function two(b: Uint8Array, p: number): number {
  const x = b[p] - 48;
  const y = b[p + 1] - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/**
 * Read an ISO date or date-time starting at b[p] and ending at or before `limit`.
 * Returns the index just after it, or -1 when the bytes do not start with one (or
 * name no calendar date or clock time); on success sets isoOut[0] and isoZoned.
 * The caller checks that the text ends where the field ends. `comma` allows "," as
 * the decimal separator of seconds (only when the field's end is known, since in a
 * comma-delimited row it ends the field).
 */
export function parseIsoBytes(b: Uint8Array, p: number, limit: number, comma: boolean): number {
  if (p + 10 > limit) return -1;
  const y1 = two(b, p);
  const y2 = two(b, p + 2);
  const mo = two(b, p + 5);
  const d = two(b, p + 8);
  if (y1 < 0 || y2 < 0 || b[p + 4] !== DASH || b[p + 7] !== DASH || mo < 1 || mo > 12 || d < 1) return -1;
  const ymd = (y1 * 100 + y2) * 10000 + mo * 100 + d;
  let day: number;
  if (ymd === lastYmd) day = lastDay;
  else {
    day = civilDay(y1 * 100 + y2, mo, d);
    if (day !== day) return -1;
    lastYmd = ymd;
    lastDay = day;
  }
  let q = p + 10;
  const sep = q < limit ? b[q] : 0;
  if (sep !== T_UPPER && sep !== T_LOWER && sep !== SPACE) {
    isoOut[0] = day * DAY_MS;
    isoZoned = false;
    return q;
  }
  // Hour: one or two digits, as parseDateText reads it.
  let h = b[q + 1] - 48;
  if (!(h >= 0 && h <= 9)) return -1;
  q += 2;
  const h2 = b[q] - 48;
  if (h2 >= 0 && h2 <= 9) {
    h = h * 10 + h2;
    ++q;
  }
  if (b[q] !== COLON) return -1;
  const mi = two(b, q + 1);
  q += 3;
  let sec = 0;
  let ms = 0;
  if (q < limit && b[q] === COLON) {
    sec = two(b, q + 1);
    q += 3;
    const c = q < limit ? b[q] : 0;
    if (c === DOT || (comma && c === COMMA)) {
      const f0 = ++q;
      let scale = 100;
      // Same float steps as parseDateText, so digits past the millisecond truncate alike.
      while (q < limit) {
        const x = b[q] - 48;
        if (!(x >= 0 && x <= 9)) break;
        ms += x * scale;
        scale /= 10;
        ++q;
      }
      if (q === f0) return -1;
      ms = Math.floor(ms);
    }
  }
  if (h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || q > limit) return -1;
  const wall = day * DAY_MS + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
  // A zone designator, after an optional space.
  let z = q;
  if (z < limit && b[z] === SPACE) ++z;
  const c = z < limit ? b[z] : 0;
  if (c === 90 /* Z */ || c === 122 /* z */) {
    isoOut[0] = wall;
    isoZoned = true;
    return z + 1;
  }
  if (c === 85 /* U */ && b[z + 1] === 84 && b[z + 2] === 67 && z + 3 <= limit) {
    isoOut[0] = wall;
    isoZoned = true;
    return z + 3;
  }
  if (c === PLUS || c === DASH) {
    const oh = two(b, z + 1);
    if (oh < 0 || oh > 23 || z + 3 > limit) return -1;
    z += 3;
    let om = 0;
    if (z < limit && b[z] === COLON) {
      om = two(b, z + 1);
      if (om < 0) return -1;
      z += 3;
    } else {
      const m2 = two(b, z);
      if (m2 >= 0) {
        om = m2;
        z += 2;
      }
    }
    if (om > 59 || z > limit) return -1;
    isoOut[0] = wall - (c === PLUS ? 1 : -1) * (oh * 3_600_000 + om * 60_000);
    isoZoned = true;
    return z;
  }
  isoOut[0] = wall;
  isoZoned = false;
  return q;
}

/**
 * True when b[start, end) (surrounding spaces and tabs ignored) is exactly one ISO
 * date or date-time; sets isoOut[0] and isoZoned.
 */
export function isoField(b: Uint8Array, start: number, end: number): boolean {
  while (start < end && (b[start] === SPACE || b[start] === 9)) ++start;
  while (end > start && (b[end - 1] === SPACE || b[end - 1] === 9)) --end;
  return parseIsoBytes(b, start, end, true) === end;
}

const CACHE_MISSES = 64;
const CACHE_OFF = 4096;
/**
 * The words of the last date parseIsoAt read (its first 10 bytes) and its day number; then
 * whether the test against it is made (above 0: misses left in this window; below 0: dates
 * left to read without it) and the hits in this window. A typed array: int32 words kept in
 * module variables would be boxed when beyond small integers.
 */
const lastDate = new Int32Array([-1, -1, -1, 0, CACHE_MISSES, 0]);
/**
 * parseIsoBytes for a CSV reader's fast path, with the value written to out[at] (nothing
 * boxed). The layouts real exports write (YYYY-MM-DD, then [T, t or space]HH:MM:SS, an
 * optional .fff and an optional Z or ±HH:MM) are read a word (four bytes) at a time from
 * `view` (a DataView of the bytes of `b`); any other text, and any field within 32 bytes of
 * `limit`, goes to parseIsoBytes. Same result, end and isoZoned as parseIsoBytes(b, p,
 * limit, false).
 */
export function parseIsoAt(b: Uint8Array, view: DataView, p: number, limit: number, out: Float64Array, at: number): number {
  if (p + 32 > limit) return slowIsoAt(b, p, limit, out, at);
  const ymd = view.getInt32(p, true);
  const mm = view.getInt32(p + 4, true);
  const dd = view.getInt32(p + 8, true);
  const last = lastDate;
  let day: number;
  // A file in time order repeats its dates row after row: the day of the last one read.
  // In a file sorted otherwise (by customer, shuffled) the test mostly fails, a branch
  // mispredicted half the time: it is then left out for a while (see lastDate).
  if (last[4] > 0 && ymd === last[0] && mm === last[1] && (dd & 0xffff) === last[2]) {
    day = last[3];
    ++last[5];
  } else {
    // "YYYY", "-MM-", "DD": the dashes set aside, all digits.
    if ((mm & 0xff0000ff) !== 0x2d00002d || !digits4(ymd) || !digits4((mm & 0x00ffff00) | 0x30000030) || !digits4((dd & 0xffff) | 0x30300000)) {
      return slowIsoAt(b, p, limit, out, at);
    }
    const mo = pair(mm, 1);
    const d = pair(dd, 0);
    if (mo < 1 || mo > 12 || d < 1) return slowIsoAt(b, p, limit, out, at);
    day = civilDay(value4(ymd), mo, d);
    if (day !== day) return slowIsoAt(b, p, limit, out, at);
    last[0] = ymd;
    last[1] = mm;
    last[2] = dd & 0xffff;
    last[3] = day;
    const k = last[4];
    if (k > 1 || k < -1) last[4] = k > 0 ? k - 1 : k + 1;
    else {
      // The end of a window: after CACHE_MISSES misses, the test stays if it hit as
      // often, else it is left out for CACHE_OFF dates; after those it is tried again.
      last[4] = k === 1 && last[5] < CACHE_MISSES ? -CACHE_OFF : CACHE_MISSES;
      last[5] = 0;
    }
  }
  const sep = (dd >>> 16) & 0xff;
  if (sep !== T_UPPER && sep !== T_LOWER && sep !== SPACE) {
    out[at] = day * DAY_MS;
    isoZoned = false;
    return p + 10;
  }
  // "HH:M" and "M:SS", the colons set aside.
  const hm = view.getInt32(p + 11, true);
  const ms = view.getInt32(p + 15, true);
  if ((hm & 0x00ff0000) !== 0x003a0000 || (ms & 0x0000ff00) !== 0x00003a00 || !digits4((hm & 0xff00ffff) | 0x00300000) || !digits4((ms & 0xffff00ff) | 0x00003000)) {
    return slowIsoAt(b, p, limit, out, at);
  }
  const h = pair(hm, 0);
  const mi = (hm >>> 24) * 10 + (ms & 0xff) - 528;
  const sec = pair(ms, 2);
  if (h > 23 || mi > 59 || sec > 59) return slowIsoAt(b, p, limit, out, at);
  let q = p + 19;
  let c = b[q];
  let frac = 0;
  if (c === DOT) {
    const f = view.getInt32(q, true);
    // ".fff" then a byte that is no digit: milliseconds exactly; other fractions go the slow way.
    const next = b[q + 4] - 48;
    if (!digits4((f & 0xffffff00) | 0x30) || (next >= 0 && next <= 9)) return slowIsoAt(b, p, limit, out, at);
    frac = ((f >>> 8) & 0xff) * 100 + ((f >>> 16) & 0xff) * 10 + (f >>> 24) - 5328;
    q += 4;
    c = b[q];
  }
  const wall = day * DAY_MS + h * 3_600_000 + mi * 60_000 + sec * 1000 + frac;
  if (c === 90 /* Z */ || c === 122 /* z */) {
    out[at] = wall;
    isoZoned = true;
    return q + 1;
  }
  if (c === PLUS || c === DASH) {
    // "±HH:MM" (other offsets go the slow way).
    const oh = two(b, q + 1);
    const om = two(b, q + 4);
    if (b[q + 3] !== COLON || oh < 0 || oh > 23 || om < 0 || om > 59) return slowIsoAt(b, p, limit, out, at);
    out[at] = wall - (c === PLUS ? 1 : -1) * (oh * 3_600_000 + om * 60_000);
    isoZoned = true;
    return q + 6;
  }
  // A space may come before a zone designator; "U" may start "UTC".
  if (c === SPACE || c === 85) return slowIsoAt(b, p, limit, out, at);
  out[at] = wall;
  isoZoned = false;
  return q;
}

function slowIsoAt(b: Uint8Array, p: number, limit: number, out: Float64Array, at: number): number {
  const q = parseIsoBytes(b, p, limit, false);
  if (q >= 0) out[at] = isoOut[0];
  return q;
}
