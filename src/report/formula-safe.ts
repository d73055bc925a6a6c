/** A text a spreadsheet would run as a formula: it starts with = + - @ (or a tab or CR). */
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * formulaSafe: `s` with a leading `'` when a spreadsheet opening a CSV would read it as a
 * formula (`=HYPERLINK(...)`, `@SUM(...)`, `+cmd|...`), as OWASP advises against CSV
 * injection: labels and rejected values come from input files anyone may have written.
 * Numbers (`-5`, `+1.5e3`) and a lone `-` or `+` stay as they are. Used by the rejects file and every CSV/TSV
 * writer (here, below both).
 */
export function formulaSafe(s: string): string {
  // A lone "-" or "+" (a placeholder in many exports) is text to a spreadsheet already.
  return FORMULA.test(s) && !NUMBER.test(s) && s !== '-' && s !== '+' ? `'${s}` : s;
}
