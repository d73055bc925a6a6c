import { fail } from '../../errors.js';
import type { DateFormat } from '../../time/date-format.js';
import type { Zone } from '../../time/zone.js';

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

/** Which time a column gives a run: the activity time, the signup, or the churn time. */
export type TimeRole = 'activity' | 'signup' | 'churn';

/** A role whose year-9999 value ("never" in exports) is no real time: refused without --as-of, on every engine. */
export type NeverTimeRole = Exclude<TimeRole, 'churn'>;

/** Options of {@link parseTimeColumn}; file and column only locate error messages. */
export interface ParseTimeOptions {
  zone: Zone;
  format?: DateFormat;
  file?: string;
  column?: string;
  /** The column's role: in a churn column, YYYYMMDD's 0 and 99999999 read as "never" (ymd-number.ts ymdPlaceholder). */
  role?: TimeRole;
}

const BAD_ROWS = 5;

/** Fail: the column mixes two forms of time, shown by an example row of each (0-based rows). */
export function mixedForms(opts: ParseTimeOptions, a: [number, unknown, string], b: [number, unknown, string]): never {
  return fail(
    'mixedTimeForms',
    { a: String(a[1]), aRow: a[0] + 1, aForm: a[2], b: String(b[1]), bRow: b[0] + 1, bForm: b[2] },
    { file: opts.file, column: opts.column },
  );
}

/** Collects the counts and bad rows of a result; callers write `ms` themselves. */
export class Tally {
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
