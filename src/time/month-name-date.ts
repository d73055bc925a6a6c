/**
 * Dates written with an English month name, as spreadsheets, Oracle and many exports
 * write them: "10-Mar-2024", "10 March 2024", "10/Mar/2024" (day first) and
 * "Mar 10, 2024", "March 10 2024" (month first), after an optional weekday and comma
 * ("Fri, 05 Jan 2024", as RFC 2822 and JavaScript's toUTCString write it). The name settles the order, so
 * these are never ambiguous. Case-insensitive; "Sept" is read too; two-digit years are not.
 */
import { isDigit, validDay } from './date-fields.js';

/** English month names and abbreviations (lower case), as read here and by the SQL engines. */
export const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

const WEEKDAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSep = (c: number): boolean => c === 32 || c === 45 || c === 47; // space - /

/** Where a run of letters from p ends, and the month it names (0 when none). */
function monthAt(s: string, p: number, e: number): [number, number] {
  let q = p;
  while (q < e && isLetter(s.charCodeAt(q))) ++q;
  return [q, q > p ? (MONTHS[s.slice(p, q).toLowerCase()] ?? 0) : 0];
}

/** The number of 1 to n digits from p, and where they end ([-1, p] when none). */
function numberAt(s: string, p: number, e: number, n: number): [number, number] {
  let v = 0;
  let q = p;
  while (q < e && q - p < n && isDigit(s.charCodeAt(q))) v = v * 10 + s.charCodeAt(q++) - 48;
  return q === p || (q < e && isDigit(s.charCodeAt(q))) ? [-1, p] : [v, q];
}

/** Day number and end of a month-name date at s[i..e), or undefined when s is not one. */
export function monthNameDate(s: string, i: number, e: number): { day: number; end: number } | undefined {
  i = afterWeekday(s, i, e);
  let d: number;
  let m: number;
  let p: number;
  if (isDigit(s.charCodeAt(i))) {
    // D Mon YYYY, D-Mon-YYYY, D/Mon/YYYY
    [d, p] = numberAt(s, i, e, 2);
    const sep = s.charCodeAt(p);
    if (d < 0 || !isSep(sep)) return undefined;
    [p, m] = monthAt(s, p + 1, e);
    if (!m || s.charCodeAt(p) !== sep) return undefined;
    ++p;
  } else {
    // Mon D, YYYY; Mon D YYYY; Mon. D, YYYY
    [p, m] = monthAt(s, i, e);
    if (!m) return undefined;
    if (s.charCodeAt(p) === 46 /* . */) ++p;
    if (s.charCodeAt(p) !== 32) return undefined;
    [d, p] = numberAt(s, p + 1, e, 2);
    if (d < 0) return undefined;
    if (s.charCodeAt(p) === 44 /* , */) ++p;
    if (s.charCodeAt(p) !== 32) return undefined;
    ++p;
  }
  const [y, end] = numberAt(s, p, e, 4);
  if (end - p !== 4) return undefined;
  const day = validDay(y, m, d);
  return day === day ? { day, end } : undefined;
}

/** Where the date starts after a leading "Fri, " or "Friday, " (i itself when there is none). */
function afterWeekday(s: string, i: number, e: number): number {
  let q = i;
  while (q < e && isLetter(s.charCodeAt(q))) ++q;
  if (q === i || s.charCodeAt(q) !== 44 /* , */ || !WEEKDAYS.has(s.slice(i, q).toLowerCase())) return i;
  for (++q; s.charCodeAt(q) === 32; ) ++q;
  return q;
}

/** The date-form family of a month-name date (for columns that mix forms), or undefined. */
export function monthNameForm(s: string, i: number, e: number): string | undefined {
  if (!monthNameDate(s, i, e)) return undefined;
  return isDigit(s.charCodeAt(i)) ? 'D Mon YYYY' : 'Mon D, YYYY';
}
