import { ID_SPACE } from '../../memory/prepare/id-bytes.js';
import { quoteWith, stringWith, wallText, type Dialect, type TimeColumn } from '../dialect.js';

const string = stringWith(false);
const EPOCH = "DATE '1970-01-01'";
const at = (d: string): string => `(${EPOCH} + CAST(${d} AS INTEGER))`;


/** Wall-clock TIMESTAMP of a time column in zone `tz` (ICU's timezone(), built into DuckDB). */
function wall(t: TimeColumn, tz: string): string {
  if (t.type === 'local') return `CAST(${t.expr} AS TIMESTAMP)`;
  if (t.type === 'utc') return tz === 'UTC' ? `CAST(${t.expr} AS TIMESTAMP)` : `timezone(${string(tz)}, timezone('UTC', ${t.expr}))`;
  // UTC needs no time zone rules: the instant's microseconds as a naive timestamp (no ICU call per row).
  if (tz === 'UTC') return `make_timestamp(epoch_us(${t.expr}))`;
  return `timezone(${string(tz)}, ${t.expr})`;
}

/**
 * Epoch ms of a naive wall-clock time in zone `tz`, as kohort reads it (time/zone.ts): a
 * time in a DST gap moves forward (ICU does the same), a time that occurs twice is the
 * earlier instant, where ICU takes the later: one hour earlier when that reads the same.
 */
function localInstantMs(expr: string, tz: string): string {
  const ts = `CAST(${expr} AS TIMESTAMP)`;
  const late = `timezone(${string(tz)}, ${ts})`;
  const early = `(${late} - INTERVAL 1 HOUR)`;
  return `epoch_ms(CASE WHEN timezone(${string(tz)}, ${early}) = ${ts} THEN ${early} ELSE ${late} END)`;
}

/** DuckDB: CTEs, ICU time zones, date - date in days. */
const HI = 'CAST(4294967296 AS DOUBLE)'; // 2^32
const LO = 'CAST(38685626227668133590597632 AS DOUBLE)'; // 2^85

/**
 * A sum of doubles as two sums of integers, which are exact and so the same in any order:
 * each value's multiple of 2^-32 (a DECIMAL(38, 0): values below 2^94), and what is left (below
 * 2^-33) in units of 2^-85 (a BIGINT). Exact for values from 2^-33 up, within 2^-86 below.
 * Both sums leave as text `hi:lo` (readSum): a double made here would round two or three times.
 */
function sumExact(x: string): string {
  const v = `(CASE WHEN isfinite(${x}) THEN ${x} ELSE NULL END)`;
  const hi = `round(${v} * ${HI})`;
  const his = `CAST(sum(CAST(${hi} AS DECIMAL(38, 0))) AS VARCHAR)`;
  const los = `CAST(sum(CAST(round((${v} - ${hi} / ${HI}) * ${LO}) AS BIGINT)) AS VARCHAR)`;
  return `(${his} || ':' || ${los})`;
}

/** sumExact's two sums as one double: the same bits on every run (rounded at most twice, not once). */
function sumDouble(x: string): string {
  const v = `(CASE WHEN isfinite(${x}) THEN ${x} ELSE NULL END)`;
  const hi = `round(${v} * ${HI})`;
  const his = `CAST(sum(CAST(${hi} AS DECIMAL(38, 0))) AS DOUBLE)`;
  const los = `CAST(sum(CAST(round((${v} - ${hi} / ${HI}) * ${LO}) AS BIGINT)) AS DOUBLE)`;
  return `(${his} / ${HI} + ${los} / ${LO})`;
}

export const duckdb: Dialect = {
  name: 'duckdb',
  ident: quoteWith('"'),
  string,
  ctes: true,
  windows: true,
  // row_number() OVER () is a streaming window: one thread reads the file, in order.
  loadOrder: (from) => `(SELECT *, row_number() OVER () AS kohort_row FROM ${from}) AS kohort_loaded`,
  innerJoin: 'JOIN',
  leftJoin: 'LEFT JOIN',
  localDay: (t, tz) => `CAST(CAST(${wall(t, tz)} AS DATE) - ${EPOCH} AS INTEGER)`,
  localMonthIndex: (t, tz) => {
    const w = wall(t, tz);
    return `(CAST(year(${w}) AS INTEGER) * 12 + CAST(month(${w}) AS INTEGER) - 1)`;
  },
  monthIndexOfDay: (d) => `(CAST(year(${at(d)}) AS INTEGER) * 12 + CAST(month(${at(d)}) AS INTEGER) - 1)`,
  dayOfMonth: (d) => `CAST(day(${at(d)}) AS INTEGER)`,
  daysInMonthOfDay: (d) => `CAST(day(last_day(${at(d)})) AS INTEGER)`,
  wallMs: (t, tz) => `epoch_ms(${wall(t, tz)})`,
  timeLiteral: (ms, wallMs, t) =>
    t.type === 'instant'
      ? `CAST(${string(`${wallText(ms)}+00`)} AS TIMESTAMPTZ)`
      : `CAST(${string(wallText(t.type === 'utc' ? ms : wallMs))} AS TIMESTAMP)`,
  epochMs: (t, tz) => (t.type === 'local' && tz !== 'UTC' ? localInstantMs(t.expr, tz) : `epoch_ms(${t.expr})`),
  instantOfMs: (ms) => `make_timestamptz(CAST(${ms} AS BIGINT) * 1000)`,
  regexpGroup: (e, p, g) => `NULLIF(regexp_extract(${e}, ${string(p)}, ${g}), '')`,
  localOfWallMs: (ms) => ({ expr: `make_timestamp(CAST(${ms} AS BIGINT) * 1000)`, type: 'local' }),
  // make_date names y, m and d once each; the generic days_from_civil repeats them ~30 times.
  civilDays: (y, m, d) => `(make_date(CAST(${y} AS BIGINT), CAST(${m} AS BIGINT), CAST(${d} AS BIGINT)) - DATE '1970-01-01')`,
  floorDiv: (a, b) => `CAST(floor((${a}) / ${b}) AS BIGINT)`,
  text: (e) => `CAST(${e} AS VARCHAR)`,
  bigint: (e) => `CAST(${e} AS BIGINT)`,
  double: (e) => `CAST(${e} AS DOUBLE)`,
  tryDouble: (e) => `TRY_CAST(${e} AS DOUBLE)`,
  sumExact,
  sumDouble,
  least: (a, b) => `least(${a}, ${b})`,
  median: (x) => `median(${x})`,
  bits: {
    one: (bit) => `(CAST(1 AS UBIGINT) << CAST(${bit} AS UBIGINT))`,
    or: (set) => `bit_or(${set})`,
    has: (set, bit) => `CAST((${set} >> ${bit}) & 1 AS INTEGER)`,
    // Two unnests in one SELECT are zipped.
    spread: (values, index, value) => `unnest(range(0, ${values.length})) AS ${index}, unnest([${values.join(', ')}]) AS ${value}`,
  },
  // Only ids that start below '!' or end in a space or tab go through trim(): the test is
  // cheap where trim() on every row of a large scan is not (bench: +6% CPU against +70%).
  trimId: (e) => `CASE WHEN ${e} < '!' OR ${e} LIKE '% ' OR ${e} LIKE ${string(`%\t`)} THEN trim(${e}, ${string(ID_SPACE)}) ELSE ${e} END`,
  regexpReplace: (e, p, r) => `regexp_replace(${e}, ${string(p)}, ${string(r)}, 'g')`,
  startsWith: (e, p) => `starts_with(CAST(${e} AS VARCHAR), ${string(p)})`,
};
