import { CodeDict } from '../dict/code-dict.js';
import type { DigitIndex } from '../dict/digit-index.js';
import type { CodeDictState } from '../dict/code-dict-state.js';
import { copyTranslated } from '../dict/code-translation.js';
import { isoField, isoOut, isoZoned } from '../bytes/iso-time.js';
import type { LoadedColumn } from '../make-dataset.js';
import { isBlank, parseNumberBytes } from '../bytes/parse-number.js';
import { releaseBuffer } from '../../parallel/release-buffer.js';
import { storage } from '../../parallel/shared-storage.js';
import { ValueBounds } from './value-bounds.js';
import { EMPTY, NUMBER, SKIP, STRING, TIME, type ColumnMode } from './column-mode.js';
import { exact, finishColumn, firstSeenOrder } from './finish-column.js';
import { groupedNumbers } from './grouped-numbers.js';
import { SmallValues } from './small-values.js';

/** Fields interned together by the fast path. */
export const BATCH = 512;

/** A column read from one part of a file, for sending to another thread (transferable buffers). */
export interface ColumnPart {
  mode: ColumnMode;
  /** TIME: whether the values carry a zone designator. */
  zoned: boolean;
  /** NUMBER and TIME values, one per row. */
  f64: Float64Array | null;
  /** STRING codes (see CodeDict), one per row (-1 = missing). */
  i32: Int32Array | null;
  dict: CodeDictState | null;
  /** True when rows were re-read after later ones: keys are not in first-seen order. */
  reorder: boolean;
  /** NUMBER: the text of the first value (see CsvColumn.firstText). */
  firstText?: string;
  /** TIME and NUMBER: min, max and missing count of the values, when known (see ValueBounds). */
  bounds?: Float64Array | null;
}

/**
 * One column being read. It starts EMPTY; its first non-blank value makes it a
 * NUMBER column if it parses as a number, a TIME column if it is an ISO date or
 * date-time (read straight from the bytes into epoch ms), else a STRING column.
 * A NUMBER or TIME column turns into strings at its first value that does not fit
 * (a TIME column also when zoned and unzoned values mix); the rows before that are
 * then re-read in a second pass (`pending`) so their original text, not a re-printed
 * value, becomes the string. Values are written by row index, so a row can be
 * parsed again over a partial first attempt.
 */
export class CsvColumn {
  mode: ColumnMode;
  f64: Float64Array | null = null;
  i32: Int32Array | null = null;
  dict: CodeDict | null = null;
  zoned = false;
  /** Rows before the switch to STRING, to be re-read as text. */
  pending = 0;
  /** Keys given out of row order (rows re-read later, here or in a part appended): see finish. */
  reorder = false;
  /**
   * NUMBER: the text of the first value, kept once (not per row) so that finish can tell
   * a column of "1.000"-like values, which may be thousands grouped (groupedNumbers).
   */
  firstText: string | undefined;
  /** STRING fields waiting to be interned together (see ByteDict.internMany). */
  batchStarts = new Int32Array(0);
  batchEnds = new Int32Array(0);
  batchRows = new Int32Array(0);
  batched = 0;
  /** Plain-digit ids the fast path numbers itself, and how many it marked first (see fast-ids.ts). */
  ids: DigitIndex | null = null;
  idsAdded = 0;
  /** Fields in a row the fast path could not number: past ID_MISSES it rests until the next flush. */
  idMisses = 0;
  /** The codes of a column of few values (see small-values.ts). */
  small = new SmallValues();
  /** TIME and NUMBER: the bounds of the values read so far (see scanTo). */
  readonly bounds = new ValueBounds();
  private capacity: number;
  private readonly shared: boolean;

  /** `shared`: big storage goes on SharedArrayBuffers (for the engine's worker threads). */
  constructor(mode: ColumnMode, capacity: number, shared = false) {
    this.mode = mode;
    this.capacity = capacity;
    this.shared = shared;
    if (mode === STRING) this.toStrings(0);
  }

  /** Resize the storage to `capacity` rows, keeping the first `rows`. */
  resize(capacity: number, rows: number): void {
    this.capacity = capacity;
    if (this.f64 !== null) {
      const next = storage(Float64Array, capacity, this.shared);
      next.set(this.f64.subarray(0, Math.min(rows, capacity)));
      this.f64 = next;
    }
    if (this.i32 !== null) {
      const next = storage(Int32Array, capacity, this.shared);
      next.set(this.i32.subarray(0, Math.min(rows, capacity)));
      this.i32 = next;
    }
  }

  /** Set row `row` from a field's bytes (quotes already removed). */
  add(bytes: Uint8Array, start: number, end: number, row: number): void {
    switch (this.mode) {
      case SKIP:
        return;
      case STRING:
        this.i32![row] = this.keyOf(bytes, start, end);
        return;
      case NUMBER: {
        const v = parseNumberBytes(bytes, start, end);
        if (v !== undefined) {
          this.f64![row] = v;
          return;
        }
        break;
      }
      case TIME:
        if (isBlank(bytes, start, end)) {
          this.f64![row] = NaN;
          return;
        }
        if (isoField(bytes, start, end) && isoZoned === this.zoned) {
          this.f64![row] = isoOut[0];
          return;
        }
        break;
      case EMPTY: {
        if (isBlank(bytes, start, end)) return;
        const v = parseNumberBytes(bytes, start, end);
        if (v !== undefined) {
          this.toValues(NUMBER, row);
          this.f64![row] = v;
          this.firstText = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1').trim();
          return;
        }
        if (isoField(bytes, start, end)) {
          this.toValues(TIME, row);
          this.zoned = isoZoned;
          this.f64![row] = isoOut[0];
          return;
        }
        // All rows before were blank: nothing to re-read.
        this.toStrings(0);
        this.i32!.fill(-1, 0, row);
        this.i32![row] = this.keyOf(bytes, start, end);
        return;
      }
    }
    this.toStrings(row);
    this.i32![row] = this.keyOf(bytes, start, end);
  }

  /** The dictionary key of a field; -1 for a missing (blank) one until finish. */
  keyOf(bytes: Uint8Array, start: number, end: number): number {
    return isBlank(bytes, start, end) ? -1 : this.dict!.intern(bytes, start, end);
  }

  /**
   * NUMBER: true when none of the first `rows` values is a number, only missing-value
   * markers ("-", "NA", "NaN", ...) and blanks. Read whole, such a column is text: its
   * markers are its values (a channel named "-"), not a number column of NaN.
   */
  onlyMarkers(rows: number): boolean {
    if (this.mode !== NUMBER) return false;
    const f64 = this.f64!;
    for (let i = 0; i < rows; ++i) if (f64[i] === f64[i]) return false;
    return true;
  }

  /** Turn a NUMBER or TIME column into strings: its first `rows` rows are re-read as text (refill). */
  forceStrings(rows: number): void {
    if (this.mode === NUMBER || this.mode === TIME) this.toStrings(rows);
  }

  /**
   * Append rows [0, n) of another part's column at row `at` (room already made).
   * The part's mode must fit this column's (see mergedMode): an EMPTY part adds
   * missing values, and an EMPTY column takes the part's mode. The part's arrays are
   * released afterwards (they came from the other thread for this alone).
   */
  appendPart(p: ColumnPart, at: number, n: number): void {
    this.copyPart(p, at, n);
    if (p.f64) releaseBuffer(p.f64);
    if (p.i32) releaseBuffer(p.i32);
  }

  private copyPart(p: ColumnPart, at: number, n: number): void {
    if (this.mode === SKIP || (p.mode === EMPTY && this.mode === EMPTY)) return;
    if (this.mode === EMPTY) {
      if (p.mode === STRING) {
        this.toStrings(0);
        this.i32!.fill(-1, 0, at);
      } else {
        this.toValues(p.mode as typeof NUMBER | typeof TIME, at);
        this.zoned = p.zoned;
        this.firstText = p.firstText;
      }
    }
    if (this.mode === STRING) {
      const out = this.i32!;
      if (p.mode === EMPTY) {
        out.fill(-1, at, at + n);
        return;
      }
      if (p.reorder) this.reorder = true;
      copyTranslated(p.i32!, n, out, at, this.dict!.absorb(p.dict!));
    } else {
      this.scanTo(at);
      if (p.mode === EMPTY) {
        this.f64!.fill(NaN, at, at + n);
        this.bounds.missingTo(at + n);
      } else {
        this.f64!.set(p.f64!.subarray(0, n), at);
        if (p.bounds) this.bounds.merge(p.bounds, at + n);
        else this.bounds.known = false;
      }
    }
  }

  /** TIME and NUMBER: take the values of rows up to `rows` (all read) into the bounds. */
  scanTo(rows: number): void {
    if (this.mode === TIME || this.mode === NUMBER) this.bounds.scanTo(this.f64!, rows, this.mode === TIME);
  }

  /** Intern the batched fields, whose bytes are in `bytes`. */
  flush(bytes: Uint8Array): void {
    const dict = this.dict!;
    if (this.idsAdded > 0) {
      dict.addNumbered(this.idsAdded);
      this.idsAdded = 0;
    }
    if (this.batched === 0) return;
    const small = this.small;
    if (small.on && dict.hashesAll) {
      const m = small.take(bytes, this.batchStarts, this.batchEnds, this.batchRows, this.batched, this.i32!);
      if (m > 0) {
        dict.internMany(bytes, this.batchStarts, this.batchEnds, this.batchRows, m, this.i32!);
        small.learn(bytes, this.batchStarts, this.batchEnds, this.batchRows, m, this.i32!, dict.size);
      }
    } else dict.internMany(bytes, this.batchStarts, this.batchEnds, this.batchRows, this.batched, this.i32!);
    this.batched = 0;
    this.ids = dict.plainNumbers();
    this.idMisses = 0;
  }

  private toValues(mode: typeof NUMBER | typeof TIME, row: number): void {
    this.f64 = storage(Float64Array, this.capacity, this.shared);
    this.f64.fill(NaN, 0, row);
    this.bounds.reset();
    this.mode = mode;
  }

  private toStrings(pending: number): void {
    this.i32 = storage(Int32Array, this.capacity, this.shared);
    this.pending = pending;
    if (pending > 0) this.reorder = true;
    this.dict = new CodeDict();
    this.ids = null;
    this.small = new SmallValues();
    this.f64 = null;
    this.mode = STRING;
    this.batchStarts = new Int32Array(BATCH);
    this.batchEnds = new Int32Array(BATCH);
    this.batchRows = new Int32Array(BATCH);
  }

  /** This column's first `rows` values for another thread. */
  part(rows: number): ColumnPart {
    this.scanTo(rows);
    // Views, not copies: the whole buffer moves to the other thread.
    const trim = <T extends Float64Array | Int32Array>(a: T | null): T | null =>
      a === null ? null : (a.subarray(0, rows) as T);
    return {
      mode: this.mode,
      zoned: this.zoned,
      f64: trim(this.f64),
      i32: trim(this.i32),
      dict: this.dict?.take() ?? null,
      reorder: this.reorder,
      firstText: this.firstText,
      bounds: (this.mode === TIME || this.mode === NUMBER) && this.bounds.known ? Float64Array.from(this.bounds.acc) : null,
    };
  }

  /** The finished column of `rows` rows; undefined for a skipped column. */
  finish(name: string, rows: number): LoadedColumn | undefined {
    // The null key is given on the way, unless the keys are to be renumbered (firstSeenOrder).
    if (this.mode === STRING) this.i32 = this.dict!.settle(this.i32!, rows, !this.reorder);
    // Rows re-read after later ones gave their values keys out of row order: put the
    // dictionary back in first-seen order, so the result does not depend on when (or
    // in which part of a split file) the column turned to text.
    if (this.mode === STRING && this.reorder) return firstSeenOrder(name, exact(this.i32!, rows), this.dict!);
    const column = finishColumn(name, this.mode, this.zoned, this.f64, this.i32, this.dict, rows);
    if (column && (this.mode === TIME || this.mode === NUMBER)) this.bounds.finish(this.f64!, rows, this.mode === TIME, column.values as Float64Array);
    if (column && this.mode === NUMBER && this.firstText !== undefined && groupedNumbers(this.firstText, column.values as Float64Array)) {
      column.groupedExample = this.firstText;
    }
    return column;
  }
}

/**
 * The mode of a column read in two parts, from each part's mode (and, for TIME,
 * whether its values are zoned): an EMPTY part takes the other's mode, equal modes
 * stay, and any other mix is STRING.
 */
export function mergedMode(a: ColumnMode, az: boolean, b: ColumnMode, bz: boolean): ColumnMode {
  if (a === SKIP || b === SKIP) return SKIP;
  if (a === EMPTY) return b;
  if (b === EMPTY) return a;
  return a === b && (a !== TIME || az === bz) ? a : STRING;
}
