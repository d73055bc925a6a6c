import { ID_EDGES } from '../id-sql.js';
import { quoteWith, stringWith, wallText, type Dialect, type TimeColumn } from '../dialect.js';

const string = stringWith(true);


/**
 * Wall-clock timestamp of a time column. Spark TIMESTAMP values are instants shown in
 * the session zone: run with spark.sql.session.timeZone=UTC (docs/engines.md).
 */
function wall(t: TimeColumn, tz: string): string {
  if (t.type === 'local') return `CAST(${t.expr} AS TIMESTAMP)`;
  return tz === 'UTC' ? `CAST(${t.expr} AS TIMESTAMP)` : `from_utc_timestamp(${t.expr}, ${string(tz)})`;
}
const EPOCH = "DATE '1970-01-01'";
const ofDay = (d: string): string => `date_add(${EPOCH}, ${d})`;

/** Spark SQL 3.1+: CTEs, from_utc_timestamp, datediff, unix_millis. */
export const spark: Dialect = {
  name: 'spark',
  ident: quoteWith('`'),
  string,
  ctes: true,
  windows: true,
  innerJoin: 'JOIN',
  leftJoin: 'LEFT JOIN',
  localDay: (t, tz) => `datediff(to_date(${wall(t, tz)}), ${EPOCH})`,
  localMonthIndex: (t, tz) => `(year(${wall(t, tz)}) * 12 + month(${wall(t, tz)}) - 1)`,
  monthIndexOfDay: (d) => `(year(${ofDay(d)}) * 12 + month(${ofDay(d)}) - 1)`,
  dayOfMonth: (d) => `dayofmonth(${ofDay(d)})`,
  daysInMonthOfDay: (d) => `dayofmonth(last_day(${ofDay(d)}))`,
  wallMs: (t, tz) => `unix_millis(${wall(t, tz)})`,
  timeLiteral: (ms, wallMs, t) => `TIMESTAMP ${string(wallText(t.type === 'local' ? wallMs : ms))}`,
  epochMs: (t, tz) => (t.type === 'local' ? `unix_millis(to_utc_timestamp(${t.expr}, ${string(tz)}))` : `unix_millis(${t.expr})`),
  instantOfMs: (ms) => `timestamp_millis(CAST(${ms} AS BIGINT))`,
  floorDiv: (a, b) => `CAST(floor((${a}) / ${b}) AS BIGINT)`,
  text: (e) => `CAST(${e} AS STRING)`,
  bigint: (e) => `CAST(${e} AS BIGINT)`,
  double: (e) => `CAST(${e} AS DOUBLE)`,
  least: (a, b) => `least(${a}, ${b})`,
  median: (x) => `percentile(${x}, 0.5)`,
  trimId: (e) => `regexp_replace(${e}, ${string(ID_EDGES)}, '')`,
  regexpReplace: (e, p, r) => `regexp_replace(${e}, ${string(p)}, ${string(r)})`,
  startsWith: (e, p) => `startswith(CAST(${e} AS STRING), ${string(p)})`,
};
