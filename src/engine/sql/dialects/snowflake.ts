import { quoteWith, stringWith, wallText, type Dialect, type TimeColumn } from '../dialect.js';

const string = stringWith(true);


/** Wall-clock TIMESTAMP_NTZ of a time column (TIMESTAMP_TZ/LTZ = instant, NTZ = naive). */
function wall(t: TimeColumn, tz: string): string {
  if (t.type === 'local') return `CAST(${t.expr} AS TIMESTAMP_NTZ)`;
  if (t.type === 'utc') return `CONVERT_TIMEZONE('UTC', ${string(tz)}, CAST(${t.expr} AS TIMESTAMP_NTZ))`;
  return `CAST(CONVERT_TIMEZONE(${string(tz)}, ${t.expr}) AS TIMESTAMP_NTZ)`;
}
const EPOCH = "CAST('1970-01-01' AS DATE)";
const ofDay = (d: string): string => `DATEADD('day', ${d}, ${EPOCH})`;

/** Snowflake: CTEs, CONVERT_TIMEZONE, DATEDIFF in days. */
export const snowflake: Dialect = {
  name: 'snowflake',
  ident: quoteWith('"'),
  string,
  ctes: true,
  windows: true,
  innerJoin: 'JOIN',
  leftJoin: 'LEFT JOIN',
  localDay: (t, tz) => `DATEDIFF('day', ${EPOCH}, CAST(${wall(t, tz)} AS DATE))`,
  localMonthIndex: (t, tz) => `(YEAR(${wall(t, tz)}) * 12 + MONTH(${wall(t, tz)}) - 1)`,
  monthIndexOfDay: (d) => `(YEAR(${ofDay(d)}) * 12 + MONTH(${ofDay(d)}) - 1)`,
  dayOfMonth: (d) => `DAY(${ofDay(d)})`,
  daysInMonthOfDay: (d) => `DAY(LAST_DAY(${ofDay(d)}))`,
  wallMs: (t, tz) => `DATE_PART('epoch_millisecond', ${wall(t, tz)})`,
  timeLiteral: (ms, wallMs, t) =>
    t.type === 'instant'
      ? `CAST(${string(`${wallText(ms)} +00:00`)} AS TIMESTAMP_TZ)`
      : `CAST(${string(wallText(t.type === 'utc' ? ms : wallMs))} AS TIMESTAMP_NTZ)`,
  epochMs: (t, tz) =>
    t.type === 'local'
      ? `DATE_PART('epoch_millisecond', CONVERT_TIMEZONE(${string(tz)}, 'UTC', CAST(${t.expr} AS TIMESTAMP_NTZ)))`
      : `DATE_PART('epoch_millisecond', ${t.expr})`,
  instantOfMs: (ms) => `TO_TIMESTAMP_TZ(CAST(${ms} AS BIGINT), 3)`,
  floorDiv: (a, b) => `CAST(FLOOR((${a}) / ${b}) AS BIGINT)`,
  text: (e) => `CAST(${e} AS VARCHAR)`,
  bigint: (e) => `CAST(${e} AS BIGINT)`,
  double: (e) => `CAST(${e} AS DOUBLE)`,
  least: (a, b) => `LEAST(${a}, ${b})`,
  median: (x) => `MEDIAN(${x})`,
  trimId: (e) => `TRIM(${e}, ${string(' ')} || CHR(9))`,
  regexpReplace: (e, p, r) => `REGEXP_REPLACE(${e}, ${string(p)}, ${string(r)})`,
  startsWith: (e, p) => `STARTSWITH(CAST(${e} AS VARCHAR), ${string(p)})`,
};
