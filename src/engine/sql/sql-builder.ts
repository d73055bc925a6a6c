import { fail } from '../../errors.js';
import { plainNumber } from '../../spec/parse-where.js';
import type { Filter } from '../../spec/types.js';
import type { DateFormat } from '../../time/date-format.js';
import { parseTimeString } from '../../time/parse-time.js';
import type { Zone } from '../../time/zone.js';
import type { Dialect, TimeColumn, TimeType } from './dialect.js';
import { numberText } from './number-text-sql.js';

/** The type of a source column, as far as the SQL needs to know it. */
export type ColumnType = 'number' | 'text' | TimeType;

/**
 * A table the SQL reads: its FROM text (a quoted table name, or a reader call such as
 * DuckDB's read_parquet('...') with the path escaped) and its columns' types.
 */
export interface SqlTable {
  from: string;
  /** Shown in messages. */
  name: string;
  types: Record<string, ColumnType>;
  /**
   * Columns not typed as times that the run reads as times (numbers, or no value at all):
   * their time expressions (read-times-sql.ts readTimeColumns).
   */
  times?: Record<string, TimeColumn>;
  /**
   * Text columns the run reads as numbers ("1,234.56", "1.234,56"), as the memory engine
   * reads them: their number expressions (text-number-sql.ts readNumberColumns).
   */
  numbers?: Record<string, string>;
  /** Text columns whose values are whole numbers (DuckDB's CSV integers kept as text). */
  numberText?: string[];
  /**
   * What the relation is where its rows have no load order the dialect can read (a
   * PostgreSQL view, or a partitioned table whose ctid repeats across partitions):
   * a repeated id is then refused (first-rows-sql.ts), never a silent pick.
   */
  unordered?: string;
  /**
   * The relation with every row, where `from` reads only its ids' first rows (first-rows-sql.ts):
   * how a column's values are read (an event rule) is decided over the whole column, as memory does.
   */
  whole?: string;
  /** Churn columns whose "never" sentinel already reads as NULL in `times` (never-churn-sql.ts). */
  neverChurn?: string[];
  /**
   * Columns read in `times` whose values include the year 9999 (the "never" of exports): YYYYMMDD
   * numbers, and on a dialect whose times end before it (ClickHouse) epoch numbers and Excel
   * serials too, read as NULL, or as a signup or activity time after a given as-of: the latest
   * of each, for the refusal of such a time without --as-of and the latest activity (never-time-sql.ts).
   */
  neverValues?: Record<string, NeverValue>;
}

/** The latest year-9999 value a probed column holds: as written, and its epoch ms (`wall`: wall-clock ms of the run's zone). */
export interface NeverValue {
  value: string;
  ms: number;
  wall: boolean;
}

/** The tables a compiled plan reads. */
export interface SqlSources {
  activity?: SqlTable;
  customers?: SqlTable;
}

/**
 * The one SQL builder: named derived tables written as CTEs, or inline where the dialect
 * has none (ClickHouse 18), and the quoting of every identifier and value. Nothing from a
 * spec reaches the SQL text unquoted: identifiers go through `id`, values through `str`
 * or `num` (finite numbers only).
 */
export class SqlBuilder {
  private readonly defs: [string, string][] = [];
  constructor(readonly d: Dialect) {}

  /** A quoted identifier. */
  id(name: string): string {
    return this.d.ident(name);
  }

  /** An escaped string literal. */
  str(value: string): string {
    return this.d.string(value);
  }

  /** A number literal; only finite numbers pass. */
  num(n: number): string {
    if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
    return String(n);
  }

  /**
   * Define the derived table `name` (its SELECT may use `from` of earlier ones). Names are
   * kohort's own (lower-case words), so they go unquoted; user names always pass `id`.
   */
  def(name: string, select: string): this {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`derived table names are plain words: ${name}`);
    this.defs.push([name, select]);
    return this;
  }

  /** A FROM item for derived table `name`: its CTE name, or the subquery itself. */
  from(name: string): string {
    const def = this.defs.find(([n]) => n === name);
    if (!def) throw new Error(`no derived table ${name}`);
    return this.d.ctes ? name : `(${def[1]}) AS ${name}`;
  }

  /** The whole statement: the CTEs (where the dialect has them) and the final SELECT. */
  render(select: string): string {
    if (!this.d.ctes || this.defs.length === 0) return select;
    const ctes = this.defs.map(([n, s]) => `${n} AS (\n  ${s.split('\n').join('\n  ')}\n)`);
    return `WITH ${ctes.join(',\n')}\n${select}`;
  }
}

/**
 * valueText: a column's values as the texts the memory engine names cohorts, groups and
 * segments by (String(value)): a number column's whole numbers as "19", never "19.0" (as a
 * DOUBLE or Float64 prints them), other numbers as JS writes them (numberText: 1e-7, not
 * 1e-07), text as the database holds it. Every SQL result that carries attribute values
 * back as labels reads them through this.
 */
export function valueText(b: SqlBuilder, table: SqlTable | undefined, column: string): string {
  const d = b.d;
  const col = b.id(column);
  if (table?.types[column] !== 'number') return d.text(col);
  return wholeNumberText(d, col, '1e15', numberText(d, col));
}

/**
 * labelText: valueText of a label column (a cohort or --by attribute, a compared group, a
 * segment), a blank text ('', only spaces and tabs) read as NULL, a missing value, as the
 * memory engine's loaders read it, whichever table the column is on.
 */
export function labelText(b: SqlBuilder, table: SqlTable | undefined, column: string): string {
  const v = valueText(b, table, column);
  return table?.types[column] === 'number' ? v : `CASE WHEN ${b.d.trimId(v)} = '' THEN NULL ELSE ${v} END`;
}

/** A number's text without ".0" when it is whole and below `limit` in size, else `otherwise`. */
export function wholeNumberText(d: Dialect, col: string, limit: string, otherwise: string): string {
  return `CASE WHEN ${col} = floor(${col}) AND abs(${col}) < ${limit} THEN ${d.text(d.bigint(col))} ELSE ${otherwise} END`;
}

/** A column of a table as a number: a text column read by readNumberColumns, else cast. */
export function numberSql(b: SqlBuilder, table: SqlTable | undefined, column: string): string {
  return table?.numbers?.[column] ?? b.d.double(b.id(column));
}

/** A time column of a table, for the dialect's time functions. */
export function timeColumn(b: SqlBuilder, table: SqlTable, column: string): TimeColumn {
  const read = table.times?.[column];
  if (read) return read;
  const type = table.types[column];
  if (type !== 'instant' && type !== 'utc' && type !== 'local') {
    fail('sqlNotTime', { table: table.name, column, type: type ?? 'missing' });
  }
  return { expr: b.id(column), type };
}

/** The SQL condition of one `where` filter, the value escaped or checked as a number. */
export function filterSql(
  b: SqlBuilder,
  f: Filter,
  table: SqlTable,
  time: (value: string, t: TimeColumn) => string,
): string {
  const col = b.id(f.column);
  const type = table.types[f.column] ?? 'text';
  if (f.op === '^=' || f.op === '!^=') {
    const test = b.d.startsWith(col, f.value);
    return f.op === '^=' ? test : `(${col} IS NOT NULL AND NOT ${test})`;
  }
  const op = f.op;
  // A column read as times from numbers (epoch, YYYYMMDD, Excel): a date compares as a time,
  // a plain number with the column's own numbers.
  const read = table.times?.[f.column];
  if (read && !plainNumber(f.value)) return `${read.expr} ${op} ${time(f.value, read)}`;
  // Whole numbers DuckDB reads as text from a CSV (duckdb-connection.ts) are numbers to the memory engine.
  if (type === 'text' && table.numberText?.includes(f.column) && !plainNumber(f.value)) {
    fail('filterNotNumber', { value: f.value, kind: 'number' }, { file: table.name, column: f.column });
  }
  if (type === 'number') {
    const n = Number(f.value);
    if (f.value.trim() === '' || Number.isNaN(n)) fail('filterNotNumber', { value: f.value, kind: 'number' }, { column: f.column });
    return `${col} ${op} ${b.num(n)}`;
  }
  if (type === 'instant' || type === 'utc' || type === 'local') return `${col} ${op} ${time(f.value, { expr: col, type })}`;
  // Text: ordering compares numbers as numbers when the value is one (as the memory engine does on numeric text).
  const n = Number(f.value);
  if ((op === '<' || op === '<=' || op === '>' || op === '>=') && f.value.trim() !== '' && !Number.isNaN(n)) {
    return `${b.d.double(col)} ${op} ${b.num(n)}`;
  }
  return `${b.d.text(col)} ${op} ${b.str(f.value)}`;
}

/**
 * timeLiterals: `lit`, the literal of an instant for a time column (its wall-clock reading
 * in the zone for a local column), and `timeFilter`, a filter's time value read as the
 * run reads times, as such a literal.
 */
export function timeLiterals(d: Dialect, zone: Zone, dateFormat: DateFormat | undefined) {
  const lit = (ms: number, t: TimeColumn): string => d.timeLiteral(ms, ms + zone.offsetAt(ms), t);
  const timeFilter = (value: string, t: TimeColumn): string => lit(filterInstant(value, zone, dateFormat), t);
  return { lit, timeFilter };
}

/**
 * The instant a filter's time value names: read as the run reads times (--date-format),
 * else, for a date written as dates are (a column of Excel serials or epoch numbers
 * compared with "2024-02-01"), in any form parseTimeString reads.
 * @throws KohortError `filterNotNumber` when it names no instant
 */
function filterInstant(value: string, zone: Zone, dateFormat: DateFormat | undefined): number {
  let ms = parseTimeString(value, zone, dateFormat);
  if (Number.isNaN(ms) && dateFormat !== undefined) ms = parseTimeString(value, zone);
  if (Number.isNaN(ms)) fail('filterNotNumber', { value, kind: 'timestamp' });
  return ms;
}

/** The sum of a number expression over a group, the same on every run where the dialect can (Dialect.sumExact). */
export function sumOf(d: Dialect, expr: string): string {
  return d.sumExact ? d.sumExact(expr) : `sum(${expr})`;
}

/** A sum the query uses further as a double, the same on every run where the dialect can (Dialect.sumDouble). */
export function sumDoubleOf(d: Dialect, expr: string): string {
  return d.sumDouble ? d.sumDouble(expr) : `sum(${expr})`;
}

const HI_UNITS = 2n ** 53n; // 2^-32 in units of 2^-85
const UNIT = 2 ** -85;

/**
 * A sumOf value as a number. An exact sum (text `hi:lo`) is made one integer numerator over
 * 2^85 and rounded once: Number(bigint) rounds to nearest, ties to even, and the scaling by a
 * power of two is exact, so the result is the exact sum correctly rounded (d3's fsum).
 */
export function readSum(v: unknown): number {
  if (typeof v !== 'string' || !v.includes(':')) return Number(v);
  const [hi, lo] = v.split(':');
  return Number(BigInt(hi) * HI_UNITS + BigInt(lo)) * UNIT;
}

/** How many rows meet `cond`, as a BIGINT aggregate every dialect has. */
export function countIf(d: Dialect, cond: string): string {
  return d.bigint(`sum(CASE WHEN ${cond} THEN 1 ELSE 0 END)`);
}
