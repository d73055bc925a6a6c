// Calendar arithmetic in SQL every dialect has: whether y-m-d is a day, and its day number.
import type { Dialect } from './dialect.js';

/** Whether y, m, d (numbers, NULL = no) name a calendar day (time/date-fields.ts validDay). */
export function validDate(y: string, m: string, d: string): string {
  const mod = (a: string, n: number): string => `(${a} - floor(${a} / ${n}) * ${n})`;
  const leap = `((${mod(y, 4)} = 0 AND ${mod(y, 100)} <> 0) OR ${mod(y, 400)} = 0)`;
  const dim = `(CASE WHEN ${m} IN (4, 6, 9, 11) THEN 30 WHEN ${m} = 2 THEN (CASE WHEN ${leap} THEN 29 ELSE 28 END) ELSE 31 END)`;
  return `(${y} IS NOT NULL AND ${m} >= 1 AND ${m} <= 12 AND ${d} >= 1 AND ${d} <= ${dim})`;
}

/** Days since 1970-01-01 of a valid y, m, d: the dialect's short form, else the portable one (`yearsAD`: every year is 1 or later). */
export const civilDaysOf = (d: Dialect, y: string, m: string, day: string, yearsAD = false): string => d.civilDays?.(y, m, day, yearsAD) ?? civilDays(y, m, day);

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil), in floor arithmetic every dialect has. */
function civilDays(y: string, m: string, d: string): string {
  const yy = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = `floor(${yy} / 400)`;
  const yoe = `(${yy} - ${era} * 400)`;
  const doy = `(floor((153 * (${m} + CASE WHEN ${m} > 2 THEN -3 ELSE 9 END) + 2) / 5) + ${d} - 1)`;
  const doe = `(${yoe} * 365 + floor(${yoe} / 4) - floor(${yoe} / 100) + ${doy})`;
  return `(${era} * 146097 + ${doe} - 719468)`;
}
