import { ID_EDGES } from '../id-sql.js';
import { quoteWith, stringWith, wallText, type Dialect, type TimeColumn } from '../dialect.js';

const string = stringWith(false);


/** Wall-clock timestamp of a time column (timestamp with time zone = instant). */
function wall(t: TimeColumn, tz: string): string {
  if (t.type === 'local') return `CAST(${t.expr} AS timestamp(3))`;
  if (t.type === 'utc') return `CAST(at_timezone(with_timezone(CAST(${t.expr} AS timestamp(3)), 'UTC'), ${string(tz)}) AS timestamp(3))`;
  return `CAST(at_timezone(${t.expr}, ${string(tz)}) AS timestamp(3))`;
}
const EPOCH = "DATE '1970-01-01'";
const ofDay = (d: string): string => `date_add('day', ${d}, ${EPOCH})`;
const ms = (e: string): string => `CAST(round(to_unixtime(${e}) * 1000) AS bigint)`;

/** Trino / Presto: CTEs, at_timezone / with_timezone, date_diff. */
export const trino: Dialect = {
  name: 'trino',
  ident: quoteWith('"'),
  string,
  ctes: true,
  windows: true,
  innerJoin: 'JOIN',
  leftJoin: 'LEFT JOIN',
  localDay: (t, tz) => `date_diff('day', ${EPOCH}, CAST(${wall(t, tz)} AS date))`,
  localMonthIndex: (t, tz) => `(year(${wall(t, tz)}) * 12 + month(${wall(t, tz)}) - 1)`,
  monthIndexOfDay: (d) => `(year(${ofDay(d)}) * 12 + month(${ofDay(d)}) - 1)`,
  dayOfMonth: (d) => `day(${ofDay(d)})`,
  daysInMonthOfDay: (d) => `day(last_day_of_month(${ofDay(d)}))`,
  wallMs: (t, tz) => ms(`with_timezone(${wall(t, tz)}, 'UTC')`),
  timeLiteral: (m, wallMs, t) =>
    t.type === 'instant' ? `TIMESTAMP ${string(`${wallText(m)} UTC`)}` : `TIMESTAMP ${string(wallText(t.type === 'utc' ? m : wallMs))}`,
  epochMs: (t, tz) =>
    t.type === 'instant' ? ms(t.expr) : ms(`with_timezone(CAST(${t.expr} AS timestamp(3)), ${string(t.type === 'utc' ? 'UTC' : tz)})`),
  instantOfMs: (ms) => `from_unixtime(CAST(${ms} AS double) / 1000)`,
  floorDiv: (a, b) => `CAST(floor(CAST((${a}) AS double) / ${b}) AS bigint)`,
  text: (e) => `CAST(${e} AS varchar)`,
  bigint: (e) => `CAST(${e} AS bigint)`,
  double: (e) => `CAST(${e} AS double)`,
  least: (a, b) => `least(${a}, ${b})`,
  trimId: (e) => `regexp_replace(${e}, ${string(ID_EDGES)}, '')`,
  regexpReplace: (e, p, r) => `regexp_replace(${e}, ${string(p)}, ${string(r)})`,
  startsWith: (e, p) => `starts_with(CAST(${e} AS varchar), ${string(p)})`,
};
