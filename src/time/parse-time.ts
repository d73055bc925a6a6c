import { fail } from '../errors.js';
import type { DateFormat } from './date-format.js';
import { parseDateText } from './parse-date-text.js';
import type { Zone } from './zone.js';

/**
 * The instant (epoch ms) a text names, NaN when it is invalid. Without `format` it
 * reads ISO 8601 dates and date-times (T or space, optional seconds and fraction,
 * optional Z, UTC, ±HH:MM, ±HHMM or ±HH; with an offset it is that instant, without
 * one a wall-clock time in `zone`, a date alone local midnight), 8-digit YYYYMMDD
 * dates, integer or decimal epochs (seconds when |v| < 1e11, else milliseconds),
 * DD.MM.YYYY, and D/M/YYYY or M/D/YYYY (also with "-") when the order is evident
 * from the value (a field > 12, or both equal), YYYY-MM (the month's first day),
 * YYYY-M-D and YYYY/M/D (1-digit month or day), a time with AM or PM, and
 * English month names: "10-Mar-2024", "10 March 2024", "Mar 10, 2024". With `format` only that form is read
 * (day-month-year forms may be followed by " HH:MM" or " HH:MM:SS").
 */
export function parseTimeString(s: string, zone: Zone, format?: DateFormat): number {
  return parseDateText(s, zone, format, 'auto');
}

/**
 * The instant of the --as-of option: any form parseTimeString reads; a date alone is
 * the start (local midnight) of that day in `zone`.
 * @throws KohortError `badAsOf` when the value is not a date or date-time
 */
export function parseAsOf(value: string, zone: Zone): number {
  const t = parseTimeString(value, zone);
  if (t !== t) fail('badAsOf', { value });
  return t;
}
