import { fail, type ErrorLocation } from '../errors.js';
import { daysFromCivil, daysInMonth, DAY_MS } from './civil.js';
import type { Zone } from './zone.js';

/*
 * Hand-written, allocation-free parsing of date and date-time texts (char codes, no
 * regular expressions): the per-value core of parse-time.ts.
 */

/** The explicit date formats of --date-format. Day-month-year forms may carry " HH:MM[:SS]". */
export type DateFormat =
  | 'YYYYMMDD'
  | 'YYYY-MM-DD'
  | 'DD-MM-YYYY'
  | 'MM-DD-YYYY'
  | 'DD/MM/YYYY'
  | 'MM/DD/YYYY'
  | 'DD.MM.YYYY'
  | 'YYYY/MM/DD'
  | 'EPOCH-S'
  | 'EPOCH-MS';

/** Every {@link DateFormat}, in the order they are listed to users. */
export const DATE_FORMATS: readonly DateFormat[] = [
  'YYYYMMDD',
  'YYYY-MM-DD',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'YYYY/MM/DD',
  'EPOCH-S',
  'EPOCH-MS',
];

/** Instants beyond this many ms from the epoch are not valid dates. */
const MAX_INSTANT = 8.64e15;

/**
 * How day-month-year values (a/b/yyyy) are read when no format is given: day-first,
 * month-first, or "auto": per value, only when the value itself decides (a > 12,
 * b > 12 or a === b).
 */
export type DayMonthOrder = 'auto' | 'dmy' | 'mdy';

const SLASH = 47;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const PLUS = 43;

/** Separator and order of each explicit day-month-year format. */
const DMY_FORMATS: Partial<Record<DateFormat, [number, DayMonthOrder]>> = {
  'DD-MM-YYYY': [DASH, 'dmy'],
  'MM-DD-YYYY': [DASH, 'mdy'],
  'DD/MM/YYYY': [SLASH, 'dmy'],
  'MM/DD/YYYY': [SLASH, 'mdy'],
  'DD.MM.YYYY': [DOT, 'dmy'],
};

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The n-digit number at s[p..p+n), or -1 (charCodeAt past the end is NaN: not a digit). */
function digits(s: string, p: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; ++k) {
    const c = s.charCodeAt(p + k) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Day number of y-m-d, or NaN when it is not a calendar date. */
export function validDay(y: number, m: number, d: number): number {
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return daysFromCivil(y, m, d);
}

/** Epoch number to ms: seconds when |v| < 1e11, else milliseconds; NaN when out of range. */
function epochMs(v: number): number {
  const ms = Math.abs(v) < 1e11 ? Math.round(v * 1000) : v;
  return Math.abs(ms) <= MAX_INSTANT ? ms : NaN;
}

/** True when s[i..e) is an optionally signed decimal number with an optional fraction. */
function isNumberText(s: string, i: number, e: number): boolean {
  let p = i;
  const c0 = s.charCodeAt(p);
  if (c0 === DASH || c0 === PLUS) ++p;
  const d0 = p;
  while (p < e && isDigit(s.charCodeAt(p))) ++p;
  if (p === d0) return false;
  if (p < e && s.charCodeAt(p) === DOT) {
    const f0 = ++p;
    while (p < e && isDigit(s.charCodeAt(p))) ++p;
    if (p === f0) return false;
  }
  return p === e;
}

/**
 * The optional time part after a date that ends at q, and the instant it all names.
 * Accepts [T or space] H[H]:MM[:SS[.fff...]] then an optional [space] Z, UTC, ±HH,
 * ±HHMM or ±HH:MM. Without an offset the time is wall-clock time in `zone`.
 */
function withTime(s: string, q: number, e: number, day: number, zone: Zone): number {
  if (day !== day) return NaN;
  if (q === e) return zone.toUtc(day * DAY_MS);
  const sep = s.charCodeAt(q);
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32) return NaN;
  let p = q + 1;
  let h = digits(s, p, 1);
  if (h < 0) return NaN;
  ++p;
  if (isDigit(s.charCodeAt(p))) h = h * 10 + s.charCodeAt(p++) - 48;
  if (s.charCodeAt(p) !== COLON) return NaN;
  const mi = digits(s, p + 1, 2);
  p += 3;
  let sec = 0;
  let ms = 0;
  if (s.charCodeAt(p) === COLON) {
    sec = digits(s, p + 1, 2);
    p += 3;
    const c = s.charCodeAt(p);
    if (c === DOT || c === 44 /* , */) {
      const f0 = ++p;
      let scale = 100;
      while (p < e && isDigit(s.charCodeAt(p))) {
        ms += (s.charCodeAt(p) - 48) * scale; // digits past the millisecond truncate
        scale /= 10;
        ++p;
      }
      if (p === f0) return NaN;
      ms = Math.floor(ms);
    }
  }
  if (h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || p > e) return NaN;
  const wall = day * DAY_MS + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
  if (p === e) return zone.toUtc(wall);
  if (s.charCodeAt(p) === 32) ++p;
  const c = s.charCodeAt(p);
  if ((c === 90 /* Z */ || c === 122 /* z */) && p + 1 === e) return wall;
  if (s.startsWith('UTC', p) && p + 3 === e) return wall;
  if (c !== PLUS && c !== DASH && c !== 0x2212 /* − */) return NaN;
  const oh = digits(s, p + 1, 2);
  let om = 0;
  p += 3;
  if (p < e) {
    if (s.charCodeAt(p) === COLON) ++p;
    om = digits(s, p, 2);
    p += 2;
  }
  if (p !== e || oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
  return wall - (c === PLUS ? 1 : -1) * (oh * 3_600_000 + om * 60_000);
}

// The fields of the last value dmyShape accepted (module scratch, to avoid allocating).
let dmyA = 0;
let dmyB = 0;
let dmySep = 0;
let dmyEnd = 0;

/**
 * True when s[i..) starts with a/b/yyyy: 1-2 digit fields and one separator ("/", "-"
 * or ".") used twice; sets dmyA, dmyB, dmySep and dmyEnd (the index after the year).
 */
function dmyShape(s: string, i: number): boolean {
  let p = i;
  let a = digits(s, p, 1);
  if (a < 0) return false;
  if (isDigit(s.charCodeAt(++p))) a = a * 10 + s.charCodeAt(p++) - 48;
  const sep = s.charCodeAt(p);
  if (sep !== SLASH && sep !== DASH && sep !== DOT) return false;
  let b = digits(s, ++p, 1);
  if (b < 0) return false;
  if (isDigit(s.charCodeAt(++p))) b = b * 10 + s.charCodeAt(p++) - 48;
  if (s.charCodeAt(p) !== sep || digits(s, p + 1, 4) < 0 || isDigit(s.charCodeAt(p + 5))) return false;
  dmyA = a;
  dmyB = b;
  dmySep = sep;
  dmyEnd = p + 5;
  return true;
}

/**
 * The instant a text names (NaN when invalid), read with an explicit format or, without
 * one, every form parseTimeString documents, a/b/yyyy values in the given order.
 */
export function parseDateText(s: string, zone: Zone, format: DateFormat | undefined, order: DayMonthOrder): number {
  let i = 0;
  let e = s.length;
  while (i < e && s.charCodeAt(i) <= 32) ++i;
  while (e > i && s.charCodeAt(e - 1) <= 32) --e;
  if (i === e) return NaN;
  let p = i;
  while (p < e && isDigit(s.charCodeAt(p))) ++p;
  const nd = p - i;

  if (format === 'EPOCH-S' || format === 'EPOCH-MS') {
    if (!isNumberText(s, i, e)) return NaN;
    const v = Number(s.slice(i, e));
    const ms = format === 'EPOCH-S' ? Math.round(v * 1000) : v;
    return Math.abs(ms) <= MAX_INSTANT ? ms : NaN;
  }
  if (format === undefined || format === 'YYYYMMDD') {
    if (nd === 8) {
      const day = validDay(digits(s, i, 4), digits(s, i + 4, 2), digits(s, i + 6, 2));
      if (day === day || format === 'YYYYMMDD') return withTime(s, i + 8, e, day, zone);
    }
    if (format === 'YYYYMMDD') return NaN;
    if (isNumberText(s, i, e)) return epochMs(Number(s.slice(i, e)));
  }
  if (format === undefined || format === 'YYYY-MM-DD' || format === 'YYYY/MM/DD') {
    const sep = s.charCodeAt(p);
    const want = format === 'YYYY-MM-DD' ? DASH : format === 'YYYY/MM/DD' ? SLASH : sep;
    if (nd === 4 && sep === want && (sep === DASH || sep === SLASH)) {
      const m = digits(s, i + 5, 2);
      if (s.charCodeAt(i + 7) !== sep) return NaN;
      const day = validDay(digits(s, i, 4), m, digits(s, i + 8, 2));
      return withTime(s, i + 10, e, day, zone);
    }
    if (format !== undefined) return NaN;
  }
  if (nd !== 1 && nd !== 2) return NaN;
  if (!dmyShape(s, i)) return NaN;
  const a = dmyA;
  const b = dmyB;
  const sep = dmySep;
  const q = dmyEnd;
  let ord: DayMonthOrder = order;
  if (format !== undefined) {
    const [fsep, ford] = DMY_FORMATS[format] as [number, DayMonthOrder];
    if (sep !== fsep) return NaN;
    ord = ford;
  } else if (sep === DOT) {
    ord = 'dmy'; // DD.MM.YYYY is the only dotted form
  } else if (ord === 'auto') {
    if (a > 12) ord = 'dmy';
    else if (b > 12 || a === b) ord = 'mdy';
    else return NaN;
  }
  const y = digits(s, q - 4, 4);
  const day = ord === 'dmy' ? validDay(y, b, a) : validDay(y, a, b);
  return withTime(s, q, e, day, zone);
}

/**
 * The family of date form a readable text is written in (for telling columns that mix
 * forms): "YYYY-MM-DD", "YYYY/MM/DD", "YYYYMMDD", "epoch seconds", "epoch milliseconds",
 * or a day-month-year form "D/M/YYYY", "D-M-YYYY", "D.M.YYYY". Times and offsets
 * after a date do not change its family.
 */
export function dateForm(text: string): string {
  let i = 0;
  let e = text.length;
  while (i < e && text.charCodeAt(i) <= 32) ++i;
  while (e > i && text.charCodeAt(e - 1) <= 32) --e;
  let p = i;
  while (p < e && isDigit(text.charCodeAt(p))) ++p;
  const nd = p - i;
  const ymd = nd === 8 ? validDay(digits(text, i, 4), digits(text, i + 4, 2), digits(text, i + 6, 2)) : NaN;
  if (ymd === ymd) return 'YYYYMMDD';
  if (isNumberText(text, i, e)) return Math.abs(Number(text.slice(i, e))) < 1e11 ? 'epoch seconds' : 'epoch milliseconds';
  if (nd === 4) return text.charCodeAt(p) === SLASH ? 'YYYY/MM/DD' : 'YYYY-MM-DD';
  if (dmyShape(text, i)) return dmySep === SLASH ? 'D/M/YYYY' : dmySep === DASH ? 'D-M-YYYY' : 'D.M.YYYY';
  return 'other';
}

/**
 * Picks the day-month order of the a/b/yyyy values among `texts` (weights: rows per
 * text). A field > 12 decides; if both orders occur the one with more rows wins and
 * the other rows become bad.
 * @throws KohortError `ambiguousDate` when no value decides and some value is ambiguous
 */
export function dayMonthOrder(
  texts: readonly (string | null)[],
  weights: ArrayLike<number>,
  where: ErrorLocation,
): DayMonthOrder {
  let dayFirst = 0;
  let monthFirst = 0;
  let example: string | undefined;
  for (let k = 0; k < texts.length; ++k) {
    const s = texts[k];
    if (s === null || !weights[k]) continue;
    let i = 0;
    while (i < s.length && s.charCodeAt(i) <= 32) ++i;
    if (!dmyShape(s, i) || dmySep === DOT) continue;
    const a = dmyA;
    const b = dmyB;
    if (a > 12 && b <= 12) dayFirst += weights[k];
    else if (b > 12 && a <= 12) monthFirst += weights[k];
    else if (a !== b && a <= 12 && b <= 12) example ??= s;
  }
  if (dayFirst || monthFirst) return dayFirst >= monthFirst ? 'dmy' : 'mdy';
  if (example !== undefined) fail('ambiguousDate', { example }, where);
  return 'auto';
}

