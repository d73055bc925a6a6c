import { fail } from '../errors.js';
import type { Filter, FilterOp } from './types.js';

// Longest operators first so "<=" is not read as "<".
const OPS: readonly FilterOp[] = ['!^=', '^=', '!=', '<=', '>=', '=', '<', '>'];

/**
 * Parse a filter written `<column> <op> <value>`, e.g. `Quantity > 0`,
 * `InvoiceNo !^= C`, `"Customer ID" != 12346`, `country = "United Kingdom"`.
 * The column may be double-quoted (for names with spaces); the value may be
 * quoted to keep spaces at its ends. The text is parsed, never evaluated.
 */
export function parseWhere(text: string): Filter {
  const s = text.trim();
  let column: string;
  let rest: string;
  if (s.startsWith('"')) {
    const end = s.indexOf('"', 1);
    if (end < 0) fail('badWhere', { value: text });
    column = s.slice(1, end);
    rest = s.slice(end + 1).trimStart();
  } else {
    const at = firstOperator(s);
    if (at < 0) fail('badWhere', { value: text });
    column = s.slice(0, at).trim();
    rest = s.slice(at);
  }
  const op = OPS.find((o) => rest.startsWith(o));
  if (!op || !column) fail('badWhere', { value: text });
  let value = rest.slice(op.length).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  if (value === '') fail('badWhere', { value: text });
  return { column, op, value };
}

/** Index of the first character that starts an operator. */
function firstOperator(s: string): number {
  for (let i = 0; i < s.length; ++i) {
    const c = s[i];
    if (c === '=' || c === '<' || c === '>' || c === '^') return i;
    if (c === '!' && (s[i + 1] === '=' || s[i + 1] === '^')) return i;
  }
  return -1;
}

/** Render a filter back to its text form (for reports and --print-spec). */
export function formatWhere(f: Filter): string {
  const col = /[\s=<>!^"]/.test(f.column) ? JSON.stringify(f.column) : f.column;
  return `${col} ${f.op} ${f.value}`;
}
