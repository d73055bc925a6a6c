/**
 * Numbers straight from bytes, giving exactly what `Number(text)` gives for the
 * decimal syntax kohort accepts (`-12`, `+3.5`, `.5`, `5.`, `1e-3`, `00001`), without
 * building a string for the common short case.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const SPACE = 0x20;
const TAB = 0x09;

/** Tokens that mean "missing" in a numeric column. */
export const MISSING_NUMBER_TEXTS: readonly string[] = ['NA', 'N/A', 'n/a', 'NULL', 'null', 'NaN', 'nan', '#N/A', '-'];
const MISSING = new Set(MISSING_NUMBER_TEXTS);

/** True for a token that means "missing" in a numeric column ("NA", "NULL", "-", ...). */
export function isMissingText(s: string): boolean {
  return MISSING.has(s.trim());
}

/** True for a space or tab. */
export function isBlankByte(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** True if bytes[start, end) is empty or only spaces and tabs. */
export function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; ++i) if (bytes[i] !== SPACE && bytes[i] !== TAB) return false;
  return true;
}

/** True if a string is empty or only spaces and tabs: a missing value, like a blank field. */
export function isBlankText(s: string): boolean {
  for (let i = 0; i < s.length; ++i) {
    const c = s.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/**
 * Read bytes[start, end) as a number, ignoring surrounding spaces. Returns NaN for a
 * missing value (empty, "NA", "NULL", ...) and `undefined` for text that is not a
 * number, so a caller can tell the two apart.
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
  while (start < end && isBlankByte(bytes[start])) ++start;
  while (end > start && isBlankByte(bytes[end - 1])) --end;
  if (start === end) return NaN;
  const v = parseDecimal(bytes, start, end);
  if (v === v) return v;
  return isMissingToken(bytes, start, end) ? NaN : undefined;
}

function isMissingToken(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start > 4) return false;
  let s = '';
  for (let i = start; i < end; ++i) s += String.fromCharCode(bytes[i]);
  return MISSING.has(s);
}

/** Parse trimmed, non-empty decimal text; NaN if it is not a number. */
function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let c = bytes[i];
  const negative = c === 0x2d;
  if (negative || c === 0x2b) ++i;
  let mantissa = 0;
  let digits = 0; // significant digits folded into mantissa
  let scale = 0; // digits after the point folded into mantissa
  let seen = false;
  let exact = true;
  for (; i < end; ++i) {
    const d = bytes[i] - 0x30;
    if (d < 0 || d > 9) break;
    seen = true;
    if (mantissa === 0 && d === 0) continue;
    if (digits < 15) {
      mantissa = mantissa * 10 + d;
      ++digits;
    } else exact = false;
  }
  if (i < end && bytes[i] === 0x2e) {
    for (++i; i < end; ++i) {
      const d = bytes[i] - 0x30;
      if (d < 0 || d > 9) break;
      seen = true;
      if (mantissa === 0 && d === 0) {
        ++scale;
        continue;
      }
      if (digits < 15) {
        mantissa = mantissa * 10 + d;
        ++digits;
        ++scale;
      } else exact = false;
    }
  }
  if (!seen) return NaN;
  let exponent = 0;
  if (i < end && (bytes[i] | 0x20) === 0x65) {
    ++i;
    let expNegative = false;
    if (i < end && (bytes[i] === 0x2d || bytes[i] === 0x2b)) expNegative = bytes[i++] === 0x2d;
    const expStart = i;
    for (; i < end; ++i) {
      const d = bytes[i] - 0x30;
      if (d < 0 || d > 9) break;
      if (exponent < 100000) exponent = exponent * 10 + d;
    }
    if (i === expStart) return NaN;
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return NaN;
  const power = exponent - scale;
  // Clinger's fast path: an exact mantissa (< 2^53) times or over an exact power of
  // ten (<= 1e22) is one correctly rounded operation, hence equal to Number(text).
  if (exact && power >= -22 && power <= 22) {
    const v = power >= 0 ? mantissa * POW10[power] : mantissa / POW10[-power];
    return negative ? -v : v;
  }
  let s = '';
  for (let j = start; j < end; ++j) s += String.fromCharCode(bytes[j]);
  return Number(s);
}
