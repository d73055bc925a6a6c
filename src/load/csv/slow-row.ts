/**
 * The general path of the CSV reader (csv-core.ts): one record of any quoting, or
 * whitespace delimited, read into the columns (or the header, or a refill pass).
 */
import { fail } from '../../errors.js';
import { decodeText } from '../dict/byte-dict.js';
import { uniqueNames } from '../column-names.js';
import { CR, ESCAPED, LF } from './csv-bytes.js';
import type { CsvColumn } from './csv-column.js';
import { SKIP } from './column-mode.js';
import { readFields, unescapeField, type RecordState } from './read-record.js';

/** What the general path reads and advances of a CsvReader. */
export interface SlowRowState extends RecordState {
  /** Records read, blank lines included (row numbers in messages). */
  record: number;
  /** Whether the first record names the columns. */
  readonly header: boolean;
  /** With `header: false`, the names given for the columns. */
  readonly headerNames: readonly string[] | null;
  /** The column names (null before the header is read). */
  readonly names: string[] | null;
  readonly columns: CsvColumn[];
  /** Data rows read. */
  rows: number;
  /** Rows the columns have room for (see reserve). */
  readonly capacity: number;
  /** A refill pass: the rows it re-reads (-1 outside one), and those re-read so far. */
  readonly refillRows: number;
  refilled: number;
  /** The header record is read past (a refill pass). */
  skipHeader: boolean;
  /** A CR ended the chunk: a LF starting the next is part of its line end. */
  skipLF: boolean;
  /** True once a refill pass has read every row it needs. */
  done: boolean;
  /** Where field() left the current field: its bytes and start. */
  fieldBytes: Uint8Array;
  fieldStart: number;
  setNames(names: string[]): void;
  reserve(rows: number): void;
  /** Make room for more rows than `capacity` (see CsvReader.grow). */
  grow(at: number): void;
}

/**
 * The general path: read one record at `i` (any quoting, whitespace delimiters).
 * Returns the index after it, or -1 if it is incomplete and more input is needed.
 */
export function slowRow(reader: SlowRowState, buf: Uint8Array, i: number, n: number, final: boolean): number {
  i = readFields(reader, buf, i, n, final);
  if (i < 0) return -1;
  const nf = reader.fieldCount;
  if (i >= n) {
    if (!final) return -1;
    if (row(reader, buf, nf)) reader.done = true;
    return n;
  }
  if (buf[i++] === CR) {
    if (i < n) {
      if (buf[i] === LF) ++i;
    } else if (!final) reader.skipLF = true;
  }
  if (row(reader, buf, nf)) reader.done = true;
  return i;
}

/** Handle one record; returns true when a refill pass has all the rows it needs. */
function row(reader: SlowRowState, buf: Uint8Array, nf: number): boolean {
  if (nf === 0 || (nf === 1 && reader.starts[0] === reader.ends[0] && reader.flags[0] === 0)) {
    if (reader.names !== null) ++reader.record;
    return false;
  }
  if (reader.names === null) {
    const raw = Array.from({ length: nf }, (_, c) => text(reader, buf, c));
    if (!reader.header && reader.headerNames !== null && reader.headerNames.length !== nf) {
      fail('columnCountMismatch', { given: reader.headerNames.length, found: nf }, { file: reader.file, row: 1 });
    }
    reader.setNames(uniqueNames(reader.header ? raw : raw.map((_, c) => reader.headerNames?.[c] ?? '')));
    if (reader.header) return false;
  } else if (reader.skipHeader) {
    reader.skipHeader = false;
    return false;
  }
  ++reader.record;
  const columns = reader.columns;
  if (nf !== columns.length) {
    fail('raggedRow', { expected: columns.length, found: nf }, { file: reader.file, row: reader.record });
  }
  if (reader.refillRows >= 0) return refillRow(reader, buf);
  const row = reader.rows;
  if (row === reader.capacity) reader.grow(-1);
  for (let c = 0; c < nf; ++c) {
    const col = columns[c];
    if (col.mode === SKIP) continue;
    const end = field(reader, buf, c);
    col.add(reader.fieldBytes, reader.fieldStart, end, row);
  }
  ++reader.rows;
  return false;
}

function refillRow(reader: SlowRowState, buf: Uint8Array): boolean {
  const r = reader.refilled++;
  reader.columns.forEach((col, c) => {
    if (r >= col.pending) return;
    const end = field(reader, buf, c);
    col.i32![r] = col.keyOf(reader.fieldBytes, reader.fieldStart, end);
  });
  return reader.refilled >= reader.refillRows;
}

/** The decoded text of field c of the current record. */
function text(reader: SlowRowState, buf: Uint8Array, c: number): string {
  const end = field(reader, buf, c);
  return decodeText(reader.fieldBytes, reader.fieldStart, end);
}

/**
 * Field c of the current record: returns its end, and leaves its bytes and start in
 * fieldBytes and fieldStart (scratch when its quotes had to be removed).
 */
function field(reader: SlowRowState, buf: Uint8Array, c: number): number {
  const start = reader.starts[c];
  const end = reader.ends[c];
  if (reader.flags[c] & ESCAPED) {
    const unescaped = unescapeField(reader, buf, start, end);
    reader.fieldBytes = reader.scratch;
    reader.fieldStart = 0;
    return unescaped;
  }
  reader.fieldBytes = buf;
  reader.fieldStart = start;
  return end;
}