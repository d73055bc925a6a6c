import { fail } from '../../errors.js';
import { decodeText } from '../dict/byte-dict.js';
import { fieldEnd, repeatByte } from './field-end.js';
import { BATCH, CsvColumn, EMPTY, NUMBER, SKIP, STRING, TIME, type ColumnMode, type ColumnPart } from './csv-column.js';
import { isoValue, isoZoned, parseIsoBytes } from '../bytes/iso-time.js';
import { uniqueNames } from '../column-names.js';
import { isBlank } from '../bytes/parse-number.js';
import { sniffDelimiter, WHITESPACE } from '../sniff.js';
import type { LoadedColumn } from '../make-dataset.js';
import { buffersReleased } from '../../parallel/release-buffer.js';
import { isTextColumn, type TextColumns } from '../dataset.js';

/** Options for reading delimited text. */
export interface CsvOptions {
  /** The file name, for messages and the Dataset. */
  file: string;
  /** ",", "\t", ";", "|", any one ASCII character, or " " for runs of spaces; sniffed if absent. */
  delimiter?: string;
  /** Whether the first record names the columns (default true). */
  header?: boolean;
  /** The total size of the text, if known: columns are then sized once, not doubled. */
  sizeHint?: number;
  /** Read only these columns (by header name); the others are skipped. All when absent. */
  columns?: readonly string[];
  /** Put big columns on SharedArrayBuffers, for the engine's worker threads (default false). */
  shared?: boolean;
  /** Columns read as text, never as numbers or times (ids). */
  text?: TextColumns;
}

/**
 * Options for reading one byte range of a file that starts at a record boundary
 * after the header (see csv-split.ts): the column names and modes are given.
 */
export interface CsvPartOptions extends CsvOptions {
  /** The column names (the range has no header record). */
  names: string[];
  /** Each column's starting mode: EMPTY (inferred), STRING (forced) or SKIP. */
  modes: ColumnMode[];
}

/** One part of a file read by a CsvReader, for merging (see csv-split.ts). */
export interface CsvPart {
  rows: number;
  columns: ColumnPart[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const TAB = 0x09;
const MINUS = 0x2d;
const DOT = 0x2e;
const DELIM = 1;
const EOL = 2;
const QUOTED = 1;
/** The field's bytes hold quote characters that must be removed before use. */
const ESCAPED = 2;
const SNIFF_BYTES = 1 << 16;
const MAX_RECORD_BYTES = 64 << 20;
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
/** Delimiters that can occur inside numbers or ISO times: those rows take the general path. */
const SYNTAX = '0123456789.+-:TtZzUCeE';

/** The value of the last successful fastNumber (module scratch: no allocation). */
let numValue = 0;

/**
 * A plain decimal number at b[p] ([-]digits[.digits], at most 15 digits), read in
 * place; returns the index after it or -1. Exactly Number(text): an integer
 * mantissa below 2^53 divided by an exact power of ten is correctly rounded.
 */
function fastNumber(b: Uint8Array, p: number): number {
  let c = b[p];
  let negative = false;
  if (c === MINUS) {
    negative = true;
    c = b[++p];
  }
  let m = 0;
  let digits = 0;
  while (c >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    ++digits;
    c = b[++p];
  }
  let scale = 0;
  if (c === DOT) {
    c = b[++p];
    while (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      ++scale;
      c = b[++p];
    }
  }
  const total = digits + scale;
  if (total === 0 || total > 15) return -1;
  const v = scale === 0 ? m : m / POW10[scale];
  numValue = negative ? -v : v;
  return p;
}

/**
 * A push parser for delimited text: feed it byte chunks (a row may span chunks),
 * then `end()`. It follows RFC 4180 (quoted fields with delimiters, newlines and ""
 * escapes; CRLF, LF or CR line ends), skips a UTF-8 BOM and blank lines, and builds
 * typed columns directly from the bytes: numbers and ISO date-times are decoded in
 * place and text is dictionary-encoded by its bytes. Rows without quotes take a
 * fused fast path; the rest, and whitespace-delimited text, a general one. If
 * `needsRefill` is true after `end()`, call `startRefill()` and feed the same bytes
 * again until `done`.
 */
export class CsvReader {
  protected readonly file: string;
  private readonly header: boolean;
  private readonly wanted: ReadonlySet<string> | null;
  private readonly givenModes: ColumnMode[] | null;
  private readonly textCols: TextColumns | undefined;
  private delim = -1;
  private ws = false;
  /** Rows without quotes are read by the fused fast path (not for whitespace or syntax delimiters). */
  private fastOK = false;
  /** Per byte value: DELIM for a delimiter byte, EOL for CR/LF, 0 for field content. */
  private readonly stop = new Uint8Array(256);
  private carry: Uint8Array | null = null;
  private atStart: boolean;
  private skipLF = false;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private flags = new Uint8Array(64);
  private scratch = new Uint8Array(256);
  private names: string[] | null = null;
  private columns: CsvColumn[] = [];
  private record = 0;
  private rows = 0;
  private capacity = 1024;
  private refilled = 0;
  private refillRows = -1;
  private skipHeader = false;
  private readonly sizeHint: number;
  private readonly shared: boolean;
  private consumed = 0;
  /** Records to read by the general path before trying the fast path again. */
  private slowRun = 0;
  /** True once a refill pass has read every row it needs. */
  done = false;

  constructor(opts: CsvOptions | CsvPartOptions) {
    this.stop[LF] = this.stop[CR] = EOL;
    this.file = opts.file;
    this.header = opts.header ?? true;
    this.sizeHint = opts.sizeHint ?? 0;
    this.shared = opts.shared ?? false;
    this.wanted = opts.columns ? new Set(opts.columns) : null;
    this.textCols = opts.text;
    if (opts.delimiter !== undefined) this.setDelimiter(opts.delimiter);
    const part = 'names' in opts ? opts : null;
    this.givenModes = part?.modes ?? null;
    this.atStart = part === null;
    if (part !== null) this.setNames(part.names);
  }

  /** Feed the next chunk of bytes. */
  push(chunk: Uint8Array): void {
    this.feed(chunk, false);
  }

  /** Signal the end of input; the last row may lack a line end. */
  end(): void {
    this.feed(new Uint8Array(0), true);
  }

  /** True if some columns turned into strings and their first rows must be re-read. */
  get needsRefill(): boolean {
    return this.refillRows < 0 && this.columns.some((c) => c.pending > 0);
  }

  /** The file name given in the options, for messages. */
  get fileName(): string {
    return this.file;
  }

  /** The data rows read so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** The column names (null before the header is read). */
  get columnNames(): readonly string[] | null {
    return this.names;
  }

  /** The delimiter in use (after sniffing), as an option value. */
  get delimiter(): string | undefined {
    return this.ws ? WHITESPACE : this.delim >= 0 ? String.fromCharCode(this.delim) : undefined;
  }

  /** The columns being built (for csv-split.ts). */
  get builders(): readonly CsvColumn[] {
    return this.columns;
  }

  /** Rewind for the second pass over the same bytes (see needsRefill). */
  startRefill(): void {
    this.refillRows = Math.max(...this.columns.map((c) => c.pending));
    this.carry = null;
    this.atStart = this.givenModes === null;
    this.skipLF = false;
    this.record = 0;
    this.refilled = 0;
    this.skipHeader = this.header && this.givenModes === null;
    this.done = false;
  }

  /** Make room for `rows` rows in every column. */
  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    this.capacity = rows;
    for (const c of this.columns) c.resize(rows, this.rows);
  }

  /** The finished columns (call after end() and any refill); skipped columns are left out. */
  finishColumns(): LoadedColumn[] {
    const names = this.names ?? [];
    return this.columns
      .map((c, i) => {
        // A dictionary in first-seen order goes straight to dictColumn, which needs no
        // text to join ids; a reordered one is read value by value (firstSeenOrder).
        if (!c.reorder) c.dict?.decodeLazily();
        return c.finish(names[i], this.rows);
      })
      .filter((c): c is LoadedColumn => c !== undefined);
  }

  /**
   * Append the rows of a part read from the rest of the file (see csv-split.ts):
   * every column's mode must already fit the part's (see mergedMode), columns that
   * must become strings having been turned with forceStrings.
   */
  async appendPart(part: CsvPart): Promise<void> {
    this.reserve(this.rows + part.rows);
    for (const [i, c] of this.columns.entries()) {
      c.appendPart(part.columns[i], this.rows, part.rows);
      // The part's column is released: let it go before the next column's copy grows memory.
      await buffersReleased();
    }
    this.rows += part.rows;
  }

  /** The columns read, for merging with other parts of the same file. */
  toPart(): CsvPart {
    return { rows: this.rows, columns: this.columns.map((c) => c.part(this.rows)) };
  }

  private setDelimiter(d: string): void {
    const named: Record<string, string> = { tab: '\t', '\\t': '\t', whitespace: WHITESPACE, '\\s+': WHITESPACE };
    const delim = named[d] ?? d;
    if (delim === WHITESPACE) {
      this.ws = true;
      this.stop[SP] = this.stop[TAB] = DELIM;
    } else if (delim.length === 1 && delim.charCodeAt(0) < 0x80 && !'"\r\n'.includes(delim)) {
      this.delim = delim.charCodeAt(0);
      this.stop[this.delim] = DELIM;
      this.fastOK = !SYNTAX.includes(delim) && delim !== ' ';
    } else fail('unknownOption', { option: '--delimiter', value: d, allowed: [',', '\\t', ';', '|', ' '] });
  }

  private setNames(names: string[]): void {
    this.names = names;
    this.columns = names.map((name, c) => {
      const mode = this.givenModes?.[c] ?? (this.wanted !== null && !this.wanted.has(name) ? SKIP : isTextColumn(this.textCols, name) ? STRING : EMPTY);
      return new CsvColumn(mode, this.capacity, this.shared);
    });
  }

  private feed(chunk: Uint8Array, final: boolean): void {
    if (this.done) return;
    // A plain Uint8Array view of Node Buffers keeps the byte loops monomorphic.
    let buf = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.carry !== null) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
      this.carry = null;
    }
    const used = this.consume(buf, final);
    // Copy the partial row so the chunk it came from can be freed.
    if (used < buf.length) this.carry = buf.slice(used);
  }

  /**
   * Read the complete records at the start of `buf` (a plain Uint8Array) and return
   * how many bytes they take; the caller passes the rest again, followed by the next
   * bytes (the file readers keep one buffer this way, with no copies). With `final`
   * everything is read. Nothing in `buf` is referenced after the call.
   */
  consume(buf: Uint8Array, final: boolean): number {
    if (this.done) return buf.length;
    let pos = 0;
    if (this.atStart) {
      if (buf.length < 3 && !final) return 0;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      this.atStart = false;
    }
    if (this.delim < 0 && !this.ws) {
      if (buf.length - pos < SNIFF_BYTES && !final) return pos;
      this.setDelimiter(sniffDelimiter(decodeText(buf, pos, Math.min(buf.length, pos + SNIFF_BYTES))));
    }
    if (this.skipLF) {
      this.skipLF = false;
      if (buf[pos] === LF) ++pos;
    }
    const firstRows = this.rows === 0 && this.refillRows < 0;
    const rest = this.scan(buf, pos, final);
    this.consumed += rest;
    if (firstRows && this.rows > 0 && this.sizeHint > 0) {
      // Size the columns from the first bytes per row (2% over), so a large file is
      // not copied at each doubling and peak memory stays near the result's.
      this.reserve(Math.ceil(((this.rows * this.sizeHint) / this.consumed) * 1.02));
    }
    // Each chunk re-reads the carried row, so an endless row (a quote never closed)
    // would cost quadratic time: stop it early.
    if (buf.length - rest > MAX_RECORD_BYTES) {
      const reason = `a record is longer than ${MAX_RECORD_BYTES >> 20} MB; is a quote never closed?`;
      fail('badFile', { format: 'CSV', reason }, { file: this.file, row: this.record + 1 });
    }
    return rest;
  }

  /** Read rows from `pos`; returns where the first incomplete row starts. */
  private scan(buf: Uint8Array, pos: number, final: boolean): number {
    const n = buf.length;
    // Rows that end before the chunk's last line feed can be read without bounds checks.
    const safeEnd = this.fastOK && this.refillRows < 0 ? buf.lastIndexOf(LF) + 1 : 0;
    let i = pos;
    while (i < n) {
      if (i < safeEnd && this.names !== null && this.slowRun <= 0) {
        const from = i;
        i = this.fastRows(buf, i, safeEnd);
        if (i >= n) break;
        // Rows that keep needing the general path (every field quoted, say): read the
        // next ones there directly rather than trying the fast path on each.
        if (i === from) this.slowRun = 64;
      }
      const next = this.slowRow(buf, i, n, final);
      if (next < 0) return i;
      --this.slowRun;
      if (this.done) return n;
      i = next;
    }
    return n;
  }

  /**
   * The fast path: rows of unquoted fields between `pos` and `safeEnd` (just after a
   * line feed), each field read in one pass by its column's mode. Returns `safeEnd`,
   * or the start of a row the general path must read (a quote, a wrong field count).
   * A row given up half-way is simply read again: values are stored by row index.
   */
  private fastRows(buf: Uint8Array, pos: number, safeEnd: number): number {
    const i = this.fastRowsIn(buf, pos, safeEnd);
    for (const col of this.columns) col.flush(buf);
    return i;
  }

  private fastRowsIn(buf: Uint8Array, pos: number, safeEnd: number): number {
    const cols = this.columns;
    const last = cols.length - 1;
    const stop = this.stop;
    const delim = this.delim;
    const delims = repeatByte(delim);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let row = this.rows;
    let i = pos;
    while (i < safeEnd) {
      const rowStart = i;
      const first = buf[i];
      if (first === LF || first === CR) {
        // A blank line: skipped, but counted for row numbers in messages.
        ++this.record;
        i += first === CR && buf[i + 1] === LF ? 2 : 1;
        continue;
      }
      if (row === this.capacity) {
        this.rows = row;
        this.reserve(this.capacity * 2);
      }
      for (let c = 0; ; ++c) {
        if (buf[i] === QUOTE) {
          this.rows = row;
          return rowStart;
        }
        const col = cols[c];
        let j = i;
        switch (col.mode) {
          case STRING: {
            j = fieldEnd(buf, view, i, delims, stop);
            const b = buf[i];
            if (j === i || ((b === SP || b === TAB) && isBlank(buf, i, j))) col.i32![row] = -1;
            else {
              const f = col.batched;
              col.batchStarts[f] = i;
              col.batchEnds[f] = j;
              col.batchRows[f] = row;
              if (++col.batched === BATCH) col.flush(buf);
            }
            break;
          }
          case NUMBER: {
            j = fastNumber(buf, i);
            if (j >= 0 && stop[buf[j]] !== 0) {
              col.f64![row] = numValue;
              break;
            }
            j = i;
            while (stop[buf[j]] === 0) ++j;
            col.add(buf, i, j, row);
            break;
          }
          case TIME: {
            j = parseIsoBytes(buf, i, safeEnd, false);
            if (j >= 0 && stop[buf[j]] !== 0 && isoZoned === col.zoned) {
              col.f64![row] = isoValue;
              break;
            }
            j = i;
            while (stop[buf[j]] === 0) ++j;
            col.add(buf, i, j, row);
            break;
          }
          default:
            j = fieldEnd(buf, view, i, delims, stop);
            if (col.mode !== SKIP) col.add(buf, i, j, row);
        }
        const b = buf[j];
        if (c === last) {
          if (b === LF) i = j + 1;
          else if (b === CR) i = buf[j + 1] === LF ? j + 2 : j + 1;
          else {
            // More fields than columns: the general path reports it.
            this.rows = row;
            return rowStart;
          }
          break;
        }
        if (b !== delim) {
          this.rows = row;
          return rowStart;
        }
        i = j + 1;
      }
      ++row;
      ++this.record;
    }
    this.rows = row;
    return i;
  }

  /**
   * The general path: read one record at `i` (any quoting, whitespace delimiters).
   * Returns the index after it, or -1 if it is incomplete and more input is needed.
   */
  private slowRow(buf: Uint8Array, i: number, n: number, final: boolean): number {
    const ws = this.ws;
    const stop = this.stop;
    let starts = this.starts;
    let ends = this.ends;
    let flags = this.flags;
    let nf = 0;
    if (ws) while (i < n && stop[buf[i]] === DELIM) ++i;
    for (;;) {
      if (ws && (i >= n || stop[buf[i]] === EOL)) break;
      if (nf === starts.length) {
        this.growFields();
        ({ starts, ends, flags } = this);
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
            if (j >= n) this.unclosedQuote();
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
    if (i >= n) {
      if (!final) return -1;
      if (this.row(buf, nf)) this.done = true;
      return n;
    }
    if (buf[i++] === CR) {
      if (i < n) {
        if (buf[i] === LF) ++i;
      } else if (!final) this.skipLF = true;
    }
    if (this.row(buf, nf)) this.done = true;
    return i;
  }

  /** Handle one record; returns true when a refill pass has all the rows it needs. */
  private row(buf: Uint8Array, nf: number): boolean {
    if (nf === 0 || (nf === 1 && this.starts[0] === this.ends[0] && this.flags[0] === 0)) {
      if (this.names !== null) ++this.record;
      return false;
    }
    if (this.names === null) {
      const raw = Array.from({ length: nf }, (_, c) => this.text(buf, c));
      this.setNames(uniqueNames(this.header ? raw : raw.map(() => '')));
      if (this.header) return false;
    } else if (this.skipHeader) {
      this.skipHeader = false;
      return false;
    }
    ++this.record;
    const columns = this.columns;
    if (nf !== columns.length) {
      fail('raggedRow', { expected: columns.length, found: nf }, { file: this.file, row: this.record });
    }
    if (this.refillRows >= 0) return this.refillRow(buf);
    const row = this.rows;
    if (row === this.capacity) this.reserve(this.capacity * 2);
    for (let c = 0; c < nf; ++c) {
      const col = columns[c];
      if (col.mode === SKIP) continue;
      let bytes = buf;
      let start = this.starts[c];
      let end = this.ends[c];
      if (this.flags[c] & ESCAPED) {
        end = this.unescape(buf, start, end);
        bytes = this.scratch;
        start = 0;
      }
      col.add(bytes, start, end, row);
    }
    ++this.rows;
    return false;
  }

  private refillRow(buf: Uint8Array): boolean {
    const r = this.refilled++;
    this.columns.forEach((col, c) => {
      if (r >= col.pending) return;
      let bytes = buf;
      let start = this.starts[c];
      let end = this.ends[c];
      if (this.flags[c] & ESCAPED) {
        end = this.unescape(buf, start, end);
        bytes = this.scratch;
        start = 0;
      }
      col.i32![r] = col.keyOf(bytes, start, end);
    });
    return this.refilled >= this.refillRows;
  }

  /** The decoded text of field c of the current record. */
  private text(buf: Uint8Array, c: number): string {
    if (this.flags[c] & ESCAPED) return decodeText(this.scratch, 0, this.unescape(buf, this.starts[c], this.ends[c]));
    return decodeText(buf, this.starts[c], this.ends[c]);
  }

  /** Copy a quoted field's content to `scratch` with "" as " and lone quotes dropped; returns its length. */
  private unescape(buf: Uint8Array, start: number, end: number): number {
    if (this.scratch.length < end - start) this.scratch = new Uint8Array(2 * (end - start));
    const out = this.scratch;
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

  private growFields(): void {
    const size = this.starts.length * 2;
    const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
    this.starts = grow(this.starts, new Int32Array(size));
    this.ends = grow(this.ends, new Int32Array(size));
    this.flags = grow(this.flags, new Uint8Array(size));
  }

  private unclosedQuote(): never {
    const reason = 'a quoted field is never closed';
    return fail('badFile', { format: 'CSV', reason }, { file: this.file, row: this.record + 1 });
  }
}

