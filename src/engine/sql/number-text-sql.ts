import type { Dialect } from './dialect.js';

/** Zeros to pad with: JS writes at most 20 of them (below 1e21) or 6 after the point (0.000001). */
const ZEROS = `'${'0'.repeat(21)}'`;

/**
 * numberText: a DOUBLE expression's text as the memory engine writes it (JS String(v)):
 * shortest round-trip digits, plain from 1e-7 (exclusive) to 1e21, else "1.5e-7", "1e+21".
 * The dialects write the same digits but switch to an exponent elsewhere ("1e+16", "1e-05",
 * "1e-07") and write whole numbers as "100.0": a plain text only loses a ".0"; a text with
 * an exponent ("[-]d[.ddd]e[+-]x", the dialects' one exponent form) is rewritten by JS's
 * rule from its digits and exponent. NaN and infinities are left as the dialect writes them.
 */
export function numberText(d: Dialect, col: string): string {
  const re = (e: string, p: string): string => d.regexpReplace(e, p, '');
  const int = (e: string): string => `CAST(${e} AS INTEGER)`;
  const t = d.text(col);
  // Digits without sign, point and trailing zeros; x: the exponent. Both never NULL: ClickHouse casts a NULL to INTEGER as an error.
  const s = re(re(re(t, '[eE].*$'), '[-.]'), '0+$');
  const x = int(`coalesce(${d.tryDouble ? d.tryDouble(re(t, '^[^eE]*[eE][+]?')) : d.double(re(t, '^[^eE]*[eE][+]?'))}, 0)`);
  const k = int(`coalesce(length(${s}), 0)`);
  const sign = `CASE WHEN ${col} < 0 THEN '-' ELSE '' END`;
  const rest = (from: string): string => `substring(${s}, ${from})`;
  const zeros = (n: string): string => `substring(${ZEROS}, 1, ${n})`;
  const scientific = `substring(${s}, 1, 1) || CASE WHEN ${k} > 1 THEN '.' || ${rest('2')} ELSE '' END || 'e' || CASE WHEN ${x} < 0 THEN '-' ELSE '+' END || ${d.text(`abs(${x})`)}`;
  const whole = `${s} || ${zeros(`${x} + 1 - ${k}`)}`;
  const pointed = `substring(${s}, 1, ${x} + 1) || '.' || ${rest(`${x} + 2`)}`;
  const small = `'0.' || ${zeros(`-${x} - 1`)} || ${s}`;
  const js = `${sign} || CASE WHEN ${x} >= 21 OR ${x} <= -7 THEN ${scientific} WHEN ${x} < 0 THEN ${small} WHEN ${k} <= ${x} + 1 THEN ${whole} ELSE ${pointed} END`;
  // Most numbers (a price, a share) are plain in every dialect and in JS: their text as it is, no text test.
  const plain = `abs(${col}) >= 0.0001 AND abs(${col}) < 1e15 AND ${col} <> floor(${col})`;
  return `CASE WHEN ${plain} THEN ${t} WHEN ${t} LIKE '%e%' OR ${t} LIKE '%E%' THEN ${js} ELSE ${re(t, '[.]0$')} END`;
}
