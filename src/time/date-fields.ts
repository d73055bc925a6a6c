import { daysFromCivil, daysInMonth } from './civil.js';

/*
 * The scanning primitives of date texts: char codes, fixed-width digit fields, calendar
 * checks and the a/b/yyyy shape. Hand-written and allocation-free (no regular expressions).
 */

/** Char codes of the separators and signs of date texts. */
export const SLASH = 47;
export const DASH = 45;
export const DOT = 46;
export const COLON = 58;
export const PLUS = 43;
/** True for the char code of a decimal digit. */
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The n-digit number at s[p..p+n), or -1 (charCodeAt past the end is NaN: not a digit). */
export function digits(s: string, p: number, n: number): number {
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

/** True when s[i..e) is an optionally signed decimal number with an optional fraction. */
export function isNumberText(s: string, i: number, e: number): boolean {
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

/** The fields of the last value {@link dmyShape} accepted (one scratch object, to avoid allocating). */
export const DMY = { a: 0, b: 0, sep: 0, end: 0 };

/**
 * True when s[i..) starts with a/b/yyyy: 1-2 digit fields and one separator ("/", "-"
 * or ".") used twice; sets DMY.a, DMY.b, DMY.sep and DMY.end (the index after the year).
 */
export function dmyShape(s: string, i: number): boolean {
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
  DMY.a = a;
  DMY.b = b;
  DMY.sep = sep;
  DMY.end = p + 5;
  return true;
}
