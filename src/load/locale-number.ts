/**
 * Numbers written the local way: `1,000.50` (English), `1.000,50` (German), `2,5`,
 * `1 000,50` / `1'000.50` (spaces, thin spaces, apostrophes between thousands), with an
 * optional currency sign. Which of "," and "." is the decimal separator is given, or
 * sniffed from the values when they tell (see sniffDecimal); never guessed otherwise.
 */

/** The decimal separator of a column of numbers. */
export type DecimalMark = '.' | ',';

const CURRENCY = /^[$€£¥₹]|[$€£¥₹]$|^(?:USD|EUR|GBP)\s*|\s*(?:USD|EUR|GBP)$/g;
/** Group separators that can never be the decimal mark. */
const GROUP = /[\s\u00a0\u202f']/g;

function clean(s: string): string {
  return s.trim().replace(CURRENCY, '').trim();
}

/**
 * What one value says about the decimal mark: "." or "," when only that reading makes
 * sense, "either" when both do (`1,000`, `1.000`, `12`), null when it is no number.
 */
export function decimalEvidence(text: string): DecimalMark | 'either' | null {
  const s = clean(text).replace(GROUP, '');
  if (!/^[+-]?[\d.,]*\d[\d.,]*$/.test(s) || /^[+-]?[.,]/.test(s) && !/^[+-]?[.,]\d+$/.test(s)) return null;
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return dot > comma ? '.' : ',';
  const mark = dot >= 0 ? '.' : comma >= 0 ? ',' : null;
  if (mark === null) return 'either';
  const parts = s.replace(/^[+-]/, '').split(mark);
  // The mark more than once: it groups thousands, so the decimal mark is the other one.
  if (parts.length > 2) return parts.slice(1).every((p) => p.length === 3) ? (mark === '.' ? ',' : '.') : null;
  // Once: a decimal mark unless exactly three digits follow after 1-3 digits (1,000).
  return parts[1].length === 3 && parts[0].length >= 1 && parts[0].length <= 3 && parts[0] !== '0' ? 'either' : mark;
}

/**
 * The decimal mark the values agree on: the one some value needs and none contradicts.
 * Returns "either" when no value decides (every value reads alike both ways, e.g. only
 * whole numbers, or only `1,000`-like ones: see parseLocaleNumber) and "mixed" when
 * values need both marks.
 */
export function sniffDecimal(texts: Iterable<string>): DecimalMark | 'either' | { mixed: [string, string] } {
  let dot: string | undefined;
  let comma: string | undefined;
  for (const t of texts) {
    const e = decimalEvidence(t);
    if (e === '.') dot ??= t;
    else if (e === ',') comma ??= t;
    if (dot !== undefined && comma !== undefined) return { mixed: [dot, comma] };
  }
  return dot !== undefined ? '.' : comma !== undefined ? ',' : 'either';
}

/**
 * The number a text writes with `decimal` as its decimal mark (the other mark, spaces
 * and apostrophes group thousands, in groups of three); NaN when it is not one.
 */
export function parseLocaleNumber(text: string, decimal: DecimalMark): number {
  const s = clean(text).replace(GROUP, '');
  const group = decimal === '.' ? ',' : '.';
  const m = /^([+-]?)(\d*)(?:\.(\d+)|,(\d+))?$/.exec(s.split(group).join(''));
  if (m === null) return NaN;
  // Group marks only between groups of three digits after the first group.
  if (s.includes(group)) {
    const whole = s.replace(/^[+-]/, '').split(decimal)[0];
    const groups = whole.split(group);
    if (groups[0].length < 1 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3)) return NaN;
  }
  const frac = decimal === '.' ? m[3] : m[4];
  if ((decimal === '.' ? m[4] : m[3]) !== undefined) return NaN;
  if (m[2] === '' && frac === undefined) return NaN;
  return Number(`${m[1]}${m[2] || '0'}${frac === undefined ? '' : `.${frac}`}`);
}
