import { fail } from '../errors.js';

/**
 * The explicit date formats of --date-format. Day-month-year forms may carry " HH:MM[:SS]".
 * EXCEL: spreadsheet serial days (45292 = 2024-01-01, a fraction the time of day) in the zone.
 */
export type DateFormat =
  | 'YYYYMMDD'
  | 'YYYY-MM-DD'
  | 'DD-MM-YYYY'
  | 'MM-DD-YYYY'
  | 'DD/MM/YYYY'
  | 'MM/DD/YYYY'
  | 'DD.MM.YYYY'
  | 'YYYY/MM/DD'
  | 'EPOCH-S'
  | 'EPOCH-MS'
  | 'EXCEL';

/** Every {@link DateFormat}, in the order they are listed to users. */
export const DATE_FORMATS: readonly DateFormat[] = [
  'YYYYMMDD',
  'YYYY-MM-DD',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'YYYY/MM/DD',
  'EPOCH-S',
  'EPOCH-MS',
  'EXCEL',
];

/**
 * The {@link DateFormat} named by the --date-format option (case-insensitive).
 * @throws KohortError `unknownDateFormat` when it names none
 */
export function resolveDateFormat(value: string): DateFormat {
  const want = value.trim().toUpperCase();
  const found = DATE_FORMATS.find((f) => f === want);
  if (!found) fail('unknownDateFormat', { value, allowed: DATE_FORMATS });
  return found;
}
