import { fail } from '../errors.js';
import type { ColumnKind } from '../load/dataset.js';
import { isDictionary } from '../load/dict/dict-column.js';
import { runChunks } from '../parallel/run-chunks.js';
import { sharedArray } from '../parallel/shared-storage.js';
import { DAY_MS } from './civil.js';
import { MAX_INSTANT, SCAN_CHUNK, scanInstants } from './scan-instants.js';
import { epochNumbers } from './epoch-numbers.js';
import { DATE_FORMATS, dateForm, dayMonthOrder, parseDateText, validDay, type DateFormat } from './date-text.js';
import type { Zone } from './zone.js';

export { DATE_FORMATS, type DateFormat } from './date-text.js';

/**
 * The instant (epoch ms) a text names, NaN when it is invalid. Without `format` it
 * reads ISO 8601 dates and date-times (T or space, optional seconds and fraction,
 * optional Z, UTC, ±HH:MM, ±HHMM or ±HH; with an offset it is that instant, without
 * one a wall-clock time in `zone`, a date alone local midnight), 8-digit YYYYMMDD
 * dates, integer or decimal epochs (seconds when |v| < 1e11, else milliseconds),
 * DD.MM.YYYY, and D/M/YYYY or M/D/YYYY (also with "-") when the order is evident
 * from the value (a field > 12, or both equal). With `format` only that form is read
 * (day-month-year forms may be followed by " HH:MM" or " HH:MM:SS").
 */
export function parseTimeString(s: string, zone: Zone, format?: DateFormat): number {
  return parseDateText(s, zone, format, 'auto');
}

/** The result of {@link parseTimeColumn}. */
export interface ParsedTimes {
  /** One instant (epoch ms) per row; NaN for missing and bad values. */
  ms: Float64Array;
  /** Rows with a value that could not be read as a time. */
  bad: number;
  /** The first 5 bad rows, 1-based. */
  badRows: number[];
  /** Rows with no value (null, '', NaN). */
  missing: number;
  /** The latest instant, when the parser saw it for free (saves a pass for the as-of). */
  max?: number;
  /** The earliest instant, when the parser saw it for free (with `max`). */
  min?: number;
}

/** Options of {@link parseTimeColumn}; file and column only locate error messages. */
export interface ParseTimeOptions {
  zone: Zone;
  format?: DateFormat;
  file?: string;
  column?: string;
}

const BAD_ROWS = 5;

/** How a column of numbers is read: as YYYYMMDD dates, epoch seconds or epoch ms. */
type NumberScale = 'yyyymmdd' | 's' | 'ms';

/** Day number of a YYYYMMDD number between 1900 and 2100, or NaN. */
function ymdNumberDay(v: number): number {
  if (!Number.isInteger(v) || v < 19000101 || v > 21001231) return NaN;
  const y = Math.floor(v / 10000);
  const md = v - y * 10000;
  return validDay(y, Math.floor(md / 100), md % 100);
}

function numberScale(values: ArrayLike<number>, format: DateFormat | undefined, opts?: ParseTimeOptions, rowOf: (i: number) => number = (i) => i): NumberScale {
  if (format === 'YYYYMMDD') return 'yyyymmdd';
  if (format === 'EPOCH-S') return 's';
  if (format === 'EPOCH-MS') return 'ms';
  let ymd = true;
  let any = false;
  let max = 0;
  // The first value read as seconds and the first as milliseconds: a column of both is an error.
  let small = -1;
  let big = -1;
  for (let i = 0; i < values.length; ++i) {
    const v = values[i];
    if (v !== v) continue;
    any = true;
    if (ymd) {
      const day = ymdNumberDay(v);
      if (day !== day) ymd = false;
    }
    const a = Math.abs(v);
    if (a > max) max = a;
    if (a < 1e11) {
      if (small < 0) small = i;
    } else if (big < 0) big = i;
  }
  if (any && ymd) return 'yyyymmdd';
  if (small >= 0 && big >= 0 && format === undefined && opts) {
    const [x, y] = small < big ? [small, big] : [big, small];
    mixedForms(opts, [rowOf(x), values[x], formOfNumber(values[x])], [rowOf(y), values[y], formOfNumber(values[y])]);
  }
  return max < 1e11 ? 's' : 'ms';
}

function formOfNumber(v: number): string {
  return Math.abs(v) < 1e11 ? 'epoch seconds' : 'epoch milliseconds';
}

/** Fail: the column mixes two forms of time, shown by an example row of each (0-based rows). */
function mixedForms(opts: ParseTimeOptions, a: [number, unknown, string], b: [number, unknown, string]): never {
  return fail(
    'mixedTimeForms',
    { a: String(a[1]), aRow: a[0] + 1, aForm: a[2], b: String(b[1]), bRow: b[0] + 1, bForm: b[2] },
    { file: opts.file, column: opts.column },
  );
}

/**
 * Fail when the readable texts of a column are written in more than one form (epoch
 * seconds and milliseconds, ISO and D/M/YYYY, ...): which reading is right cannot be
 * told. `keyOf(row)` gives a row's text index; rows are scanned only when forms mix.
 */
function oneForm(texts: readonly (string | null)[], parsed: ArrayLike<number>, rows: number, keyOf: (row: number) => number, opts: ParseTimeOptions): void {
  const forms: (string | null)[] = texts.map((t, k) => (t !== null && parsed[k] === parsed[k] ? dateForm(t) : null));
  const distinct = new Set(forms.filter((f) => f !== null));
  if (distinct.size < 2) return;
  const first = new Map<string, number>();
  for (let row = 0; row < rows && first.size < 2; ++row) {
    const k = keyOf(row);
    const f = k >= 0 ? forms[k] : null;
    if (f !== null && f !== undefined && !first.has(f)) first.set(f, row);
  }
  const [[fa, ra], [fb, rb]] = [...first];
  mixedForms(opts, [ra, texts[keyOf(ra)], fa], [rb, texts[keyOf(rb)], fb]);
}

function numberMs(v: number, scale: NumberScale, zone: Zone): number {
  if (scale === 'yyyymmdd') {
    const day = ymdNumberDay(v);
    return day === day ? zone.toUtc(day * DAY_MS) : NaN;
  }
  const ms = scale === 's' ? Math.round(v * 1000) : v;
  return Math.abs(ms) <= MAX_INSTANT ? ms : NaN;
}

/** Collects the counts and bad rows of a result; callers write `ms` themselves. */
class Tally {
  bad = 0;
  missing = 0;
  firstBad = -1;
  badRows: number[] = [];
  constructor(readonly ms: Float64Array) {}
  badAt(row: number): void {
    if (this.bad++ === 0) this.firstBad = row;
    if (this.badRows.length < BAD_ROWS) this.badRows.push(row + 1);
  }
  set(row: number, value: number, isMissing: boolean): void {
    this.ms[row] = value;
    if (value !== value) {
      if (isMissing) ++this.missing;
      else this.badAt(row);
    }
  }
  /** The result; `valueAt` gives the raw value of a row for the error message. */
  result(opts: ParseTimeOptions, valueAt: (row: number) => unknown): ParsedTimes {
    if (this.bad > 0 && this.bad + this.missing === this.ms.length) {
      fail('noTimeParsed', { example: valueAt(this.firstBad) }, { file: opts.file, column: opts.column });
    }
    return { ms: this.ms, bad: this.bad, badRows: this.badRows, missing: this.missing };
  }
}

const isBlank = (s: string): boolean => s.trim() === '';

/**
 * Reads a column of times into instants (epoch ms). The column is a typed array of
 * numbers (kind "timestamp": instants, copied; "wallclock": wall-clock ms, read in the
 * zone; otherwise epoch seconds/ms or YYYYMMDD numbers, decided for the whole column),
 * a dictionary column of strings (each distinct string parsed once), or a plain array
 * of strings, numbers, Dates and nulls. Without a format, day-month-year strings take
 * the order their values reveal (see parseTimeString for the forms read).
 * @throws KohortError `ambiguousDate` when every a/b/yyyy value could be either order
 * @throws KohortError `noTimeParsed` when values are present but none can be read
 */
export function parseTimeColumn(col: unknown, kind: ColumnKind, opts: ParseTimeOptions): ParsedTimes {
  const parsed = parseAnyColumn(col, kind, opts);
  // A format the user forced that leaves most values unreadable is the wrong format, not
  // bad rows: refuse it rather than compute from the few values it happens to read.
  if (opts.format !== undefined && parsed.bad * 2 > parsed.ms.length - parsed.missing) {
    fail(
      'dateFormatMostlyUnreadable',
      { format: opts.format, bad: parsed.bad, present: parsed.ms.length - parsed.missing, rows: parsed.badRows },
      { file: opts.file, column: opts.column },
    );
  }
  return parsed;
}

function parseAnyColumn(col: unknown, kind: ColumnKind, opts: ParseTimeOptions): ParsedTimes {
  if (isDictionary(col)) return parseDictionary(col, opts);
  if (ArrayBuffer.isView(col) && !(col instanceof DataView)) {
    const src = col as unknown as ArrayLike<number | bigint>;
    const values = src instanceof Float64Array ? src : Float64Array.from(src as ArrayLike<number>, Number);
    return parseNumbers(values, kind, opts);
  }
  return parseValues(col as ArrayLike<unknown> & { at?: (i: number) => unknown }, kind, opts);
}

function parseNumbers(values: Float64Array, kind: ColumnKind, opts: ParseTimeOptions): ParsedTimes {
  const { zone } = opts;
  const n = values.length;
  // Instants already (or wall-clock ms in UTC, the same numbers): hand the column over
  // without a copy when every present value is in range; NaN is a missing value.
  if (kind === 'timestamp' || (kind === 'wallclock' && zone.isUtc)) {
    // In chunks, which the engine's worker thread shares when the column is on shared memory.
    const chunks = Math.ceil(n / SCAN_CHUNK);
    const shared = chunks > 1 && values.buffer instanceof SharedArrayBuffer;
    const acc = shared ? sharedArray(Float64Array, 3 * chunks) : new Float64Array(3 * chunks);
    runChunks('instants', scanInstants, { values, acc }, chunks, shared);
    let min = Infinity;
    let max = -Infinity;
    let missing = 0;
    for (let k = 0; k < chunks; ++k) {
      min = Math.min(min, acc[3 * k]);
      max = Math.max(max, acc[3 * k + 1]);
      missing += acc[3 * k + 2];
    }
    // Every present value in range (or none present): the column is the instants.
    if (missing === n || (min >= -MAX_INSTANT && max <= MAX_INSTANT)) {
      if (missing === n) return { ms: values, bad: 0, badRows: [], missing };
      return { ms: values, bad: 0, badRows: [], missing, min, max };
    }
  }
  if (kind === 'number') {
    const epochs = epochNumbers(values, opts.format);
    if (epochs !== undefined) return { ...epochs, bad: 0, badRows: [] };
  }
  const ms = new Float64Array(n);
  const tally = new Tally(ms);
  const scale = kind === 'timestamp' || kind === 'wallclock' ? 'ms' : numberScale(values, opts.format, opts);
  if (kind !== 'wallclock' && scale !== 'yyyymmdd') {
    // The common case (epoch numbers) in one tight loop.
    const factor = scale === 's' ? 1000 : 1;
    for (let i = 0; i < n; ++i) {
      const v = values[i];
      const x = factor === 1 ? v : Math.round(v * factor);
      if (x >= -MAX_INSTANT && x <= MAX_INSTANT) ms[i] = x;
      else {
        ms[i] = NaN;
        if (v !== v) ++tally.missing;
        else tally.badAt(i);
      }
    }
  } else {
    for (let i = 0; i < n; ++i) {
      const v = values[i];
      if (v !== v) tally.set(i, NaN, true);
      else if (kind === 'wallclock') tally.set(i, Math.abs(v) <= MAX_INSTANT ? zone.toUtc(v) : NaN, false);
      else tally.set(i, numberMs(v, scale, zone), false);
    }
  }
  return tally.result(opts, (row) => values[row]);
}

function parseDictionary(
  col: { groups(names: string[]): { keys: Int32Array; get: ((k: number) => unknown)[]; size: number } },
  opts: ParseTimeOptions,
): ParsedTimes {
  const { keys, get, size } = col.groups(['_']);
  const texts: (string | null)[] = new Array(size);
  for (let k = 0; k < size; ++k) {
    const v = get[0](k);
    texts[k] = v === null || v === undefined ? null : String(v);
  }
  const n = keys.length;
  const counts = new Int32Array(size);
  for (let i = 0; i < n; ++i) ++counts[keys[i]];
  const order = opts.format ? 'auto' : dayMonthOrder(texts, counts, opts);
  const byKey = new Float64Array(size);
  const missingKey = new Uint8Array(size);
  for (let k = 0; k < size; ++k) {
    const s = texts[k];
    if (s === null || isBlank(s)) missingKey[k] = 1;
    byKey[k] = s === null || !counts[k] ? NaN : parseDateText(s, opts.zone, opts.format, order);
  }
  if (!opts.format) oneForm(texts, byKey, n, (row) => keys[row], opts);
  const ms = new Float64Array(n);
  const tally = new Tally(ms);
  for (let i = 0; i < n; ++i) {
    const k = keys[i];
    const v = byKey[k];
    ms[i] = v;
    if (v !== v) {
      if (missingKey[k] === 1) ++tally.missing;
      else tally.badAt(i);
    }
  }
  return tally.result(opts, (row) => texts[keys[row]]);
}

function parseValues(
  col: ArrayLike<unknown> & { at?: (i: number) => unknown },
  kind: ColumnKind,
  opts: ParseTimeOptions,
): ParsedTimes {
  const { zone, format } = opts;
  const n = col.length;
  const read = Array.isArray(col) || typeof col.at !== 'function' ? (i: number) => col[i] : (i: number) => col.at!(i);
  const values = Array.from({ length: n }, (_, i) => read(i));
  // Distinct strings (for order detection and parse-once) and the numbers (for the scale).
  const index = new Map<string, number>();
  const texts: string[] = [];
  const counts: number[] = [];
  const numbers: number[] = [];
  for (const v of values) {
    if (typeof v === 'string') {
      const k = index.get(v);
      if (k === undefined) {
        index.set(v, texts.length);
        texts.push(v);
        counts.push(1);
      } else ++counts[k];
    } else if (typeof v === 'number' || typeof v === 'bigint') numbers.push(Number(v));
  }
  const order = format ? 'auto' : dayMonthOrder(texts, counts, opts);
  const parsed = texts.map((s) => parseDateText(s, zone, format, order));
  if (!format) {
    oneForm(texts, parsed, n, (row) => (typeof values[row] === 'string' ? (index.get(values[row] as string) as number) : -1), opts);
  }
  const numberRows: number[] = [];
  values.forEach((v, row) => (typeof v === 'number' || typeof v === 'bigint') && numberRows.push(row));
  const scale = kind === 'timestamp' || kind === 'wallclock' ? 'ms' : numberScale(numbers, format, opts, (i) => numberRows[i]);
  const tally = new Tally(new Float64Array(n));
  for (let i = 0; i < n; ++i) {
    const v = values[i];
    if (v === null || v === undefined) tally.set(i, NaN, true);
    else if (typeof v === 'string') tally.set(i, parsed[index.get(v) as number], isBlank(v));
    else if (typeof v === 'number' || typeof v === 'bigint') {
      const x = Number(v);
      if (x !== x) tally.set(i, NaN, true);
      else if (kind === 'wallclock') tally.set(i, Math.abs(x) <= MAX_INSTANT ? zone.toUtc(x) : NaN, false);
      else tally.set(i, numberMs(x, scale, zone), false);
    } else if (v instanceof Date) tally.set(i, v.getTime(), false);
    else tally.set(i, NaN, false);
  }
  return tally.result(opts, (row) => values[row]);
}

/**
 * The instant of the --as-of option: any form parseTimeString reads; a date alone is
 * the start (local midnight) of that day in `zone`.
 * @throws KohortError `badAsOf` when the value is not a date or date-time
 */
export function parseAsOf(value: string, zone: Zone): number {
  const t = parseTimeString(value, zone);
  if (t !== t) fail('badAsOf', { value });
  return t;
}

/**
 * The {@link DateFormat} named by the --date-format option (case-insensitive).
 * @throws KohortError `unknownDateFormat` when it names none
 */
export function resolveDateFormat(value: string): DateFormat {
  const want = value.trim().toUpperCase();
  const found = DATE_FORMATS.find((f) => f === want);
  if (!found) fail('unknownDateFormat', { value, allowed: DATE_FORMATS });
  return found;
}

