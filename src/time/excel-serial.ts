/**
 * Excel serial dates: the day count spreadsheets store (45292 = 2024-01-01; a fraction
 * is the time of day), which "General"-formatted cells export to CSV as plain numbers.
 */
import { DAY_MS, formatDay } from './civil.js';
import type { Zone } from './zone.js';

/** Serial of 1970-01-01 (Excel's day 0 is 1899-12-30, counting its phantom 1900-02-29). */
export const SERIAL_1970 = 25569;
/** 9999-12-31, Excel's last date. */
export const SERIAL_MAX = 2958465;

/** Wall-clock ms (UTC-based) of serial `v`, or NaN off Excel's range (1 = 1900-01-01). */
function serialWallMs(v: number): number {
  if (!(v >= 1 && v < SERIAL_MAX + 1)) return NaN;
  // Before 1900-03-01 Excel counts a 1900-02-29 that never was: one day less to remove.
  const days = v < 61 ? v - SERIAL_1970 + 1 : v - SERIAL_1970;
  return Math.round(days * DAY_MS);
}

/** The instant of Excel serial `v` read as wall-clock time in `zone` (NaN off range). */
export function excelSerialMs(v: number, zone: Zone): number {
  const wall = serialWallMs(v);
  return wall === wall ? zone.toUtc(wall) : NaN;
}

/** The day `v` names as an Excel serial ("2024-01-01"), for messages. */
export function excelSerialDay(v: number): string {
  const wall = serialWallMs(v);
  return wall === wall ? formatDay(Math.floor(wall / DAY_MS)) : '?';
}

/**
 * True when numbers from `min` to `max`, read as epoch seconds, would all fall within
 * the first 28 hours of 1970 (1 to 99,999): almost surely Excel serial dates (1900 to
 * 2173), never a real event log, so neither reading is taken without --date-format.
 */
export function looksLikeExcelSerials(min: number, max: number): boolean {
  return min >= 1 && max < 100_000;
}

/** Excel serial 3653 = 1910-01-01: whole numbers from here to 99,999 may be Excel dates. */
const EXCEL_PLAUSIBLE = 3653;
/** Epoch second 1,000,000 = 1970-01-12: no event log's times all fall before it. */
const SMALL_NUMBERS = 1e6;

/**
 * numbersNotTimes: what a column of plain numbers from `min` to `max` (whole numbers
 * only when `integers`; the largest |v| as `max` decides the same) is when no date format was given:
 * "counts" for whole numbers between -999,999 and 999,999 that cannot be Excel dates of
 * 1910-2173 (tenure 0-72, ages, quantities, a balance -3 to 72: as epoch seconds all
 * within 12 days of 1970-01-01), "excel" for numbers that read as the first hours of 1970
 * (Excel serial dates, most likely: looksLikeExcelSerials), else undefined (times as they
 * read). The memory and SQL engines decide by this one rule.
 */
export function numbersNotTimes(min: number, max: number, integers: boolean): 'counts' | 'excel' | undefined {
  if (integers && min > -SMALL_NUMBERS && max < SMALL_NUMBERS && !(min >= EXCEL_PLAUSIBLE && max < 100_000)) return 'counts';
  return looksLikeExcelSerials(min, max) ? 'excel' : undefined;
}
