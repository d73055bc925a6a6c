import { fail } from '../../errors.js';
import type { ColumnKind } from '../dataset.js';
import { isDictionary } from '../dict/dict-column.js';
import { parseNumberTimes } from './number-times.js';
import { parseDictionaryTimes, parseValueTimes } from './text-times.js';
import type { ParsedTimes, ParseTimeOptions } from './time-tally.js';

export type { ParsedTimes, ParseTimeOptions } from './time-tally.js';

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
  if (isDictionary(col)) return parseDictionaryTimes(col, opts);
  if (ArrayBuffer.isView(col) && !(col instanceof DataView)) {
    const src = col as unknown as ArrayLike<number | bigint>;
    const values = src instanceof Float64Array ? src : Float64Array.from(src as ArrayLike<number>, Number);
    return parseNumberTimes(values, kind, opts);
  }
  return parseValueTimes(col as ArrayLike<unknown> & { at?: (i: number) => unknown }, kind, opts);
}
