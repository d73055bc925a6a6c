import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { formulaSafe } from '../../report/formula-safe.js';

/** Significant digits of numbers in text outputs (CSV, TSV, the terminal). */
export const TEXT_DIGITS = 12;

/**
 * textNumber: a number as text with at most 12 significant digits, so summation noise
 * (0.9999999999999675) reads as the value it stands for (1) while every digit a
 * retention rate or an amount carries survives. Whole numbers are written whole.
 * Arrow, Parquet and JSON keep the full double.
 */
export function textNumber(x: number): string {
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(TEXT_DIGITS)));
}

/** How texts are written in CSV and TSV. */
export interface CSVTextOptions {
  /** The field separator: "," (default), "\t" for TSV. */
  delimiter?: string;
  /** A leading ' before texts a spreadsheet would run as formulas (formulaSafe); default true. */
  formulaGuard?: boolean;
}

const roundNumbers = (v: unknown): unknown => (typeof v === 'number' ? textNumber(v) : typeof v === 'string' ? formulaSafe(v) : v);
const roundOnly = (v: unknown): unknown => (typeof v === 'number' ? textNumber(v) : v);

/**
 * toCSV: an Arquero table as RFC 4180 CSV with a header; null is an empty field and
 * numbers have at most 12 significant digits (textNumber); texts are formula-safe
 * (formulaSafe) unless `formulaGuard` is false. `delimiter` "\t" gives TSV.
 */
export function toCSV(table: ColumnTable, opts: CSVTextOptions = {}): string {
  const guard = opts.formulaGuard ?? true;
  const format: Record<string, (v: unknown) => unknown> = {};
  for (const name of table.columnNames()) format[name] = guard ? roundNumbers : roundOnly;
  return aq.toCSV(table, { format, delimiter: opts.delimiter });
}
