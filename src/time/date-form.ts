import { monthNameForm } from './month-name-date.js';
import { DASH, digits, DMY, dmyShape, isDigit, isNumberText, SLASH, validDay } from './date-fields.js';

/**
 * The family of date form a readable text is written in (for telling columns that mix
 * forms): "YYYY-MM-DD" (and YYYY-MM), "YYYY/MM/DD", "YYYYMMDD", "epoch seconds", "epoch milliseconds",
 * "D Mon YYYY", "Mon D, YYYY" (month names),
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
  const named = monthNameForm(text, i, e);
  if (named) return named;
  if (dmyShape(text, i)) return DMY.sep === SLASH ? 'D/M/YYYY' : DMY.sep === DASH ? 'D-M-YYYY' : 'D.M.YYYY';
  return 'other';
}
