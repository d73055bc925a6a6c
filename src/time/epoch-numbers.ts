/**
 * The fast path of parseTimeColumn for a column of epoch numbers (a CSV's 1640995329 or
 * 1640995329000): one parallel scan for the bounds that decide seconds or milliseconds,
 * then milliseconds are the instants as they are (no copy) and seconds are multiplied
 * out in parallel chunks. The bounds come back with the instants, so no later pass looks
 * for the latest or earliest time. Anything the bounds cannot settle (values that may
 * be YYYYMMDD dates, seconds and milliseconds mixed, values out of range) is left to
 * the general path, which reads value by value and reports.
 */
import { runChunks } from '../parallel/run-chunks.js';
import { sharedArray } from '../parallel/shared-storage.js';
import { MAX_INSTANT } from './civil.js';
import { numbersNotTimes } from './excel-serial.js';
import { instantBounds, SCAN_CHUNK } from './scan-instants.js';
import { EPOCH_2001, mostlyYmd, YMD_HI, YMD_LO, YMD_MAX, ymdNumberDay, ymdPlaceholder } from './ymd-number.js';

/** A chunk job of epochSecondsToMs. */
export interface EpochSecondsJob {
  /** Epoch seconds. */
  values: Float64Array;
  /** Out: epoch ms (NaN stays NaN). */
  out: Float64Array;
}

/** Chunk k of job.values (SCAN_CHUNK rows) into epoch ms, as parseTimeColumn rounds them. */
export function epochSecondsToMs(job: EpochSecondsJob, k: number): void {
  const { values, out } = job;
  const hi = Math.min(values.length, (k + 1) * SCAN_CHUNK);
  for (let i = k * SCAN_CHUNK; i < hi; ++i) out[i] = Math.round(values[i] * 1000);
}

/** Instants of an epoch column with their bounds (no value unreadable). */
export interface EpochInstants {
  ms: Float64Array;
  missing: number;
  min: number;
  max: number;
}

/** From here, epoch numbers are milliseconds (see load/times/number-times.ts). */
const MS_FROM = 1e11;

/** How many of `values` are YYYYMMDD days and how many 0 or 99999999 (ymd-number.ts); only columns that reach their range pay this pass. */
function ymdDays(values: Float64Array): { days: number; dates: number; placeholders: number } {
  let days = 0;
  let dates = 0;
  let placeholders = 0;
  for (let i = 0; i < values.length; ++i) {
    const v = values[i];
    if (v >= YMD_LO && v <= YMD_HI && !Number.isNaN(ymdNumberDay(v))) {
      ++days;
      if (v <= YMD_MAX) ++dates;
    } else if (ymdPlaceholder(v)) ++placeholders;
  }
  return { days, dates, placeholders };
}

/**
 * Whether `values` (up to `max`) are YYYYMMDD days with bad values or "never" placeholders,
 * or YYYYMMDD dates beside seconds of 2001 on (mixed forms): the general path decides.
 */
function ymdLike(values: Float64Array, present: number, max: number): boolean {
  const { days, dates, placeholders } = ymdDays(values);
  return mostlyYmd(days, present, placeholders) || (dates > 0 && max >= EPOCH_2001);
}

/**
 * `values` (epoch seconds or ms, NaN missing; `format` "EPOCH-S" or "EPOCH-MS" forces
 * the unit) as instants, or undefined when the general path must decide.
 */
export function epochNumbers(values: Float64Array, format: string | undefined): EpochInstants | undefined {
  const n = values.length;
  const chunks = Math.ceil(n / SCAN_CHUNK);
  if (chunks === 0) return undefined;
  const { min, max, missing, shared } = instantBounds(values);
  if (missing === n) return undefined;
  let seconds: boolean;
  if (format === 'EPOCH-S' || format === 'EPOCH-MS') seconds = format === 'EPOCH-S';
  // YYYYMMDD dates, Excel serial days or small whole numbers (numbersNotTimes): the general path decides.
  else if (format !== undefined || (min >= YMD_LO && max <= YMD_HI) || numbersNotTimes(min, max, true) !== undefined) return undefined;
  // YYYYMMDD dates with a few bad values (0, 20230230), or beside epoch seconds: the general path refuses them.
  else if (min <= YMD_HI && max >= YMD_LO && ymdLike(values, n - missing, max)) return undefined;
  else if (max < MS_FROM && min > -MS_FROM) seconds = true;
  else if (min >= MS_FROM || max <= -MS_FROM) seconds = false;
  else return undefined;
  if (!seconds) return min >= -MAX_INSTANT && max <= MAX_INSTANT ? { ms: values, missing, min, max } : undefined;
  const lo = Math.round(min * 1000);
  const hi = Math.round(max * 1000);
  if (!(lo >= -MAX_INSTANT && hi <= MAX_INSTANT)) return undefined;
  const out = shared ? sharedArray(Float64Array, n) : new Float64Array(n);
  runChunks('epochSeconds', epochSecondsToMs, { values, out }, chunks, shared);
  return { ms: out, missing, min: lo, max: hi };
}
