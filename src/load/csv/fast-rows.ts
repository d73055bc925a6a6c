import { isoZoned, parseIsoAt } from '../bytes/iso-time.js';
import { isBlank } from '../bytes/parse-number.js';
import { CR, DOT, LF, MINUS, QUOTE, SP, TAB } from './csv-bytes.js';
import { BATCH, type CsvColumn } from './csv-column.js';
import { NUMBER, SKIP, STRING, TIME } from './column-mode.js';
import { fieldEnd, repeatByte, skipFields, stopFloor } from './field-end.js';
import { fastId } from './fast-ids.js';
import { digits4, value4 } from '../bytes/digit-words.js';

/** Fast-path misses in a row after which a column's ids go the batch way until its next flush. */
const ID_MISSES = 8;

/** What the fast path reads and advances of a CsvReader (csv-core.ts). */
export interface FastRowsState {
  readonly columns: CsvColumn[];
  /** Byte classes: DELIM, EOL, or 0 inside a field. */
  readonly stop: Uint8Array;
  readonly delim: number;
  /** Rows the columns have room for (see reserve). */
  readonly capacity: number;
  /** Data rows read. */
  rows: number;
  /** Records read, blank lines included (row numbers in messages). */
  record: number;
  reserve(rows: number): void;
  /** Make room for more rows than `capacity`, the rows so far read up to byte `at` of the chunk (see CsvReader.grow). */
  grow(at: number): void;
}

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * A plain decimal number at b[p] ([-]digits[.digits], at most 15 digits), read in
 * place into out[at] (`view` is a DataView of b); returns the index after it or -1. Exactly Number(text): an
 * integer mantissa below 2^53 divided by an exact power of ten is correctly rounded.
 * (The value goes straight to the column: a double kept in a module variable would
 * be boxed, an allocation per field.)
 */
function fastNumber(b: Uint8Array, view: DataView, p: number, out: Float64Array, at: number): number {
  let c = b[p];
  let negative = false;
  if (c === MINUS) {
    negative = true;
    c = b[++p];
  }
  let m = 0;
  let digits = 0;
  // Long integer parts (epoch milliseconds) four digits at a time.
  while (p + 4 <= b.length) {
    const w = view.getInt32(p, true);
    if (!digits4(w)) break;
    m = m * 10_000 + value4(w);
    digits += 4;
    p += 4;
  }
  c = b[p];
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
  out[at] = negative ? -v : v;
  return p;
}

/**
 * The fast path: rows of unquoted fields between `pos` and `safeEnd` (just after a
 * line feed), each field read in one pass by its column's mode. Returns `safeEnd`,
 * or the start of a row the general path must read (a quote, a wrong field count).
 * A row given up half-way is simply read again: values are stored by row index.
 */
export function fastRows(r: FastRowsState, buf: Uint8Array, pos: number, safeEnd: number): number {
  const i = fastRowsIn(r, buf, pos, safeEnd);
  for (const col of r.columns) col.flush(buf);
  return i;
}

function fastRowsIn(r: FastRowsState, buf: Uint8Array, pos: number, safeEnd: number): number {
  const cols = r.columns;
  const last = cols.length - 1;
  const stop = r.stop;
  const delim = r.delim;
  const delims = repeatByte(delim);
  const floor = stopFloor(delim);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const runs = skipRuns(cols);
  let row = r.rows;
  let i = pos;
  while (i < safeEnd) {
    const rowStart = i;
    const first = buf[i];
    if (first === LF || first === CR) {
      // A blank line: skipped, but counted for row numbers in messages.
      ++r.record;
      i += first === CR && buf[i + 1] === LF ? 2 : 1;
      continue;
    }
    if (row === r.capacity) {
      r.rows = row;
      r.grow(i);
    }
    for (let c = 0; ; ++c) {
      if (buf[i] === QUOTE) {
        r.rows = row;
        return rowStart;
      }
      const col = cols[c];
      let j = i;
      switch (col.mode) {
        case STRING: {
          const ids = col.ids;
          if (ids !== null) {
            j = fastId(col, ids, buf, i, stop, row);
            if (j >= 0) {
              col.idMisses = 0;
              break;
            }
            // Ids sorted by customer are each new past the span numbered so far, so every
            // row would read its digits twice: after a run of misses the batch way alone
            // until the flush widens the span (same codes either way).
            if (++col.idMisses === ID_MISSES) col.ids = null;
          }
          j = fieldEnd(buf, view, i, delims, stop, floor);
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
        // NUMBER and TIME repeat their fallback (find the field's end, hand it to the
        // column) inline: this loop is the load's hottest, and a shared helper would
        // be a call per field.
        case NUMBER: {
          // The value is written at once: a field that fails is written again by add.
          j = fastNumber(buf, view, i, col.f64!, row);
          if (j >= 0 && stop[buf[j]] !== 0) break;
          j = i;
          while (stop[buf[j]] === 0) ++j;
          col.add(buf, i, j, row);
          break;
        }
        case TIME: {
          j = parseIsoAt(buf, view, i, safeEnd, col.f64!, row);
          if (j >= 0 && stop[buf[j]] !== 0 && isoZoned === col.zoned) break;
          j = i;
          while (stop[buf[j]] === 0) ++j;
          col.add(buf, i, j, row);
          break;
        }
        default: {
          // A run of columns nobody reads: past all but its last at once (the last is
          // read as any other field, so the row's end is checked in one place).
          let from = i;
          const run = runs[c];
          if (run > 1) {
            const p = skipFields(buf, view, i, run - 1, delims);
            if (p >= 0) {
              from = p;
              c += run - 1;
            }
          }
          j = fieldEnd(buf, view, from, delims, stop, floor);
          if (col.mode !== SKIP) col.add(buf, i, j, row);
        }
      }
      const b = buf[j];
      if (c === last) {
        if (b === LF) i = j + 1;
        else if (b === CR) i = buf[j + 1] === LF ? j + 2 : j + 1;
        else {
          // More fields than columns: the general path reports it.
          r.rows = row;
          return rowStart;
        }
        break;
      }
      if (b !== delim) {
        r.rows = row;
        return rowStart;
      }
      i = j + 1;
    }
    ++row;
    ++r.record;
  }
  r.rows = row;
  return i;
}

/** For each column, how many columns from it on are skipped (0 for a column read). */
function skipRuns(cols: readonly CsvColumn[]): Int32Array {
  const runs = new Int32Array(cols.length);
  for (let c = cols.length - 1; c >= 0; --c) if (cols[c].mode === SKIP) runs[c] = c + 1 < cols.length ? runs[c + 1] + 1 : 1;
  return runs;
}
