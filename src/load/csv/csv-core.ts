import { fail } from '../../errors.js';
import { decodeText } from '../dict/byte-dict.js';
import { expectedDistinct } from '../dict/expected-distinct.js';
import { CR, DELIM, EOL, LF, SP, TAB } from './csv-bytes.js';
import { CsvColumn } from './csv-column.js';
import { EMPTY, SKIP, STRING, type ColumnMode } from './column-mode.js';
import { fastRows } from './fast-rows.js';
import { grownCapacity } from './grown-capacity.js';
import { sizeDictsAgain, TREND_ROWS } from './size-dicts-again.js';
import { slowRow } from './slow-row.js';
import type { CsvOptions, CsvPart, CsvPartOptions } from './csv-options.js';
import { excelSepLine, sniffDelimiter, WHITESPACE } from '../sniff.js';
import type { LoadedColumn } from '../make-dataset.js';
import { isTextColumn, type TextColumns } from '../dataset.js';
import { buffersReleased } from '../../parallel/release-buffer.js';

const SNIFF_BYTES = 1 << 16;
const MAX_RECORD_BYTES = 64 << 20;
/** Delimiters that can occur inside numbers or ISO times: those rows take the general path. */
const SYNTAX = '0123456789.+-:TtZzUCeE';

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
  // Fields without `private` are the state fast-rows.ts (FastRowsState), slow-row.ts
  // (SlowRowState) and read-record.ts (RecordState) read and advance: the two paths live
  // in their own files.
  readonly file: string;
  readonly header: boolean;
  readonly headerNames: readonly string[] | null;
  private readonly wanted: ReadonlySet<string> | null;
  private readonly givenModes: ColumnMode[] | null;
  private readonly textCols: TextColumns | undefined;
  delim = -1;
  ws = false;
  /** Rows without quotes are read by the fused fast path (not for whitespace or syntax delimiters). */
  private fastOK = false;
  /** Per byte value: DELIM for a delimiter byte, EOL for CR/LF, 0 for field content. */
  readonly stop = new Uint8Array(256);
  private carry: Uint8Array | null = null;
  private atStart: boolean;
  skipLF = false;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  flags = new Uint8Array(64);
  scratch = new Uint8Array(256);
  fieldCount = 0;
  /** Where field() left the current field: its bytes and start. */
  fieldBytes: Uint8Array = this.scratch;
  fieldStart = 0;
  names: string[] | null = null;
  columns: CsvColumn[] = [];
  record = 0;
  rows = 0;
  capacity = 1024;
  refilled = 0;
  refillRows = -1;
  skipHeader = false;
  private readonly sizeHint: number;
  private readonly shared: boolean;
  private consumed = 0;
  /** True once the columns were sized from the first chunk (see grow). */
  private estimated = false;
  /** The rows expected when the dictionaries were sized from the first chunk (0: not sized). */
  private trendRows = 0;
  /** Rows, then each column's distinct count, at each of TREND_ROWS (see sizeDictsAgain). */
  private trend: number[][] = [];
  /** Records to read by the general path before trying the fast path again. */
  private slowRun = 0;
  /** True once a refill pass has read every row it needs. */
  done = false;

  constructor(opts: CsvOptions | CsvPartOptions) {
    this.stop[LF] = this.stop[CR] = EOL;
    this.file = opts.file;
    this.header = opts.header ?? true;
    this.headerNames = 'names' in opts ? null : (opts.headerNames ?? null);
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

  /**
   * Make room for more rows than `capacity` (see grownCapacity; the first chunk sizes the
   * columns in consume). `at`: the rows so far end at byte `at` of the chunk being read
   * (-1: unknown, at its start).
   */
  grow(at: number): void {
    const seen = this.consumed + Math.max(at, 0);
    this.reserve(grownCapacity(this.capacity, this.rows, seen, this.sizeHint, this.estimated));
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
    } else fail('unknownOption', { option: 'input.delimiter', value: d, allowed: [',', '\\t', ';', '|', ' '] });
  }

  setNames(names: string[]): void {
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
      if (buf.length < pos + 7 && !final) return 0;
      // Excel's "sep=;" line names the delimiter and is not the header.
      const sep = excelSepLine(buf, pos);
      if (sep) {
        if (this.delim < 0 && !this.ws) this.setDelimiter(sep.delimiter);
        pos += sep.length;
      }
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
    // The chunk's values are still in cache: their bounds now save a pass later.
    for (const c of this.columns) c.scanTo(this.rows);
    this.consumed += rest;
    if (firstRows && this.rows > 0 && this.sizeHint > 0) {
      // Size the columns from the first bytes per row (2% over), so a large file is
      // not copied at each doubling and peak memory stays near the result's.
      const rows = Math.ceil(((this.rows * this.sizeHint) / this.consumed) * 1.02);
      this.reserve(rows);
      this.estimated = true;
      // Text dictionaries likewise, from the distinct values so far (see expectedDistinct):
      // a million ids otherwise double their table and arena some 14 times on the way.
      for (const c of this.columns) if (c.dict) c.dict.reserve(expectedDistinct(this.rows, c.dict.size, rows));
      this.trendRows = rows;
    } else if (this.trendRows > 0 && this.refillRows < 0 && this.rows >= TREND_ROWS[this.trend.length]) {
      if (sizeDictsAgain(this.trend, this.rows, this.columns, Math.max(this.trendRows, this.capacity))) this.trendRows = 0;
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
        i = fastRows(this, buf, i, safeEnd);
        if (i >= n) break;
        // Rows that keep needing the general path (every field quoted, say): read the
        // next ones there directly rather than trying the fast path on each.
        if (i === from) this.slowRun = 64;
      }
      const next = slowRow(this, buf, i, n, final);
      if (next < 0) return i;
      --this.slowRun;
      if (this.done) return n;
      i = next;
    }
    return n;
  }
}
