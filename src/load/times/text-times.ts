import { dateForm } from '../../time/date-form.js';
import { dayMonthOrder } from '../../time/day-month-order.js';
import { MAX_INSTANT } from '../../time/civil.js';
import { parseDateText } from '../../time/parse-date-text.js';
import { isMissingText, MISSING_NUMBER_TEXTS } from '../bytes/parse-number.js';
import type { ColumnKind } from '../dataset.js';
import { notTimes, numberMs, numberScale } from './number-times.js';
import { mixedForms, Tally, type ParsedTimes, type ParseTimeOptions } from './time-tally.js';

/**
 * Fail when the readable texts of a column are written in more than one form (epoch
 * seconds and milliseconds, ISO and D/M/YYYY, ...): which reading is right cannot be
 * told. `keyOf(row)` gives a row's text index; rows are scanned only when forms mix.
 */
function oneForm(texts: readonly (string | null)[], parsed: ArrayLike<number>, rows: number, keyOf: (row: number) => number, opts: ParseTimeOptions): void {
  const forms: (string | null)[] = texts.map((t, k) => (t !== null && parsed[k] === parsed[k] ? dateForm(t) : null));
  // A month name says which field is the month: such dates mix with any other form.
  for (let k = 0; k < forms.length; ++k) if (forms[k] === 'D Mon YYYY' || forms[k] === 'Mon D, YYYY') forms[k] = null;
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

/**
 * Fail when the readable texts are all plain numbers that are no times as they read
 * (numbersNotTimes): small whole numbers, or Excel serial dates.
 */
function notExcelLike(texts: readonly (string | null)[], parsed: ArrayLike<number>, opts: ParseTimeOptions): void {
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  let first: string | undefined;
  for (let k = 0; k < texts.length; ++k) {
    const t = texts[k];
    if (t === null || parsed[k] !== parsed[k]) continue;
    if (dateForm(t) !== 'epoch seconds') return;
    const v = Number(t.trim());
    if (first === undefined) first = t.trim();
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isInteger(v)) integers = false;
  }
  if (first !== undefined) notTimes(min, max, integers, Number(first), opts);
}

// Missing, not unreadable: blank, or a missing-value token as numbers read them ("NULL",
// "NA", "-"...) and as database and dataframe exports write an absent time ("\\N" from
// MySQL, "NaT" from pandas, "None" from Python): a churn column of NULLs is "not churned".
const MISSING_TIME = new Set(['\\N', 'NaT', 'None']);
/** Every text (trimmed) a time column reads as missing besides a blank: the SQL engines read them so too. */
export const MISSING_TIME_TEXTS: readonly string[] = [...MISSING_NUMBER_TEXTS, ...MISSING_TIME];
/** Whether a time column's text is missing (blank, `NULL`, `\\N`, `NaT`, ...) rather than unreadable. */
export function isMissingTimeText(s: string): boolean {
  const t = s.trim();
  return t === '' || isMissingText(t) || MISSING_TIME.has(t);
}

/** parseTimeColumn of a dictionary column of strings: each distinct string parsed once. */
export function parseDictionaryTimes(
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
    if (s === null || isMissingTimeText(s)) missingKey[k] = 1;
    byKey[k] = s === null || !counts[k] ? NaN : parseDateText(s, opts.zone, opts.format, order);
  }
  if (!opts.format) {
    oneForm(texts, byKey, n, (row) => keys[row], opts);
    notExcelLike(texts, byKey, opts);
  }
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

/** parseTimeColumn of a plain array of strings, numbers, Dates and nulls. */
export function parseValueTimes(
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
    notExcelLike(texts, parsed, opts);
  }
  const numberRows: number[] = [];
  values.forEach((v, row) => (typeof v === 'number' || typeof v === 'bigint') && numberRows.push(row));
  const scale = kind === 'timestamp' || kind === 'wallclock' ? 'ms' : numberScale(numbers, format, opts, (i) => numberRows[i]);
  const tally = new Tally(new Float64Array(n));
  for (let i = 0; i < n; ++i) {
    const v = values[i];
    if (v === null || v === undefined) tally.set(i, NaN, true);
    else if (typeof v === 'string') tally.set(i, parsed[index.get(v) as number], isMissingTimeText(v));
    else if (typeof v === 'number' || typeof v === 'bigint') {
      const x = Number(v);
      if (x !== x) tally.set(i, NaN, true);
      else if (kind === 'wallclock') tally.set(i, Math.abs(x) <= MAX_INSTANT ? zone.toUtc(x) : NaN, false);
      else tally.set(i, numberMs(x, scale, zone, opts.role === 'churn'), false);
    } else if (v instanceof Date) tally.set(i, v.getTime(), false);
    else tally.set(i, NaN, false);
  }
  return tally.result(opts, (row) => values[row]);
}
