import { fail, type ErrorLocation } from '../errors.js';
import { DMY, dmyShape, DOT } from './date-fields.js';

/**
 * How day-month-year values (a/b/yyyy) are read when no format is given: day-first,
 * month-first, or "auto": per value, only when the value itself decides (a > 12,
 * b > 12 or a === b).
 */
export type DayMonthOrder = 'auto' | 'dmy' | 'mdy';

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
    if (!dmyShape(s, i) || DMY.sep === DOT) continue;
    const { a, b } = DMY;
    if (a > 12 && b <= 12) dayFirst += weights[k];
    else if (b > 12 && a <= 12) monthFirst += weights[k];
    else if (a !== b && a <= 12 && b <= 12) example ??= s;
  }
  if (dayFirst || monthFirst) return dayFirst >= monthFirst ? 'dmy' : 'mdy';
  if (example !== undefined) fail('ambiguousDate', { example }, where);
  return 'auto';
}
