import { DAY_MS, MAX_INSTANT } from '../../time/civil.js';
import type { DateFormat } from '../../time/date-format.js';
import { instantBounds } from '../../time/scan-instants.js';
import { epochNumbers } from '../../time/epoch-numbers.js';
import { EPOCH_2001, mostlyYmd, YMD_HI, ymdDate, ymdNumberDay, ymdPlaceholder } from '../../time/ymd-number.js';
import { excelSerialDay, excelSerialMs, numbersNotTimes } from '../../time/excel-serial.js';
import { fail } from '../../errors.js';
import type { Zone } from '../../time/zone.js';
import type { ColumnKind } from '../dataset.js';
import { mixedForms, Tally, type ParsedTimes, type ParseTimeOptions } from './time-tally.js';

/** How a column of numbers is read: as YYYYMMDD dates, epoch seconds, epoch ms or Excel serial days. */
export type NumberScale = 'yyyymmdd' | 's' | 'ms' | 'excel';

export function numberScale(values: ArrayLike<number>, format: DateFormat | undefined, opts?: ParseTimeOptions, rowOf: (i: number) => number = (i) => i): NumberScale {
  if (format === 'YYYYMMDD') return 'yyyymmdd';
  if (format === 'EPOCH-S') return 's';
  if (format === 'EPOCH-MS') return 'ms';
  if (format === 'EXCEL') return 'excel';
  // Values that are YYYYMMDD days, and the first that is none (and the lowest that is one).
  let ymd = 0;
  let placeholders = 0;
  let present = 0;
  let notYmd = -1;
  let aYmd = -1;
  let integers = true;
  let any = false;
  let max = 0;
  let min = Infinity;
  // max is the largest |v| (seconds or ms); top the largest value, for the rule and its message.
  let top = -Infinity;
  let first = -1;
  // The first value read as seconds and the first as milliseconds: a column of both is an error.
  let small = -1;
  let big = -1;
  // The first YYYYMMDD date of 1900-2100 and the first number of 2001 or later as seconds: both, mixed forms.
  let aDate = -1;
  let late = -1;
  for (let i = 0; i < values.length; ++i) {
    const v = values[i];
    if (v !== v) continue;
    any = true;
    ++present;
    if (first < 0) first = i;
    if (v < min) min = v;
    if (v > top) top = v;
    const day = ymdNumberDay(v);
    if (day === day) {
      ++ymd;
      // The lowest, as the SQL engines quote it (an aggregate has no row order).
      if (aYmd < 0 || v < values[aYmd]) aYmd = i;
      if (aDate < 0 && ymdDate(v)) aDate = i;
    } else {
      if (ymdPlaceholder(v)) ++placeholders;
      if (notYmd < 0) notYmd = i;
    }
    if (integers && !Number.isInteger(v)) integers = false;
    const a = Math.abs(v);
    if (a > max) max = a;
    if (late < 0 && v >= EPOCH_2001) late = i;
    if (a < 1e11) {
      if (small < 0) small = i;
    } else if (big < 0) big = i;
  }
  if (any && ymd === present) return 'yyyymmdd';
  // Churn dates with 0 or 99999999 for "never": YYYYMMDD, those values not churned (numberMs).
  if (opts?.role === 'churn' && ymd > 0 && ymd + placeholders === present) return 'yyyymmdd';
  // A YYYYMMDD column with a few bad values (20230230, 0, 99999999 for "never") would
  // otherwise read as epoch seconds of 1970, silently.
  // From here the format, if any, is a text form (DD/MM/YYYY): numbers get the rules they get without one.
  if (aDate >= 0 && late >= 0 && opts) {
    const [x, y] = aDate < late ? [aDate, late] : [late, aDate];
    const form = (i: number): string => (i === aDate ? 'YYYYMMDD dates' : formOfNumber(values[i]));
    mixedForms(opts, [rowOf(x), values[x], form(x)], [rowOf(y), values[y], form(y)]);
  }
  if (mostlyYmd(ymd, present, placeholders)) {
    fail(
      'ymdExceptRows',
      { row: rowOf(notYmd) + 1, value: String(values[notYmd]), bad: present - ymd, present, example: String(values[aYmd]), role: opts?.role },
      { file: opts?.file, column: opts?.column },
    );
  }
  if (any) notTimes(min, top, integers, values[first], opts);
  if (small >= 0 && big >= 0 && opts) {
    const [x, y] = small < big ? [small, big] : [big, small];
    mixedForms(opts, [rowOf(x), values[x], formOfNumber(values[x])], [rowOf(y), values[y], formOfNumber(values[y])]);
  }
  return max < 1e11 ? 's' : 'ms';
}

/**
 * Fail when plain numbers from `min` to `max` are no times as they read (numbersNotTimes):
 * small whole numbers (counts, lifetimes), or the first hours of 1970 (Excel serial dates).
 */
export function notTimes(min: number, max: number, integers: boolean, example: number, opts: ParseTimeOptions | undefined): void {
  const what = numbersNotTimes(min, max, integers);
  if (what === 'counts') fail('smallNumbersNotTimes', { column: opts?.column, min, max }, { file: opts?.file, column: opts?.column });
  if (what === 'excel') excelOrEpoch(example, opts);
}

/** Fail: numbers that read as the first hours of 1970 (Excel serial dates, most likely). */
export function excelOrEpoch(example: number, opts: ParseTimeOptions | undefined): never {
  return fail('excelOrEpoch', { example: String(example), excelDay: excelSerialDay(example) }, { file: opts?.file, column: opts?.column });
}

function formOfNumber(v: number): string {
  return Math.abs(v) < 1e11 ? 'epoch seconds' : 'epoch milliseconds';
}

/** The instant of a number read at `scale` (NaN out of range); in a `churn` column YYYYMMDD's 0 and 99999999 are "never" (9999-12-31). */
export function numberMs(v: number, scale: NumberScale, zone: Zone, churn = false): number {
  if (scale === 'yyyymmdd') {
    const day = ymdNumberDay(churn && ymdPlaceholder(v) ? YMD_HI : v);
    return day === day ? zone.toUtc(day * DAY_MS) : NaN;
  }
  if (scale === 'excel') return excelSerialMs(v, zone);
  const ms = scale === 's' ? Math.round(v * 1000) : v;
  return Math.abs(ms) <= MAX_INSTANT ? ms : NaN;
}

/** parseTimeColumn of a typed array of numbers (see there). */
export function parseNumberTimes(values: Float64Array, kind: ColumnKind, opts: ParseTimeOptions): ParsedTimes {
  const { zone } = opts;
  const n = values.length;
  // Instants already (or wall-clock ms in UTC, the same numbers): hand the column over
  // without a copy when every present value is in range; NaN is a missing value.
  if (kind === 'timestamp' || (kind === 'wallclock' && zone.isUtc)) {
    const { min, max, missing } = instantBounds(values);
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
  if (kind !== 'wallclock' && (scale === 's' || scale === 'ms')) {
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
      else tally.set(i, numberMs(v, scale, zone, opts.role === 'churn'), false);
    }
  }
  return tally.result(opts, (row) => values[row]);
}
