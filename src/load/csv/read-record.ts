/**
 * The general path of the CSV reader (csv-core.ts): one record's fields found with any
 * quoting and whitespace delimiters, and quoted fields unescaped.
 */
import { fail } from '../../errors.js';
import { DELIM, EOL, ESCAPED, QUOTE, QUOTED } from './csv-bytes.js';

/** What the general path reads and fills of a CsvReader. */
export interface RecordState {
  readonly file: string;
  /** Records read, blank lines included (row numbers in messages). */
  readonly record: number;
  /** Whitespace runs delimit fields. */
  readonly ws: boolean;
  /** Byte classes: DELIM, EOL, or 0 inside a field. */
  readonly stop: Uint8Array;
  /** Each field's start and end in the buffer, and its flags (QUOTED, ESCAPED). */
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  /** How many fields readFields found. */
  fieldCount: number;
  /** Where unescaped fields are copied. */
  scratch: Uint8Array;
}

/**
 * Find the fields of the record at `i` (into r.starts, r.ends, r.flags; r.fieldCount of
 * them). Returns where the record's fields end (its line end, or `n`), or -1 when a
 * quote cannot be told apart yet and more input is needed.
 */
export function readFields(r: RecordState, buf: Uint8Array, i: number, n: number, final: boolean): number {
  const ws = r.ws;
  const stop = r.stop;
  let starts = r.starts;
  let ends = r.ends;
  let flags = r.flags;
  let nf = 0;
  if (ws) while (i < n && stop[buf[i]] === DELIM) ++i;
  for (;;) {
    if (ws && (i >= n || stop[buf[i]] === EOL)) break;
    if (nf === starts.length) {
      growFields(r);
      ({ starts, ends, flags } = r);
    }
    if (i < n && buf[i] === QUOTE) {
      let j = i + 1;
      let flag = QUOTED;
      for (;;) {
        j = buf.indexOf(QUOTE, j);
        if (j < 0) j = n;
        if (j + 1 >= n) {
          // Cannot tell a closing quote from the first half of "" yet.
          if (!final) return -1;
          if (j >= n) unclosedQuote(r);
          break;
        }
        if (buf[j + 1] !== QUOTE) break;
        flag |= ESCAPED;
        j += 2;
      }
      let k = j + 1;
      while (k < n && stop[buf[k]] === 0) ++k;
      // Text after the closing quote ("ab"c) is kept, as most readers do.
      if (k > j + 1) flag |= ESCAPED;
      starts[nf] = i + 1;
      ends[nf] = flag & ESCAPED ? k : j;
      flags[nf++] = flag;
      i = k;
    } else {
      let j = i;
      while (j < n && stop[buf[j]] === 0) ++j;
      starts[nf] = i;
      ends[nf] = j;
      flags[nf++] = 0;
      i = j;
    }
    if (ws) while (i < n && stop[buf[i]] === DELIM) ++i;
    if (i >= n || stop[buf[i]] === EOL) break;
    if (!ws) ++i;
  }
  r.fieldCount = nf;
  return i;
}

/** Copy a quoted field's content to r.scratch with "" as " and lone quotes dropped; returns its length. */
export function unescapeField(r: RecordState, buf: Uint8Array, start: number, end: number): number {
  if (r.scratch.length < end - start) r.scratch = new Uint8Array(2 * (end - start));
  const out = r.scratch;
  let o = 0;
  for (let i = start; i < end; ++i) {
    const b = buf[i];
    if (b === QUOTE) {
      if (buf[i + 1] !== QUOTE || i + 1 >= end) continue;
      ++i;
    }
    out[o++] = b;
  }
  return o;
}

function growFields(r: RecordState): void {
  const size = r.starts.length * 2;
  const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
  r.starts = grow(r.starts, new Int32Array(size));
  r.ends = grow(r.ends, new Int32Array(size));
  r.flags = grow(r.flags, new Uint8Array(size));
}

function unclosedQuote(r: RecordState): never {
  const reason = 'a quoted field is never closed';
  return fail('badFile', { format: 'CSV', reason }, { file: r.file, row: r.record + 1 });
}
