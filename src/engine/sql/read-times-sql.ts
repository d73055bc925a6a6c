import { fail } from '../../errors.js';
import { MAX_INSTANT } from '../../time/civil.js';
import type { DateFormat } from '../../time/date-format.js';
import { excelSerialDay, numbersNotTimes, SERIAL_1970, SERIAL_MAX } from '../../time/excel-serial.js';
import type { SqlConnection } from './connection.js';
import { DAY_MS, type Dialect, type TimeColumn } from './dialect.js';
import { countIf, SqlBuilder, type NeverValue, type SqlTable } from './sql-builder.js';
import { civilDaysOf, validDate } from './civil-days-sql.js';
import { presentText, readTextForm } from './read-text-times.js';
import { readNeverChurn } from './never-churn-sql.js';
import { refuseNeverValue } from './never-time-sql.js';
import type { NeverTimeRole, TimeRole } from '../../load/times/time-tally.js';
import { NEVER_CHURN_WALL_MS, neverChurnInstant } from '../../time/never-churn.js';
import { daysFromCivil } from '../../time/civil.js';
import { timeZone } from '../../time/zone.js';
import { EPOCH_2001, mostlyYmd, YMD_HI, YMD_LO, YMD_MAX, YMD_NEVER } from '../../time/ymd-number.js';

/*
 * Time columns the database does not type as times: numbers (epoch seconds or
 * milliseconds, YYYYMMDD, Excel serial days with --date-format EXCEL), a CSV column of
 * such numbers (which DuckDB reads as text here, see duckdb-connection.ts), or a column
 * with no value at all (a churn column nobody churned in). One aggregate over the column
 * tells which, by the memory engine's rules (load/times/number-times.ts numberScale);
 * the column then reads as an expression of the time type the dialect functions take.
 * Date texts of one form (YYYY-MM, "10-Mar-2024", "Mar 10, 2024", day-month dates in the
 * order --date-format or the values give, ISO dates and times without an offset) are
 * parsed by regular expressions (ClickHouse: dates alone, its local type is a Date); ISO
 * times with an offset in every present value (Z, +02:00) read as the instants they name
 * (ClickHouse: whole seconds); the texts memory reads as a missing time (NULL, \N, NaT,
 * ...) are missing here too; other texts (mixed forms, offsets mixed with naive times) are refused with a message that names the column, a
 * value and --engine memory.
 */

/**
 * readTimeColumns: make each named column of `table` that is not typed as a time
 * readable as one (table.times), or fail with a clear message. Columns typed as
 * timestamps or dates, absent columns and columns already read are left as they are.
 */
async function readTimeColumns(
  conn: SqlConnection,
  table: SqlTable | undefined,
  columns: readonly (string | undefined)[],
  format: DateFormat | undefined,
  tz: string,
  later: readonly string[],
  churn: readonly (string | undefined)[],
  role: NeverTimeRole,
): Promise<void> {
  if (!table) return;
  for (const c of columns) {
    if (c === undefined) continue;
    const type = table.types[c];
    if (type !== 'number' && type !== 'text') continue;
    if (table.times?.[c]) continue;
    const { time, never } = await probeTimeColumn(conn, table, c, type, format, { later: later.includes(c), tz, churn: churn.includes(c), role: churn.includes(c) ? 'churn' : role });
    table.times = { ...table.times, [c]: time };
    if (never !== undefined) table.neverValues = { ...table.neverValues, [c]: never };
  }
}

/** The number a column holds (NULL for a blank or a text that is none), and its presence test. */
function numberOf(d: Dialect, col: string, type: 'number' | 'text'): { v: string; present: string; text: string } {
  if (type === 'number') return { v: d.double(col), present: `${col} IS NOT NULL`, text: d.text(col) };
  const trimmed = d.trimId(d.text(col));
  const present = presentText(d, col);
  const v = `(CASE WHEN ${present} THEN ${d.tryDouble ? d.tryDouble(trimmed) : d.double(trimmed)} END)`;
  return { v, present, text: d.text(col) };
}

/** y, m, d of a YYYYMMDD number, and whether they name a day between 1900 and 2100 or in the year 9999 (time/ymd-number.ts ymdNumberDay). */
function ymdParts(v: string): { y: string; m: string; d: string; valid: string } {
  const y = `floor(${v} / 10000)`;
  const m = `(floor(${v} / 100) - ${y} * 100)`;
  const d = `(${v} - floor(${v} / 100) * 100)`;
  const range = `((${v} >= ${YMD_LO} AND ${v} <= ${YMD_MAX}) OR (${v} >= ${YMD_NEVER} AND ${v} <= ${YMD_HI}))`;
  const valid = `(${v} = floor(${v}) AND ${range} AND ${validDate(y, m, d)})`;
  return { y, m, d, valid };
}

/** How a column reads as a time, and the latest year-9999 value it holds (which the reading makes NULL, or a time after any as-of). */
interface ProbedTime {
  time: TimeColumn;
  never?: NeverValue;
}

/** How a reading takes year-9999 values: `later`, as a time after any as-of (a signup or activity column, --as-of given); in the run's zone `tz`. */
interface NeverReading {
  later: boolean;
  tz: string;
  /** A churn column: YYYYMMDD's 0 and 99999999 read as NULL, not churned (ymd-number.ts ymdPlaceholder). */
  churn?: boolean;
  /** The column's role, for messages. */
  role?: TimeRole;
}

/**
 * A reading `ms` (epoch or wall ms) whose values from `never` on are the year 9999, on a
 * dialect whose times end before it (ClickHouse: 2106): those values NULL, or with `later`
 * the dialect's last whole day, after any as-of it can hold.
 */
function beforeNever(d: Dialect, ms: string, never: number, later: boolean, before = `${ms} < ${never}`): string {
  const last = (Math.floor(d.latestTimeMs! / DAY_MS) - 1) * DAY_MS;
  return `CASE WHEN ${before} THEN ${ms} ELSE ${later ? d.bigint(String(last)) : 'NULL'} END`;
}

async function probeTimeColumn(conn: SqlConnection, table: SqlTable, column: string, type: 'number' | 'text', format: DateFormat | undefined, nv: NeverReading): Promise<ProbedTime> {
  const time = await readProbed(conn, table, column, type, format, nv);
  return 'time' in time ? time : { time };
}

async function readProbed(conn: SqlConnection, table: SqlTable, column: string, type: 'number' | 'text', format: DateFormat | undefined, nv: NeverReading): Promise<TimeColumn | ProbedTime> {
  const d = conn.dialect;
  const b = new SqlBuilder(d);
  const col = b.id(column);
  const { v, present, text } = numberOf(d, col, type);
  const ymd = ymdParts(v);
  const count = (cond: string): string => countIf(d, cond);
  const r = (
    await conn.query(
      `SELECT ${count(present)} AS p, ${count(`${v} IS NOT NULL`)} AS nn, min(${v}) AS lo, max(${v}) AS mx, max(abs(${v})) AS hi, min(abs(${v})) AS lo_abs, ` +
        `${count(`${v} IS NOT NULL AND NOT ${ymd.valid}`)} AS not_ymd, ${count(`${v} IN (0, 99999999)`)} AS ph, ${count(`${v} <= ${YMD_MAX} AND ${ymd.valid}`)} AS dates, ${count(`${v} IS NOT NULL AND ${v} <> floor(${v})`)} AS frac, ` +
        `min(CASE WHEN ${present} AND ${v} IS NULL THEN ${text} END) AS bad, min(CASE WHEN ${v} IS NOT NULL THEN ${text} END) AS sample ` +
        `FROM ${table.from}`,
    )
  )[0] ?? {};
  const num = (k: string): number => (r[k] === null || r[k] === undefined ? NaN : Number(r[k]));
  const refuse = (example: unknown, why: string): never =>
    fail('sqlTimeNotRead', { table: table.name, column, example: String(example ?? ''), why, engine: d.name });
  const p = num('p');
  // No value at all: every row's time is missing (a churn column: every customer censored).
  if (!(p > 0)) return { expr: d.nullInstant ?? d.instantOfMs(d.bigint('NULL')), type: 'instant' };
  if (num('nn') < p) {
    const read = num('nn') === 0 ? await readTextForm(conn, table, column, p, format) : undefined;
    if (read && 'invalid' in read) {
      return fail('sqlTimeInvalid', { table: table.name, column, example: read.invalid, form: read.form, from: format ? 'the date format gives' : 'the values give', engine: d.name });
    }
    if (read) return read;
    return refuse(r.bad, `text; the SQL engines read timestamp and date columns, and numbers as epoch seconds or ms, YYYYMMDD, or Excel serials with ${format === 'EXCEL' ? '' : 'date format '}EXCEL`);
  }
  const lo = num('lo');
  const hi = num('hi');
  const loAbs = num('lo_abs');
  const sample = String(r.sample ?? '').trim();
  // A churn column's 0 and 99999999 beside YYYYMMDD dates: "never", read as NULL below.
  const placeholders = nv.churn && num('not_ymd') === num('ph') && num('nn') > num('ph') && num('ph') > 0;
  const ymdAll = num('not_ymd') === 0 || placeholders;
  if (format === 'EXCEL') {
    const frac = num('frac') > 0;
    const wall = `CASE WHEN ${v} >= 1 AND ${v} < ${SERIAL_MAX + 1} THEN round((${v} - ${SERIAL_1970} + CASE WHEN ${v} < 61 THEN 1 ELSE 0 END) * ${DAY_MS}) END`;
    const top = num('mx');
    const wallTop = (top - SERIAL_1970) * DAY_MS;
    const never = d.latestTimeMs !== undefined && top >= 61 && wallTop >= NEVER_CHURN_WALL_MS;
    const local = d.localOfWallMs?.(never ? beforeNever(d, d.bigint(wall), NEVER_CHURN_WALL_MS, nv.later) : wall, !frac);
    if (!local) return refuse(sample, 'Excel serial days with a time of day (this engine reads whole days only)');
    return never ? { time: local, never: { value: String(top), ms: wallTop, wall: true } } : local;
  }
  // YYYYMMDD dates of 1900-2100 beside epoch seconds of 2001 on: mixed forms, as in memory (number-times.ts).
  if (format === undefined && num('dates') > 0 && num('mx') >= EPOCH_2001) {
    const a = await firstWhere(conn, table, `${v} <= ${YMD_MAX} AND ${ymd.valid}`, text);
    const b = await firstWhere(conn, table, `${v} >= ${EPOCH_2001}`, text);
    const form = num('mx') >= 1e11 ? 'epoch milliseconds' : 'epoch seconds';
    return fail('mixedTimeForms', { a: a.value.trim(), aRow: a.row, aForm: 'YYYYMMDD dates', b: b.value.trim(), bRow: b.row, bForm: form }, { file: table.name, column });
  }
  // YYYYMMDD dates with a few bad values (20230230, 0, 99999999): memory's rule, not epoch seconds of 1970.
  if (format === undefined && !placeholders && mostlyYmd(num('nn') - num('not_ymd'), num('nn'), num('ph'))) {
    const first = await firstWhere(conn, table, `${v} IS NOT NULL AND NOT ${ymd.valid}`, text);
    const good = (await conn.query(`SELECT min(CASE WHEN ${v} IS NOT NULL AND ${ymd.valid} THEN ${text} END) AS t FROM ${table.from}`))[0] ?? {};
    const params = { ...first, bad: num('not_ymd'), present: num('nn'), example: String(good.t ?? '').trim(), engine: d.name, role: nv.role };
    return fail('ymdExceptRows', params, { file: table.name, column });
  }
  if (format === 'YYYYMMDD' || (format === undefined && ymdAll)) {
    if (!ymdAll) return refuse(sample, 'not a YYYYMMDD date between 1900 and 2100 (or in 9999, "never") in every row');
    // The probe counted no invalid day (not_ymd = 0): the reading needs no check of its own,
    // and ymd.valid repeats v dozens of times (the query then grows past what DuckDB plans).
    const read = `${civilDaysOf(d, ymd.y, ymd.m, ymd.d, true)} * ${DAY_MS}`;
    const days = placeholders ? `(CASE WHEN ${v} IN (0, 99999999) THEN NULL ELSE ${read} END)` : read;
    // 9999MMDD is "never": NULL here, so a churn column reads it as not churned on every
    // engine; readSpecTimes refuses it as a signup or activity time without --as-of. With one,
    // it is such a time after the as-of: its own day, or where the dialect's times end before
    // 9999 (ClickHouse: 2106) their last whole day, after any as-of it can hold.
    const mx = num('mx');
    const never = mx >= YMD_NEVER;
    // Compared as numbers: ClickHouse's days of 9999 overflow its Date.
    const held = d.latestTimeMs === undefined ? days : beforeNever(d, days, NEVER_CHURN_WALL_MS, true, `${v} < ${YMD_NEVER}`);
    const local = d.localOfWallMs?.(!never ? days : nv.later ? held : `CASE WHEN ${v} < ${YMD_NEVER} THEN ${days} END`, true);
    if (!local) return refuse(sample, 'YYYYMMDD numbers');
    const wallMx = daysFromCivil(Math.floor(mx / 10000), Math.floor(mx / 100) % 100, mx % 100) * DAY_MS;
    return never ? { time: local, never: { value: String(mx), ms: wallMx, wall: true } } : local;
  }
  if (format !== undefined && format !== 'EPOCH-S' && format !== 'EPOCH-MS') return refuse(sample, `numbers, not the ${format} form`);
  // Small whole numbers (tenure 0-72) or Excel serials: the memory engine's one rule, over the column's min and max.
  const top = num('mx');
  const notTimes = format === undefined ? numbersNotTimes(lo, top, num('frac') === 0) : undefined;
  if (notTimes === 'counts') fail('smallNumbersNotTimes', { column, min: lo, max: top }, { file: table.name, column });
  if (notTimes === 'excel') return fail('excelOrEpoch', { example: sample, excelDay: excelSerialDay(Number(sample)) }, { file: table.name, column });
  if (format === undefined && loAbs < 1e11 && hi >= 1e11) return refuse(sample, 'epoch seconds and milliseconds mixed (pass --date-format EPOCH-S or EPOCH-MS)');
  const seconds = format === 'EPOCH-S' || (format === undefined && hi < 1e11);
  if ((seconds ? hi * 1000 : hi) > MAX_INSTANT) return refuse(sample, 'epoch numbers past the year 275760');
  const ms = seconds ? `round(${v} * 1000)` : `round(${v})`;
  const msTop = seconds ? top * 1000 : top;
  const neverAt = neverChurnInstant(timeZone(nv.tz));
  if (d.latestTimeMs === undefined || !(msTop >= neverAt)) return { expr: d.instantOfMs(ms), type: 'instant' };
  return { time: { expr: d.instantOfMs(beforeNever(d, d.bigint(ms), neverAt, nv.later)), type: 'instant' }, never: { value: String(top), ms: msTop, wall: false } };
}

/**
 * The first value of `table` where `cond` holds (a bad value, a date, a late number), with
 * its 1-based row where the table has a load order (a file DuckDB reads; a PostgreSQL table
 * in its physical order), for a message.
 */
async function firstWhere(conn: SqlConnection, table: SqlTable, cond: string, text: string): Promise<{ row?: number; value: string }> {
  const d = conn.dialect;
  if (!d.loadOrder || table.unordered) {
    const r = (await conn.query(`SELECT min(CASE WHEN ${cond} THEN ${text} END) AS t FROM ${table.from}`))[0] ?? {};
    return { value: String(r.t ?? '') };
  }
  const ranked = `(SELECT row_number() OVER (ORDER BY kohort_row) AS kohort_n, ${text} AS kohort_t, CASE WHEN ${cond} THEN 1 ELSE 0 END AS kohort_hit FROM ${d.loadOrder(table.from)}) AS kohort_ranked`;
  const at = (await conn.query(`SELECT min(kohort_n) AS n FROM ${ranked} WHERE kohort_hit = 1`))[0] ?? {};
  const row = Number(at.n);
  const r = (await conn.query(`SELECT min(kohort_t) AS t FROM ${ranked} WHERE kohort_n = ${row}`))[0] ?? {};
  return { row, value: String(r.t ?? '') };
}

/** The time columns a normalized spec reads (any analysis: matrix, churn, outcomes), as named there. */
interface SpecTimes {
  activity?: { time?: string };
  customers?: { signup?: string; churn?: string };
  anchor?: string;
  churn?: unknown;
  dateFormat?: DateFormat;
  tz: string;
  /** The given --as-of (epoch ms); undefined = taken from the data. */
  asOf?: number;
}

/** readTimeColumns for every time column a spec reads: the activity time, the signup (when it anchors) and the churn column (its "never" sentinel read as NULL). */
export async function readSpecTimes(conn: SqlConnection, spec: SpecTimes, src: { activity?: SqlTable; customers?: SqlTable }): Promise<void> {
  const churn = spec.churn as { kind?: string; column?: string } | undefined;
  const signup = spec.anchor === 'signup' ? spec.customers?.signup : undefined;
  // With a given as-of a year-9999 signup or activity time is after it (left out and counted
  // as later times are, as in memory); without, it would be the as-of: refused.
  const given = spec.asOf !== undefined;
  const later = (c: string | undefined): string[] => (given && c !== undefined ? [c] : []);
  await readTimeColumns(conn, src.activity, [spec.activity?.time], spec.dateFormat, spec.tz, later(spec.activity?.time), [], 'activity');
  await readTimeColumns(
    conn,
    src.customers,
    [signup, spec.customers?.churn, churn?.kind === 'column' ? churn.column : undefined],
    spec.dateFormat,
    spec.tz,
    later(signup),
    [spec.customers?.churn, churn?.kind === 'column' ? churn.column : undefined],
    'signup',
  );
  if (!given) {
    refuseNeverValue(src.activity, spec.activity?.time, 'activity');
    refuseNeverValue(src.customers, signup, 'signup');
  }
  readNeverChurn(conn.dialect, src.customers, spec.customers?.churn, spec.tz);
  if (churn?.kind === 'column') readNeverChurn(conn.dialect, src.customers, churn.column, spec.tz);
}
