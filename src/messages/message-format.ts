/**
 * How the catalogue writes values and counts: quoted inputs, lists of columns, counts with
 * their noun, grouped numbers (without Intl). Used by every part of the catalogue
 * (src/messages.ts) and by the reports that print counts.
 */
export const q = (v: unknown): string => {
  const s = typeof v === 'string' ? v : String(v);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
};
export const list = (xs: readonly string[]): string => xs.map(q).join(', ');

/** A file's (or table's) columns, for a message that names them; `file` empty = unnamed. */
export interface FileColumns {
  file: string;
  columns: readonly string[];
}

/** "the columns of a.csv are "x", "y"; those of b.csv are "z"" (one unnamed table: "the columns are ..."). */
export const columnsOf = (files: readonly FileColumns[]): string =>
  files.map((f, i) => `${i ? 'those' : 'the columns'}${f.file ? ` of ${f.file}` : ''} are ${list(f.columns)}`).join('; ');
/** ". The columns of a.csv are ..." after a message, or nothing when no columns are known. */
export const columnsTail = (files: readonly FileColumns[] | undefined): string => {
  const known = (files ?? []).filter((f) => f.columns.length);
  return known.length ? `. T${columnsOf(known).slice(1)}` : '';
};

/**
 * counted: a count and its noun, singular for exactly one ("1 row", "0 rows", "1,200
 * customers"); `many` when the plural is not `one` + "s", or when a verb follows ("row has",
 * "rows have"). Every count a message, report or printed line shows goes through it.
 */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${thousands(count)} ${count === 1 ? one : many}`;
}

/**
 * thousands: a number as toLocaleString('en-US') writes it ("1,234,567", "-42"), whole
 * numbers without Intl: a process's first toLocaleString loads ICU's locale data, 16-20 ms
 * of CPU on the main thread alone at the end of every run (its summary lines).
 */
export function thousands(x: number): string {
  if (!Number.isSafeInteger(x) || Object.is(x, -0)) return x.toLocaleString('en-US');
  const digits = String(Math.abs(x));
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return x < 0 ? `-${out}` : out;
}

/**
 * grouped: a number with `digits` decimals and its whole part grouped, as
 * toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
 * writes it ("1,234.50"; like Intl it rounds the number's shortest decimal, 1.005 -> "1.01",
 * half away from zero), without Intl (see thousands): the money columns of the tables.
 */
export function grouped(x: number, digits: number): string {
  const text = String(Math.abs(x));
  if (!Number.isFinite(x) || Object.is(x, -0) || text.includes('e')) return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const dot = text.indexOf('.');
  const frac = dot < 0 ? '' : text.slice(dot + 1);
  let kept = (dot < 0 ? text : text.slice(0, dot)) + frac.slice(0, digits).padEnd(digits, '0');
  if (frac.length > digits && frac.charCodeAt(digits) >= 53) kept = (BigInt(kept) + 1n).toString().padStart(kept.length, '0');
  const whole = kept.slice(0, kept.length - digits);
  const head = whole.length % 3 || 3;
  let out = whole.slice(0, head);
  for (let i = head; i < whole.length; i += 3) out += `,${whole.slice(i, i + 3)}`;
  return `${x < 0 ? '-' : ''}${out}${digits ? `.${kept.slice(kept.length - digits)}` : ''}`;
}
