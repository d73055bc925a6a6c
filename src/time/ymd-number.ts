import { validDay } from './date-fields.js';

/*
 * YYYYMMDD numbers (20240105): the days they name, and the rule that tells a column of
 * them with a few bad values (20230230, 0, 99999999 for "never") from epoch seconds. The
 * memory engine (load/times/number-times.ts, time/epoch-numbers.ts) and the SQL probe
 * (engine/sql/read-times-sql.ts) decide by this one rule.
 */

/** The YYYYMMDD numbers read as dates: 1900 to 2100, and the year 9999 ("never"; see time/never-churn.ts). */
export const YMD_LO = 19000101;
export const YMD_MAX = 21001231;
export const YMD_NEVER = 99990101;
export const YMD_HI = 99991231;

/** Day number of a YYYYMMDD number between 1900 and 2100 or in the year 9999, or NaN. */
export function ymdNumberDay(v: number): number {
  if (!Number.isInteger(v) || v < YMD_LO || (v > YMD_MAX && !(v >= YMD_NEVER && v <= YMD_HI))) return NaN;
  const y = Math.floor(v / 10000);
  const md = v - y * 10000;
  return validDay(y, Math.floor(md / 100), md % 100);
}

/**
 * Whether a column whose `valid` of `present` values are YYYYMMDD days (some not) is a
 * YYYYMMDD column with bad values, not epoch seconds: at least half of its values are days.
 * Epoch seconds name such a day only between 1970-08-09 and 1970-09-01 (19000101-21001231 s)
 * or on 1973-03-03 (9999MMDD s), and even there 4 in 100 at most (a month 01-12 and a day
 * 01-31 in the right digits), so no column of real times comes near half.
 */
export function mostlyYmd(valid: number, present: number, placeholders = 0): boolean {
  return valid > 0 && valid < present && valid * 2 >= present - placeholders;
}

/**
 * From here a number read as epoch seconds is in 2001 or later: beside a YYYYMMDD date of
 * 1900-2100 (as seconds, 1970) no column of real times holds both, so it mixes forms.
 */
export const EPOCH_2001 = 1e9;

/** Whether `v` is a YYYYMMDD date between 1900 and 2100 (not 9999MMDD, which as seconds is 1973-03-03, beside real times). */
export function ymdDate(v: number): boolean {
  return v >= YMD_LO && v <= YMD_MAX && !Number.isNaN(ymdNumberDay(v));
}

/**
 * 0 (00000000) and 99999999: what YYYYMMDD exports write for "never" beside their dates.
 * In a churn column of such dates they read as not churned, as 9999MMDD does; elsewhere
 * they are bad values, left out of mostlyYmd's count (`placeholders`) so that a column
 * mostly of them is still refused as YYYYMMDD with bad values, not read as 1970.
 */
export function ymdPlaceholder(v: number): boolean {
  return v === 0 || v === 99999999;
}
