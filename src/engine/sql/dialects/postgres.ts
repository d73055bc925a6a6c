import { quoteWith, stringWith, wallText, type Dialect, type TimeColumn } from '../dialect.js';

const string = stringWith(false);
const EPOCH = "DATE '1970-01-01'";


/** Wall-clock timestamp (without time zone) of a time column in zone `tz` (timezone() is AT TIME ZONE). */
function wall(t: TimeColumn, tz: string): string {
  if (t.type === 'local') return `CAST(${t.expr} AS timestamp)`;
  if (t.type === 'utc') return tz === 'UTC' ? `CAST(${t.expr} AS timestamp)` : `timezone(${string(tz)}, timezone('UTC', ${t.expr}))`;
  return `timezone(${string(tz)}, ${t.expr})`;
}

const ms = (e: string): string => `CAST(round(EXTRACT(EPOCH FROM ${e}) * 1000) AS bigint)`;
const ofDay = (d: string): string => `(${EPOCH} + CAST(${d} AS integer))`;

/**
 * The instant of a naive wall-clock time in zone `tz`, as kohort reads it (time/zone.ts):
 * a time in a DST gap moves forward (PostgreSQL does the same), a time that occurs twice
 * is the earlier instant, where PostgreSQL takes the later (standard time): one hour
 * earlier when that reads the same.
 */
function localInstant(expr: string, tz: string): string {
  const ts = `CAST(${expr} AS timestamp)`;
  const late = `timezone(${string(tz)}, ${ts})`;
  const early = `(${late} - INTERVAL '1 hour')`;
  return `CASE WHEN timezone(${string(tz)}, ${early}) = ${ts} THEN ${early} ELSE ${late} END`;
}

/** PostgreSQL: CTEs, timezone(zone, ts) (= AT TIME ZONE), date - date in days. */
export const postgres: Dialect = {
  name: 'postgres',
  ident: quoteWith('"'),
  string,
  ctes: true,
  windows: true,
  // The physical order: rows as COPY or INSERT stored them (no UPDATE, or DELETE + VACUUM, since).
  // A view or a partitioned/inherited table has none: describe() marks it unordered.
  loadOrder: (from) => `(SELECT *, ctid AS kohort_row FROM ${from}) AS kohort_loaded`,
  innerJoin: 'JOIN',
  leftJoin: 'LEFT JOIN',
  localDay: (t, tz) => `(CAST(${wall(t, tz)} AS date) - ${EPOCH})`,
  localMonthIndex: (t, tz) => {
    const w = wall(t, tz);
    return `(CAST(EXTRACT(YEAR FROM ${w}) AS integer) * 12 + CAST(EXTRACT(MONTH FROM ${w}) AS integer) - 1)`;
  },
  monthIndexOfDay: (d) =>
    `(CAST(EXTRACT(YEAR FROM ${ofDay(d)}) AS integer) * 12 + CAST(EXTRACT(MONTH FROM ${ofDay(d)}) AS integer) - 1)`,
  dayOfMonth: (d) => `CAST(EXTRACT(DAY FROM ${ofDay(d)}) AS integer)`,
  daysInMonthOfDay: (d) =>
    `CAST(EXTRACT(DAY FROM (date_trunc('month', ${ofDay(d)}) + INTERVAL '1 month' - INTERVAL '1 day')) AS integer)`,
  wallMs: (t, tz) => ms(wall(t, tz)),
  timeLiteral: (m, wallMs, t) =>
    t.type === 'instant'
      ? `CAST(${string(`${wallText(m)}+00`)} AS timestamptz)`
      : `CAST(${string(wallText(t.type === 'utc' ? m : wallMs))} AS timestamp)`,
  epochMs: (t, tz) => (t.type === 'local' && tz !== 'UTC' ? ms(localInstant(t.expr, tz)) : ms(t.expr)),
  instantOfMs: (ms) => `to_timestamp(CAST(${ms} AS double precision) / 1000)`,
  regexpGroup: (e, p, g) => `(regexp_match(${e}, ${string(p)}))[${g}]`,
  localOfWallMs: (ms) => ({ expr: `(TIMESTAMP '1970-01-01 00:00:00' + CAST(${ms} AS double precision) * INTERVAL '1 millisecond')`, type: 'local' }),
  // make_date costs a fraction of the portable days-from-civil per row (a YYYYMMDD survival
  // over 200k customers: 13 s), but refuses the year 0 the portable form reads: years AD only.
  civilDays: (y, m, d, yearsAD) =>
    yearsAD ? `CAST(make_date(CAST(${y} AS integer), CAST(${m} AS integer), CAST(${d} AS integer)) - DATE '1970-01-01' AS bigint)` : undefined,
  floorDiv: (a, b) => `CAST(floor(CAST((${a}) AS double precision) / ${b}) AS bigint)`,
  text: (e) => `CAST(${e} AS text)`,
  bigint: (e) => `CAST(${e} AS bigint)`,
  double: (e) => `CAST(${e} AS double precision)`,
  tryDouble: (e) => `CASE WHEN ${e} ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$' THEN CAST(${e} AS double precision) ELSE NULL END`,
  least: (a, b) => `least(${a}, ${b})`,
  median: (x) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${x})`,
  trimId: (e) => `btrim(${e}, ${string(' ')} || chr(9))`,
  regexpReplace: (e, p, r) => `regexp_replace(${e}, ${string(p)}, ${string(r)}, 'g')`,
  startsWith: (e, p) => `starts_with(CAST(${e} AS text), ${string(p)})`,
};
