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

const roundNumbers = (v: unknown): unknown => (typeof v === 'number' ? textNumber(v) : typeof v === 'string' ? formulaSafe(v) : v);

/**
 * toCSV: an Arquero table as RFC 4180 CSV with a header; null is an empty field and
 * numbers have at most 12 significant digits (textNumber); texts are formula-safe
 * (formulaSafe). `delimiter` "\t" gives TSV.
 */
export function toCSV(table: ColumnTable, opts: { delimiter?: string } = {}): string {
  const format: Record<string, (v: unknown) => unknown> = {};
  for (const name of table.columnNames()) format[name] = roundNumbers;
  return aq.toCSV(table, { format, delimiter: opts.delimiter });
}
