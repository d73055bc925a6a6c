/**
 * What one SQL dialect must say differently: quoting, literals, the time zone and
 * calendar functions, and how derived tables are written. Everything else is shared
 * by the one builder (sql-builder.ts) and the plan compilers (matrix-sql.ts, ...).
 */

/** The dialects kohort writes. */
export type DialectName = 'duckdb' | 'postgres' | 'clickhouse' | 'bigquery' | 'snowflake' | 'trino' | 'spark';

export const DIALECT_NAMES: readonly DialectName[] = ['duckdb', 'postgres', 'clickhouse', 'bigquery', 'snowflake', 'trino', 'spark'];

/**
 * How a time column holds its values:
 * - `instant`: a zone-aware type (TIMESTAMPTZ, BigQuery TIMESTAMP, ClickHouse DateTime);
 * - `utc`: a naive TIMESTAMP that holds UTC wall-clock readings;
 * - `local`: a naive TIMESTAMP or DATE read as wall-clock time in the run's zone (what
 *   kohort does with CSV times that carry no offset: "a date is midnight in that zone").
 */
export type TimeType = 'instant' | 'utc' | 'local';

/** A time column, as the dialect functions see it. */
export interface TimeColumn {
  /** SQL expression of the column (already quoted). */
  expr: string;
  type: TimeType;
}

export interface Dialect {
  name: DialectName;
  /** Quote an identifier (table, column, alias); the quote character is doubled inside. */
  ident(name: string): string;
  /** A string literal, escaped. */
  string(value: string): string;
  /** Whether `WITH name AS (...)` may name a derived table (ClickHouse 18 cannot). */
  ctes: boolean;
  /** Whether window functions (`row_number() OVER (ORDER BY ...)`) exist (ClickHouse 18 has none). */
  windows: boolean;
  /**
   * The rows of a table (its FROM text) with `kohort_row`, a value that orders them as they
   * were loaded (a file's order: the memory engine's "first row"). Absent where a table has
   * no such order (ClickHouse: parts sorted by key, shards).
   */
  loadOrder?(from: string): string;
  /** `JOIN` keyword for an inner / left equi-join (ClickHouse spells strictness). */
  innerJoin: string;
  leftJoin: string;
  /** Local (run zone) day number, days since 1970-01-01, of a time column. */
  localDay(t: TimeColumn, tz: string): string;
  /** year * 12 + month - 1 of a local day number. */
  monthIndexOfDay(day: string): string;
  /** Wall-clock milliseconds (local time read as if UTC) of a time column: elapsed offsets. */
  wallMs(t: TimeColumn, tz: string): string;
  /**
   * A literal comparable with the column for the instant `ms`; `wall` is its wall-clock
   * reading in the run's zone (what a `local` column holds).
   */
  timeLiteral(ms: number, wall: number, t: TimeColumn): string;
  /** year * 12 + month - 1 of a time column's local date (the hot path of month periods). */
  localMonthIndex(t: TimeColumn, tz: string): string;
  /** Epoch ms of the column's instant (elapsed completeness, survival durations). */
  epochMs(t: TimeColumn, tz: string): string;
  /** The instant (zone-aware type) of an epoch-ms expression. */
  instantOfMs(ms: string): string;
  /**
   * A `local` time column of wall-clock ms (a naive reading in the run's zone, as
   * YYYYMMDD numbers and Excel serials are read): undefined where the dialect cannot
   * hold it (`wholeDays` false: a time of day that a Date-only local type would drop).
   */
  localOfWallMs?(ms: string, wholeDays: boolean): TimeColumn | undefined;
  /**
   * Group `group` (1..) of the first match of a regular expression (POSIX and RE2 alike),
   * NULL when the text does not match. Absent: time texts are not parsed in SQL.
   */
  regexpGroup?(expr: string, pattern: string, group: number): string;
  /** The number of a regexpGroup's digits (NULL stays NULL); default {@link double}. */
  groupNumber?(expr: string): string;
  /**
   * Short forms where the portable ones make a query too long for the server (ClickHouse
   * has no CTEs and a 256 KB query limit): the month number of a lower-case month name
   * (`names` maps names to 1..12; NULL or 0 for none), and days since 1970-01-01 of a valid y, m, d
   * (`yearsAD`: every year is known to be 1 or later; undefined = the portable arithmetic).
   */
  monthOfName?(expr: string, names: Record<string, number>): string;
  civilDays?(y: string, m: string, d: string, yearsAD: boolean): string | undefined;
  /** A NULL of the dialect's instant type (a time column with no value); default instantOfMs of a NULL. */
  nullInstant?: string;
  /** The latest instant (epoch ms) its time types hold, when that is before the year 9999 (ClickHouse DateTime: 2106). */
  latestTimeMs?: number;
  /** floor(a / b) for integers a, b > 0, as an integer. */
  floorDiv(a: string, b: number): string;
  /** A column's text (attribute values come back as text). */
  text(expr: string): string;
  /** A whole number as a 64-bit integer. */
  bigint(expr: string): string;
  /** A number as double. */
  double(expr: string): string;
  /**
   * The sum of a number expression over a group with the same bits on every run (threads
   * add partial sums in any order: a floating sum differs in its last bits from run to run).
   * Values that are no finite number are skipped, as memory skips them. Absent: sum().
   * Its value is text `hi:lo`, two integers: the sum is hi * 2^-32 + lo * 2^-85 (readSum).
   */
  sumExact?(expr: string): string;
  /**
   * The sum of a number expression over a group as a double with the same bits on every run
   * (sumExact's two integer sums made one double in SQL, for a sum the query uses further:
   * revenue per customer). Absent: sum().
   */
  sumDouble?(expr: string): string;
  /** The smaller of two numbers. */
  least(a: string, b: string): string;
  /**
   * The exact median of a number column over a group, NULLs skipped: the mean of the two
   * middle values when their count is even (d3-array's median). Absent where the dialect
   * has no exact median aggregate: the value SQL then picks the middle rows by row_number().
   */
  median?(expr: string): string;
  /**
   * A text column's number, NULL where the text is not one (as the memory engine reads a
   * value it cannot parse: missing). Absent: the plain cast (which fails on such text).
   */
  tryDouble?(expr: string): string;
  /**
   * Bit sets in a 64-bit unsigned integer (DuckDB): a customer's active periods as one
   * value, so the matrix groups activity by customer instead of by customer and period
   * (matrix-sql.ts activeBits). Absent: the per-period rows of the plain SQL.
   */
  bits?: {
    /** The set {bit} (bit: 0-63). */
    one(bit: string): string;
    /** The union of the sets over a group (an aggregate). */
    or(set: string): string;
    /** 1 when `bit` (a whole number 0-63) is in the set, else 0, as an integer. */
    has(set: string, bit: number): string;
    /** SELECT items that turn one row into `values.length` rows: `index` 0.. and `value` the matching expression. */
    spread(values: string[], index: string, value: string): string;
  };
  /**
   * A text without surrounding white space (the id rule: id-sql.ts, ID_SPACE): spaces,
   * tabs, line breaks, no-break and other Unicode spaces.
   */
  trimId(expr: string): string;
  /** Every match of a regular expression (RE2/POSIX/Java alike: plain classes only) replaced. */
  regexpReplace(expr: string, pattern: string, replacement: string): string;
  /** Starts-with test of text. */
  startsWith(expr: string, prefix: string): string;
  /** Days in the month of a local day number (elapsed months). */
  daysInMonthOfDay(day: string): string;
  /** Day of month (1-31) of a local day number. */
  dayOfMonth(day: string): string;
}

/** Quote with `q`, doubling it inside. */
export function quoteWith(q: string): (name: string) => string {
  return (name) => `${q}${name.split(q).join(q + q)}${q}`;
}

/** A single-quoted string literal, quotes doubled (and backslashes where the dialect reads them). */
export function stringWith(backslash: boolean): (value: string) => string {
  return (value) => {
    let v = value.split("'").join("''");
    if (backslash) v = v.split('\\').join('\\\\');
    return `'${v}'`;
  };
}

const DAY_MS = 86_400_000;

/** YYYY-MM-DD HH:MM:SS.mmm of wall-clock ms (read as UTC). */
export function wallText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** Whether `n` is a safe whole number (values pasted as numbers are checked). */
export function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not a whole number: ${n}`);
  return String(n);
}

export { DAY_MS };
