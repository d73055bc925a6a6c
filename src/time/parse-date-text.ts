import { excelSerialMs } from './excel-serial.js';
import { monthNameDate } from './month-name-date.js';
import { DAY_MS, MAX_INSTANT } from './civil.js';
import type { DateFormat } from './date-format.js';
import { COLON, DASH, digits, DMY, dmyShape, DOT, isDigit, isNumberText, PLUS, SLASH, validDay } from './date-fields.js';
import type { DayMonthOrder } from './day-month-order.js';
import type { Zone } from './zone.js';

/*
 * Hand-written, allocation-free parsing of date and date-time texts (char codes, no
 * regular expressions): the per-value core of parseTimeString and parseTimeColumn.
 */

/**
 * The order each explicit day-month-year format names. Its separator is not checked: a
 * day-first format reads "05/01/2024", "05-01-2024" and "05.01.2024" alike (European
 * exports mix them); a month-first format reads "/" and "-" but not dots, since a dotted
 * date is day-first (DD.MM.YYYY) wherever it is written.
 */
const DMY_FORMATS: Partial<Record<DateFormat, 'dmy' | 'mdy'>> = {
  'DD-MM-YYYY': 'dmy',
  'MM-DD-YYYY': 'mdy',
  'DD/MM/YYYY': 'dmy',
  'MM/DD/YYYY': 'mdy',
  'DD.MM.YYYY': 'dmy',
};

/** The day-month order a date format names (`DD/MM/YYYY`: 'dmy'), or undefined for other formats. */
export function dmyFormatOrder(format: DateFormat | undefined): 'dmy' | 'mdy' | undefined {
  return format === undefined ? undefined : DMY_FORMATS[format];
}

/** Epoch number to ms: seconds when |v| < 1e11, else milliseconds; NaN when out of range. */
function epochMs(v: number): number {
  const ms = Math.abs(v) < 1e11 ? Math.round(v * 1000) : v;
  return Math.abs(ms) <= MAX_INSTANT ? ms : NaN;
}

/**
 * The optional time part after a date that ends at q, and the instant it all names.
 * Accepts [T or space] H[H]:MM[:SS[.fff...]] then an optional [space] Z, UTC, ±HH,
 * ±HHMM or ±HH:MM (GMT reads as UTC), or a 12-hour clock's [space] AM or PM (as US spreadsheets write
 * "1/25/2024 9:05 PM"). Without an offset the time is wall-clock time in `zone`.
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
  let wall = day * DAY_MS + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
  if (p === e) return zone.toUtc(wall);
  if (s.charCodeAt(p) === 32) ++p;
  const c = s.charCodeAt(p);
  const half = c === 65 || c === 97 ? 0 : c === 80 || c === 112 ? 12 : -1; // A a P p
  if (half >= 0 && (s.charCodeAt(p + 1) | 32) === 109 /* m */ && p + 2 === e) {
    if (h < 1 || h > 12) return NaN;
    wall += ((h % 12) + half - h) * 3_600_000; // 12 AM is 0 h, 12 PM 12 h
    return zone.toUtc(wall);
  }
  if ((c === 90 /* Z */ || c === 122 /* z */) && p + 1 === e) return wall;
  if ((s.startsWith('UTC', p) || s.startsWith('GMT', p)) && p + 3 === e) return wall;
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

/**
 * YYYY-M-D and YYYY/M/D with 1- or 2-digit month and day ("2024/1/5", as spreadsheets
 * in Japanese or Chinese locales write dates), with an optional time; NaN otherwise.
 */
function unpaddedYearFirst(s: string, i: number, e: number, sep: number, zone: Zone): number {
  let p = i + 5;
  let m = digits(s, p++, 1);
  if (isDigit(s.charCodeAt(p))) m = m * 10 + s.charCodeAt(p++) - 48;
  if (m < 0 || s.charCodeAt(p) !== sep) return NaN;
  let d = digits(s, ++p, 1);
  if (isDigit(s.charCodeAt(++p))) d = d * 10 + s.charCodeAt(p++) - 48;
  if (d < 0 || isDigit(s.charCodeAt(p))) return NaN;
  return withTime(s, p, e, validDay(digits(s, i, 4), m, d), zone);
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

  if (format === 'EXCEL') return isNumberText(s, i, e) ? excelSerialMs(Number(s.slice(i, e)), zone) : NaN;
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
      // YYYY-MM alone (a month, as billing exports write it) is its first day.
      if (format === undefined && sep === DASH && e === i + 7) return withTime(s, e, e, validDay(digits(s, i, 4), m, 1), zone);
      if (m >= 0 && s.charCodeAt(i + 7) === sep && isDigit(s.charCodeAt(i + 9))) {
        return withTime(s, i + 10, e, validDay(digits(s, i, 4), m, digits(s, i + 8, 2)), zone);
      }
      return unpaddedYearFirst(s, i, e, sep, zone);
    }
    if (format !== undefined) return NaN;
  }
  if (format === undefined && nd <= 2) {
    const named = monthNameDate(s, i, e);
    if (named) return withTime(s, named.end, e, named.day, zone);
  }
  if (nd !== 1 && nd !== 2) return NaN;
  if (!dmyShape(s, i)) return NaN;
  const { a, b, sep, end: q } = DMY;
  let ord: DayMonthOrder = order;
  if (format !== undefined) {
    ord = DMY_FORMATS[format] as DayMonthOrder;
    if (sep === DOT && ord === 'mdy') return NaN;
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
