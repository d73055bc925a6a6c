import { fail } from '../errors.js';
import type { Filter, FilterOp } from './types.js';

const OPS: readonly FilterOp[] = ['!^=', '^=', '!=', '<=', '>=', '=', '<', '>'];
/** SQL's and C's spellings, read as ours. */
const ALIASES: Record<string, FilterOp> = { '<>': '!=', '==': '=' };
/** Characters operators are made of: a run of them is one operator, known or not. */
const OP_CHARS = '=<>!^~';

/**
 * Parse a filter written `<column> <op> <value>`, e.g. `Quantity > 0`,
 * `InvoiceNo !^= C`, `"Customer ID" != 12346`, `country = "United Kingdom"`.
 * The column may be double-quoted (for names with spaces); the value may be
 * quoted to keep spaces at its ends (and to start with an operator character).
 * `<>` and `==` are read as `!=` and `=`; any other operator fails with `badWhereOp`.
 * The text is parsed, never evaluated.
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
  // The whole run of operator characters: "<>" is not "<" then "> ...", nor "=>" "=" then ">".
  let run = 0;
  while (run < rest.length && OP_CHARS.includes(rest[run])) ++run;
  const written = rest.slice(0, run);
  if (run === 0 || !column) fail('badWhere', { value: text });
  const op = ALIASES[written] ?? OPS.find((o) => o === written);
  if (!op) fail('badWhereOp', { value: text, op: written });
  let value = rest.slice(run).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  if (value === '') fail('badWhere', { value: text });
  return { column, op, value };
}

/** Index of the first character that starts an operator. */
function firstOperator(s: string): number {
  for (let i = 0; i < s.length; ++i) {
    const c = s[i];
    if (c === '=' || c === '<' || c === '>' || c === '^' || c === '~') return i;
    if (c === '!' && OP_CHARS.includes(s[i + 1] ?? '')) return i;
  }
  return -1;
}

/** Render a filter back to its text form (for reports and --print-spec). */
export function formatWhere(f: Filter): string {
  const col = /[\s=<>!^"]/.test(f.column) ? JSON.stringify(f.column) : f.column;
  const value = OP_CHARS.includes(f.value[0] ?? '') || f.value.trim() !== f.value ? `"${f.value}"` : f.value;
  return `${col} ${f.op} ${value}`;
}

/** Whether a filter's value is a plain number (compared with a column's own numbers, never read as a date). */
export function plainNumber(value: string): boolean {
  return value.trim() !== '' && !Number.isNaN(Number(value));
}
