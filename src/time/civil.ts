/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).
 * Integer math only, after Howard Hinnant's `days_from_civil` / `civil_from_days`
 * (http://howardhinnant.github.io/date_algorithms.html).
 */

/** Milliseconds in a (wall-clock) day. */
export const DAY_MS = 86_400_000;

/** The largest instant (ms from the epoch, either sign) a JS Date and Intl accept: later ones are no valid time. */
export const MAX_INSTANT = 8.64e15;

/** Days in a 400-year Gregorian cycle. */
const DAYS_PER_ERA = 146_097;
/** Day number of 0000-03-01, the start of era 0, relative to 1970-01-01. */
const EPOCH_SHIFT = 719_468;

/**
 * Day number (days since 1970-01-01) of the civil date y-m-d.
 * @param y year (proleptic Gregorian, may be <= 0)
 * @param m month, 1-12
 * @param d day of month, 1-31 (not validated; d past the month end rolls over)
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  // Years start on March 1 so the leap day is the last day of the year.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

/** Years with a table of month starts (civilDay): the dates real data carries. */
const TABLE_FROM = 1900;
const TABLE_YEARS = 300;
let monthStart: Int32Array | undefined;
let monthLength: Uint8Array | undefined;

/**
 * Day number of the civil date y-m-d, or NaN when d is past the month's end (m 1-12
 * and d >= 1 are the caller's). Years 1900-2199 read two tables (no arithmetic:
 * dates out of order, as in a file sorted by customer, do not repeat row after row),
 * others compute; both equal daysFromCivil.
 */
export function civilDay(y: number, m: number, d: number): number {
  const i = (y - TABLE_FROM) * 12 + m - 1;
  if (i >= 0 && i < TABLE_YEARS * 12) {
    if (monthStart === undefined) fillMonthTables();
    return d > monthLength![i] ? NaN : monthStart![i] + d - 1;
  }
  return d > 28 && d > daysInMonth(y, m) ? NaN : daysFromCivil(y, m, d);
}

function fillMonthTables(): void {
  const start = new Int32Array(TABLE_YEARS * 12);
  const length = new Uint8Array(TABLE_YEARS * 12);
  for (let i = 0; i < start.length; ++i) {
    const y = TABLE_FROM + Math.floor(i / 12);
    const m = (i % 12) + 1;
    start[i] = daysFromCivil(y, m, 1);
    length[i] = daysInMonth(y, m);
  }
  monthStart = start;
  monthLength = length;
}

/**
 * The civil date [year, month 1-12, day 1-31] of a day number.
 * Allocates a tuple: hot loops should use {@link monthIndexOfDay} or
 * {@link yearOfDay} instead.
 */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/**
 * Month index `year * 12 + (month - 1)` of a day number, without allocating.
 * Consecutive months have consecutive indices.
 */
export function monthIndexOfDay(days: number): number {
  const z = days + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA;
  // doe, yoe, doy and mp are non-negative, so `| 0` truncation equals floor here.
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  // mp counts months from March: March-December stay in the year, January-February
  // belong to the next one; in both cases the index is (yoe + era*400) * 12 + mp + 2.
  return (yoe + era * 400) * 12 + mp + 2;
}

/** Calendar year of a day number, without allocating. */
export function yearOfDay(days: number): number {
  return Math.floor(monthIndexOfDay(days) / 12);
}

/** True when y is a Gregorian leap year. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days in month m (1-12) of year y. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

/** Day number of the first day of month index `year * 12 + (month - 1)`. */
export function dayOfMonthIndex(index: number): number {
  const y = Math.floor(index / 12);
  return daysFromCivil(y, index - y * 12 + 1, 1);
}

/** Zero-padded decimal: at least `width` digits, with a leading "-" for negatives. */
export function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** ISO text YYYY-MM-DD of a day number. */
export function formatDay(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}
