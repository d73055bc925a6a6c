import { ID_SPACE_CODES } from '../id-sql.js';
import { quoteWith, wallText, type Dialect, type TimeColumn } from '../dialect.js';

/** BigQuery strings escape quotes and backslashes with a backslash. */
const string = (v: string): string => `'${v.split('\\').join('\\\\').split("'").join("\\'")}'`;

/** Wall-clock DATETIME of a time column (TIMESTAMP = instant, DATETIME = naive). */
function wall(t: TimeColumn, tz: string): string {
  if (t.type === 'local') return `DATETIME(${t.expr})`;
  if (t.type === 'utc') return `DATETIME(TIMESTAMP(${t.expr}), ${string(tz)})`;
  return `DATETIME(${t.expr}, ${string(tz)})`;
}
const ofDay = (d: string): string => `DATE_FROM_UNIX_DATE(${d})`;

/** BigQuery (GoogleSQL): CTEs, DATETIME(ts, zone), UNIX_DATE. */
export const bigquery: Dialect = {
  name: 'bigquery',
  ident: quoteWith('`'),
  string,
  ctes: true,
  windows: true,
  innerJoin: 'JOIN',
  leftJoin: 'LEFT JOIN',
  localDay: (t, tz) => `UNIX_DATE(DATE(${wall(t, tz)}))`,
  localMonthIndex: (t, tz) => `(EXTRACT(YEAR FROM ${wall(t, tz)}) * 12 + EXTRACT(MONTH FROM ${wall(t, tz)}) - 1)`,
  monthIndexOfDay: (d) => `(EXTRACT(YEAR FROM ${ofDay(d)}) * 12 + EXTRACT(MONTH FROM ${ofDay(d)}) - 1)`,
  dayOfMonth: (d) => `EXTRACT(DAY FROM ${ofDay(d)})`,
  daysInMonthOfDay: (d) => `EXTRACT(DAY FROM LAST_DAY(${ofDay(d)}))`,
  wallMs: (t, tz) => `UNIX_MILLIS(TIMESTAMP(${wall(t, tz)}))`,
  timeLiteral: (ms, wallMs, t) =>
    t.type === 'instant' ? `TIMESTAMP ${string(`${wallText(ms)}+00`)}` : `DATETIME ${string(wallText(t.type === 'utc' ? ms : wallMs))}`,
  epochMs: (t, tz) =>
    t.type === 'instant' ? `UNIX_MILLIS(${t.expr})` : t.type === 'utc' ? `UNIX_MILLIS(TIMESTAMP(${t.expr}))` : `UNIX_MILLIS(TIMESTAMP(${t.expr}, ${string(tz)}))`,
  instantOfMs: (ms) => `TIMESTAMP_MILLIS(CAST(${ms} AS INT64))`,
  floorDiv: (a, b) => `CAST(FLOOR((${a}) / ${b}) AS INT64)`,
  text: (e) => `CAST(${e} AS STRING)`,
  bigint: (e) => `CAST(${e} AS INT64)`,
  double: (e) => `CAST(${e} AS FLOAT64)`,
  least: (a, b) => `LEAST(${a}, ${b})`,
  trimId: (e) => `TRIM(${e}, CODE_POINTS_TO_STRING([${ID_SPACE_CODES.join(', ')}]))`,
  regexpReplace: (e, p, r) => `REGEXP_REPLACE(${e}, ${string(p)}, ${string(r)})`,
  startsWith: (e, p) => `STARTS_WITH(CAST(${e} AS STRING), ${string(p)})`,
};
