import { fail } from '../errors.js';
import type { DecimalMark } from '../load/locale-number.js';
import { parseMaxRejects } from '../report/rejects.js';

/**
 * How a run reads the values of its files: string times, text amounts, values that are
 * present but unreadable (rejects), activity ids without a customer row. Missing values
 * (empty, "NA") are never rejects: they are left out and counted.
 */
export interface RejectSpec {
  /** Explicit date format for string times; sniffed when omitted. */
  dateFormat?: string;
  /** Fail when activity ids have no customer row (default: count and report them). */
  strict?: boolean;
  /** The decimal mark of text amounts, "." or ","; sniffed when the values tell. */
  decimal?: string;
  /**
   * How many of a file's rows may hold an unreadable id, time or amount before the run
   * fails: a share ("1%", the default; "5%") or a count ("0", "1000"). Below it they
   * are skipped and reported.
   */
  maxRejects?: string | number;
  /** Write every rejected value to this CSV file: file, row, column, value, reason. */
  rejects?: string;
}

/**
 * readingOptions: how a spec reads its values (date format, strictness, decimal mark,
 * reject limit), for the specs of an analysis's parts: every part reads the same files
 * the same way. The rejects file is left out: the part that writes it is the caller's choice.
 */
export function readingOptions(spec: RejectSpec): Omit<RejectSpec, 'rejects'> {
  return { dateFormat: spec.dateFormat, strict: spec.strict, decimal: spec.decimal, maxRejects: spec.maxRejects };
}

/** RejectSpec checked: the fields RunSpec takes. */
export interface NormalizedRejects {
  decimal?: DecimalMark;
  maxRejects: string;
  rejectsFile?: string;
}

/**
 * normalizeRejects: check --decimal and --max-rejects.
 * @throws KohortError `badDecimal`, `badMaxRejects`
 */
export function normalizeRejects(spec: RejectSpec): NormalizedRejects {
  const d = spec.decimal;
  if (d !== undefined && d !== '.' && d !== ',') fail('badDecimal', { value: String(d) });
  return { decimal: d as DecimalMark | undefined, maxRejects: parseMaxRejects(spec.maxRejects).text, rejectsFile: spec.rejects };
}
