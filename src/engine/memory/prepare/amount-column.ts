import { fail, messageText } from '../../../errors.js';
import type { Dataset } from '../../../load/dataset.js';
import { isDictionary } from '../../../load/dict/dict-column.js';
import { parseLocaleNumber, sniffDecimal, decimalEvidence, type DecimalMark } from '../../../load/locale-number.js';
import { isBlankText, isMissingText } from '../../../load/bytes/parse-number.js';
import type { Rejects } from '../../../report/rejects.js';
import { numericColumn, rowReader, type AnyColumn } from './column-keys.js';

/**
 * groupedWarning: the warning for a CSV number column whose every value may be a number
 * with "." grouping thousands ("1.000" read as 1), when no decimal mark was given: the
 * loader cannot tell, so the run says so instead of guessing silently.
 */
export function groupedWarning(d: Dataset, column: string, decimal: DecimalMark | undefined): string | undefined {
  const example = d.groupedNumbers?.[column];
  if (example === undefined || decimal !== undefined) return undefined;
  return messageText('groupedNumbers', { example, read: Number(example) }, { file: d.file, column });
}

/** Plain decimal syntax (what a CSV number column holds): read as is with a decimal point. */
const PLAIN = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** Where an amount column comes from, and where its rejects go. */
export interface AmountOptions {
  file: string;
  column: string;
  /** The decimal mark; sniffed from the values when they tell. */
  decimal?: DecimalMark;
  rejects: Rejects;
}

/**
 * readAmounts: an amount column as numbers (NaN = missing or rejected). Number columns
 * are taken as they are; text columns (`1,000.50`, `1.000,50`, `2,5`, `$12`) are read
 * with the decimal mark given or sniffed, each distinct text once. Missing values
 * (empty, "NA") are NaN; a present value that is no number is added to `rejects`.
 * @throws KohortError `mixedDecimal`/`ambiguousDecimal` when the mark cannot be told,
 *   `noAmountParsed` when no present value is a number
 */
export function readAmounts(col: AnyColumn, opts: AmountOptions): Float64Array {
  if (col instanceof Float64Array || ArrayBuffer.isView(col)) return numericColumn(col);
  let keys: Int32Array;
  let texts: (string | null)[];
  if (isDictionary(col)) {
    const g = (col as unknown as { groups(n: string[]): { keys: Int32Array; get: ((k: number) => unknown)[]; size: number } }).groups(['_']);
    keys = g.keys;
    texts = Array.from({ length: g.size }, (_, k) => text(g.get[0](k)));
  } else {
    // Plain values (a number, a string, null each): key them by their text.
    const read = rowReader(col);
    const index = new Map<string, number>();
    texts = [];
    keys = new Int32Array(col.length);
    for (let i = 0; i < keys.length; ++i) {
      const v = read(i);
      const s = typeof v === 'number' ? (v === v ? String(v) : null) : text(v);
      if (s === null) {
        keys[i] = -1;
        continue;
      }
      let k = index.get(s);
      if (k === undefined) index.set(s, (k = texts.push(s) - 1));
      keys[i] = k;
    }
  }
  const present = texts.map((s) => s !== null && !isBlankText(s) && !isMissingText(s));
  const used = new Uint8Array(texts.length);
  for (let i = 0; i < keys.length; ++i) if (keys[i] >= 0 && keys[i] < texts.length) used[keys[i]] = 1;
  const decimal = opts.decimal ?? sniff(texts.filter((s, k) => present[k] && used[k]) as string[], opts);
  const byKey = texts.map((s, k) => (present[k] ? amountOf(s!, decimal) : NaN));
  const out = new Float64Array(keys.length);
  let good = 0;
  let firstBad = -1;
  for (let i = 0; i < keys.length; ++i) {
    const k = keys[i];
    const v = k >= 0 && k < byKey.length ? byKey[k] : NaN;
    out[i] = v;
    if (v === v) ++good;
    else if (k >= 0 && k < byKey.length && present[k]) {
      if (firstBad < 0) firstBad = i;
      opts.rejects.add({ file: opts.file, row: i + 1, column: opts.column, value: texts[k]!, reason: 'is not a number' });
    }
  }
  if (good === 0 && firstBad >= 0) fail('noAmountParsed', { example: texts[keys[firstBad]]! }, { file: opts.file, column: opts.column, row: firstBad + 1 });
  return out;
}

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** The number a present text writes with `decimal` as its decimal mark (NaN if none): readAmounts' rule for one value. */
export function amountOf(s: string, decimal: DecimalMark): number {
  if (decimal === '.' && PLAIN.test(s)) return Number(s);
  return parseLocaleNumber(s, decimal);
}

/** The decimal mark of a text amount column: the one given, or the one its present values show (see readAmounts). */
export function textDecimal(texts: (string | null)[], opts: Omit<AmountOptions, 'rejects'>): DecimalMark {
  return opts.decimal ?? sniff(texts.filter((s): s is string => s !== null && !isBlankText(s) && !isMissingText(s)), opts);
}

/** Whether a text is a present value (not blank, not a missing token such as "NA"). */
export function isPresentText(s: string): boolean {
  return !isBlankText(s) && !isMissingText(s);
}

/** Plain decimal syntax that Number() reads as it is (with an exponent: not readable by stripping marks). */
export function isPlainNumberText(s: string): boolean {
  return PLAIN.test(s);
}

/** The decimal mark the values show; an error when they need both or cannot tell. */
function sniff(texts: string[], opts: Omit<AmountOptions, 'rejects'>): DecimalMark {
  const s = sniffDecimal(texts);
  if (typeof s === 'object') return fail('mixedDecimal', { dot: s.mixed[0], comma: s.mixed[1] }, { file: opts.file, column: opts.column });
  if (s !== 'either') return s;
  // No value decides: fine when none has a mark at all (whole numbers), else ask.
  const marked = texts.find((t) => decimalEvidence(t) === 'either' && /[.,]/.test(t));
  if (marked !== undefined) fail('ambiguousDecimal', { example: marked }, { file: opts.file, column: opts.column });
  return '.';
}
