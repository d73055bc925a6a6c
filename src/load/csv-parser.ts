import { fail } from '../errors.js';
import { decodeText } from './byte-dict.js';
import { CsvColumn } from './csv-column.js';
import type { Dataset } from './dataset.js';
import { makeDataset, uniqueNames } from './make-dataset.js';
import { sniffDelimiter, WHITESPACE } from './sniff.js';

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
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const TAB = 0x09;
const DELIM = 1;
const EOL = 2;
const QUOTED = 1;
/** The field's bytes hold quote characters that must be removed before use. */
const ESCAPED = 2;
const SNIFF_BYTES = 1 << 16;
const MAX_RECORD_BYTES = 64 << 20;

/**
 * A push parser for delimited text: feed it byte chunks (a row may span chunks),
 * then `end()`. It follows RFC 4180 (quoted fields with delimiters, newlines and ""
 * escapes; CRLF, LF or CR line ends), skips a UTF-8 BOM and blank lines, and builds
 * typed columns directly from the bytes. If `needsRefill` is true after `end()`,
 * call `startRefill()` and feed the same bytes again until `done`.
 */
export class CsvParser {
  private readonly file: string;
  private readonly header: boolean;
  private delim = -1;
  private ws = false;
  /** Per byte value: DELIM for a delimiter byte, EOL for CR/LF, 0 for field content. */
  private readonly stop = new Uint8Array(256);
  private carry: Uint8Array | null = null;
  private atStart = true;
  private skipLF = false;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private flags = new Uint8Array(64);
  private scratch = new Uint8Array(256);
  private names: string[] | null = null;
  private columns: CsvColumn[] = [];
  private record = 0;
  private rows = 0;
  private refilled = 0;
  private refillRows = -1;
  private skipHeader = false;
  private readonly sizeHint: number;
  private bytesSeen = 0;
  /** True once a refill pass has read every row it needs. */
  done = false;

  constructor(opts: CsvOptions) {
    this.stop[LF] = this.stop[CR] = EOL;
    this.file = opts.file;
    this.header = opts.header ?? true;
    this.sizeHint = opts.sizeHint ?? 0;
    if (opts.delimiter !== undefined) this.setDelimiter(opts.delimiter);
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

  /** Rewind for the second pass over the same bytes (see needsRefill). */
  startRefill(): void {
    this.refillRows = Math.max(...this.columns.map((c) => c.pending));
    this.carry = null;
    this.atStart = true;
    this.skipLF = false;
    this.record = 0;
    this.refilled = 0;
    this.skipHeader = this.header;
    this.done = false;
  }

  /** The table read so far (call after end() and any refill). */
  toDataset(): Dataset {
    const names = this.names ?? [];
    return makeDataset(this.file, 'csv', this.columns.map((c, i) => c.finish(names[i])), this.rows);
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
    } else fail('unknownOption', { option: '--delimiter', value: d, allowed: [',', '\\t', ';', '|', ' '] });
  }

  private feed(chunk: Uint8Array, final: boolean): void {
    if (this.done) return;
    const firstRows = this.rows === 0 && this.refillRows < 0;
    this.bytesSeen += chunk.length;
    // A plain Uint8Array view of Node Buffers keeps the byte loops monomorphic.
    let buf = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.carry !== null) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
      this.carry = null;
    }
    if (this.atStart) {
      if (buf.length < 3 && !final) {
        this.carry = buf;
        return;
      }
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      this.atStart = false;
    }
    if (this.delim < 0 && !this.ws) {
      if (buf.length < SNIFF_BYTES && !final) {
        this.carry = buf;
        return;
      }
      this.setDelimiter(sniffDelimiter(decodeText(buf, 0, Math.min(buf.length, SNIFF_BYTES))));
    }
    let pos = 0;
    if (this.skipLF) {
      this.skipLF = false;
      if (buf[0] === LF) pos = 1;
    }
    const rest = this.scan(buf, pos, final);
    if (firstRows && this.rows > 0 && this.sizeHint > 0) {
      // Size the columns from the first chunk's bytes per row (2% over), so a large
      // file is not copied at each doubling and peak memory stays near the result's.
      const rows = Math.ceil(((this.rows * this.sizeHint) / (this.bytesSeen - (buf.length - rest))) * 1.02);
      for (const c of this.columns) c.reserve(rows);
    }
    if (rest === buf.length) return;
    // Each chunk re-reads the carried row, so an endless row (a quote never closed)
    // would cost quadratic time: stop it early.
    if (buf.length - rest > MAX_RECORD_BYTES) {
      const reason = `a record is longer than ${MAX_RECORD_BYTES >> 20} MB; is a quote never closed?`;
      fail('badFile', { format: 'CSV', reason }, { file: this.file, row: this.record + 1 });
    }
    // Copy the partial row so the chunk it came from can be freed.
    this.carry = buf.slice(rest);
  }

  /** Scan rows from `pos`; returns where the first incomplete row starts. */
  private scan(buf: Uint8Array, pos: number, final: boolean): number {
    const n = buf.length;
    const ws = this.ws;
    const stop = this.stop;
    let starts = this.starts;
    let ends = this.ends;
    let flags = this.flags;
    let i = pos;
    while (i < n) {
      const rowStart = i;
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
              if (!final) return rowStart;
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
        if (!final) return rowStart;
        this.row(buf, nf);
        return n;
      }
      if (buf[i++] === CR) {
        if (i < n) {
          if (buf[i] === LF) ++i;
        } else if (!final) this.skipLF = true;
      }
      if (this.row(buf, nf)) {
        this.done = true;
        return n;
      }
    }
    return n;
  }

  /** Handle one record; returns true when a refill pass has all the rows it needs. */
  private row(buf: Uint8Array, nf: number): boolean {
    if (nf === 0 || (nf === 1 && this.starts[0] === this.ends[0] && this.flags[0] === 0)) {
      if (this.names !== null) ++this.record;
      return false;
    }
    if (this.names === null) {
      const raw = Array.from({ length: nf }, (_, c) => this.text(buf, c));
      this.names = uniqueNames(this.header ? raw : raw.map(() => ''));
      this.columns = this.names.map(() => new CsvColumn());
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
    for (let c = 0; c < nf; ++c) {
      let bytes = buf;
      let start = this.starts[c];
      let end = this.ends[c];
      if (this.flags[c] & ESCAPED) {
        end = this.unescape(buf, start, end);
        bytes = this.scratch;
        start = 0;
      }
      columns[c].add(bytes, start, end);
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
      col.keys!.data[r] = col.keyOf(bytes, start, end);
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
