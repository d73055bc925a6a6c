// Time columns held as date texts, read by regular expressions in SQL (see read-times-sql.ts).
import { fail } from '../../errors.js';
import type { DateFormat } from '../../time/date-format.js';
import { dmyFormatOrder } from '../../time/parse-date-text.js';
import { MONTHS } from '../../time/month-name-date.js';
import { MISSING_TIME_TEXTS } from '../../load/times/text-times.js';
import type { SqlConnection } from './connection.js';
import { DAY_MS, type Dialect, type TimeColumn } from './dialect.js';
import { countIf, type SqlTable } from './sql-builder.js';
import { civilDaysOf, validDate } from './civil-days-sql.js';

/**
 * Whether a text column's value is present: not NULL, not blank, and none of the texts
 * the memory engine reads as a missing time (`NULL`, `\N`, `NaT`, `None`, `NA`, `-`, ...).
 */
export function presentText(d: Dialect, col: string): string {
  const trimmed = d.trimId(d.text(col));
  return `(${col} IS NOT NULL AND ${trimmed} <> '' AND ${trimmed} NOT IN (${MISSING_TIME_TEXTS.map((t) => d.string(t)).join(', ')}))`;
}

/** A regexpGroup's number. */
const gnum = (d: Dialect, e: string): string => (d.groupNumber ?? d.double)(e);

/** [ T]H:MM[:SS[.fff]][ ]AM|PM after a date (time/parse-date-text.ts withTime, without offsets); (s is lower case). */
const CLOCK = '(?:[ t]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?(?: ?([ap]m))?)?$';

/**
 * a/b/yyyy (one separator, "/", "-" or "."), optionally followed by a time: time/date-fields.ts
 * dmyShape. Group 2 is b with its separators ("/01/"): DuckDB numbers at most 9 groups. Groups 4-8: the clock.
 */
const DMY_TEXT = `^([0-9]{1,2})(/[0-9]{1,2}/|-[0-9]{1,2}-|[.][0-9]{1,2}[.])([0-9]{4})${CLOCK}`;

/** b of DMY_TEXT's group 2 (its separators cut), and the separator. */
function dmyMiddle(d: Dialect, g2: string): { b: string; sep: string } {
  return { b: gnum(d, `substr(${g2}, 2, length(${g2}) - 2)`), sep: `substr(${g2}, 1, 1)` };
}

/** YYYY-MM-DD or YYYY/MM/DD, optionally a time, no offset: a wall-clock time in the run's zone. Groups 5-9: the clock. */
const ISO_TEXT = `^([0-9]{4})([-/])([0-9]{2})[-/]([0-9]{2})${CLOCK}`;

/**
 * YYYY-MM-DD (or /, 1- or 2-digit month and day), a time of day, then an offset: Z, UTC, GMT,
 * +HH, +HHMM or +HH:MM, after an optional space (time/parse-date-text.ts withTime). Groups
 * 4-7: the clock (hour, minute, second, fraction); group 8: the offset.
 */
export const ZONED_TEXT = '^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})[ t]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)? ?(z|utc|gmt|[-+][0-9]{2}(?::?[0-9]{2})?)$';

interface TextForm {
  name: string;
  y: string;
  m: string;
  day: string;
  /** wall-clock ms of the time of day, whether it is a valid one, and whether a time is written */
  time: string;
  validTime: string;
  hasTime: string;
}

/** The time of day of CLOCK's groups from `first` (the hour): a 12-hour clock (1-12 AM/PM) as memory reads it. */
function clockOf(d: Dialect, g: (n: number) => string, first: number): Pick<TextForm, 'time' | 'validTime' | 'hasTime'> {
  const h = `coalesce(${gnum(d, g(first))}, 0)`;
  const mi = `coalesce(${gnum(d, g(first + 1))}, 0)`;
  const sec = `coalesce(${gnum(d, g(first + 2))}, 0)`;
  // Digits past the millisecond are cut, as the memory engine's parser does.
  const ms = `coalesce(${gnum(d, `substr(concat(${g(first + 3)}, '00'), 1, 3)`)}, 0)`;
  const half = g(first + 4);
  const hour = `(CASE WHEN ${half} IS NULL THEN ${h} ELSE ${h} - floor(${h} / 12) * 12 + (CASE WHEN ${half} = 'pm' THEN 12 ELSE 0 END) END)`;
  return {
    time: `(${hour} * 3600000 + ${mi} * 60000 + ${sec} * 1000 + ${ms})`,
    validTime: `((CASE WHEN ${half} IS NULL THEN ${h} <= 23 ELSE ${h} >= 1 AND ${h} <= 12 END) AND ${mi} <= 59 AND ${sec} <= 59)`,
    hasTime: `${g(first)} IS NOT NULL`,
  };
}

function isoForm(d: Dialect, s: string): TextForm {
  const g = (n: number): string => d.regexpGroup!(s, ISO_TEXT, n);
  return { name: 'YYYY-MM-DD', y: gnum(d, g(1)), m: gnum(d, g(3)), day: gnum(d, g(4)), ...clockOf(d, g, 5) };
}

/**
 * ISO times with an offset, when every present value is one: the instant each names (the
 * offset applied; the run's zone then gives its periods, as memory reads them). A value of
 * the shape that is no valid time comes back as `invalid`.
 */
async function readZonedIso(conn: SqlConnection, table: SqlTable, column: string, present: number): Promise<TimeColumn | { invalid: string; form: string } | undefined> {
  const d = conn.dialect;
  const s = `lower(${d.trimId(d.text(d.ident(column)))})`;
  const g = (n: number): string => d.regexpGroup!(s, ZONED_TEXT, n);
  const count = (cond: string): string => countIf(d, cond);
  const text = d.text(d.ident(column));
  const shape = (
    await conn.query(`SELECT ${count(`${g(1)} IS NOT NULL`)} AS n, min(CASE WHEN ${g(1)} IS NOT NULL THEN ${text} END) AS x FROM ${table.from} WHERE ${presentText(d, d.ident(column))}`)
  )[0] ?? {};
  const zoned = Number(shape.n ?? 0);
  if (zoned === 0) return undefined;
  if (zoned !== present) {
    const why = 'text: ISO times with an offset mixed with other forms; the SQL engines read a column of one form';
    return fail('sqlTimeNotRead', { table: table.name, column, example: String(shape.x ?? ''), why, engine: d.name });
  }
  // CLOCK's groups without its AM/PM one: an offset never follows a 12-hour clock.
  const clock = clockOf(d, (n) => (n === 8 ? 'NULL' : g(n)), 4);
  const zone = g(8);
  const oh = `coalesce(${gnum(d, d.regexpGroup!(zone, '^[-+]([0-9]{2})', 1))}, 0)`;
  const om = `coalesce(${gnum(d, d.regexpGroup!(zone, '^[-+][0-9]{2}:?([0-9]{2})$', 1))}, 0)`;
  const sign = `(CASE WHEN substr(${zone}, 1, 1) = '-' THEN -1 ELSE 1 END)`;
  const [y, m, day] = [gnum(d, g(1)), gnum(d, g(2)), gnum(d, g(3))];
  const valid = `(${validDate(y, m, day)} AND ${clock.validTime} AND ${oh} <= 23 AND ${om} <= 59)`;
  const r = (
    await conn.query(
      `SELECT ${count(valid)} AS n, min(CASE WHEN NOT ${valid} OR ${valid} IS NULL THEN ${text} END) AS bad FROM ${table.from} WHERE ${presentText(d, d.ident(column))}`,
    )
  )[0] ?? {};
  if (Number(r.n ?? 0) !== present) return { invalid: String(r.bad ?? ''), form: 'YYYY-MM-DDTHH:MM:SS+HH:MM' };
  const ms = `${civilDaysOf(d, y, m, day)} * ${DAY_MS} + ${clock.time} - ${sign} * (${oh} * 3600000 + ${om} * 60000)`;
  return { expr: d.instantOfMs(`CASE WHEN ${valid} THEN ${ms} END`), type: 'instant' };
}

/**
 * The day-month-year form in `order`: its fields, and the wall-clock ms of its time of
 * day. A dotted date is day-first (DD.MM.YYYY) whatever the values' order; under a
 * month-first date format it does not read (time/parse-date-text.ts).
 */
function dmyForm(d: Dialect, s: string, order: 'dmy' | 'mdy', fromFormat: boolean): TextForm {
  const g = (n: number): string => d.regexpGroup!(s, DMY_TEXT, n);
  const a = gnum(d, g(1));
  const { b, sep } = dmyMiddle(d, g(2));
  const dotted = `${sep} = '.'`;
  const dayFirst = order === 'dmy';
  const dotDay = dayFirst || !fromFormat ? a : 'NULL';
  const day = `(CASE WHEN ${dotted} THEN ${dotDay} ELSE ${dayFirst ? a : b} END)`;
  const m = `(CASE WHEN ${dotted} THEN ${b} ELSE ${dayFirst ? b : a} END)`;
  return { name: dayFirst ? 'DD/MM/YYYY' : 'MM/DD/YYYY', y: gnum(d, g(3)), m, day, ...clockOf(d, g, 4) };
}

/**
 * The day-month order of a/b/yyyy texts, as time/day-month-order.ts picks it: the format's,
 * else a field > 12 decides (the order of more rows); none deciding with an ambiguous value fails.
 */
async function dmyOrder(conn: SqlConnection, table: SqlTable, column: string, s: string, format: DateFormat | undefined): Promise<'dmy' | 'mdy'> {
  const given = dmyFormatOrder(format);
  if (given !== undefined) return given;
  const d = conn.dialect;
  const g = (n: number): string => d.regexpGroup!(s, DMY_TEXT, n);
  const a = gnum(d, g(1));
  const middle = dmyMiddle(d, g(2));
  // Dotted dates are day-first whatever the order: they do not vote.
  const b = `(CASE WHEN ${middle.sep} <> '.' THEN ${middle.b} END)`;
  const count = (cond: string): string => countIf(d, cond);
  const r = (
    await conn.query(
      `SELECT ${count(`${a} > 12 AND ${b} <= 12`)} AS df, ${count(`${b} > 12 AND ${a} <= 12`)} AS mf, ` +
        `min(CASE WHEN ${a} <> ${b} AND ${a} <= 12 AND ${b} <= 12 THEN ${d.text(d.ident(column))} END) AS amb FROM ${table.from}`,
    )
  )[0] ?? {};
  const df = Number(r.df ?? 0);
  const mf = Number(r.mf ?? 0);
  if (df || mf) return df >= mf ? 'dmy' : 'mdy';
  if (r.amb !== null && r.amb !== undefined) fail('ambiguousDate', { example: String(r.amb) }, { file: table.name, column });
  return 'dmy';
}

/**
 * The date texts read in SQL (dialects with regexpGroup), each one form of
 * time/parse-date-text.ts: YYYY-MM (the month's first day), D-Mon-YYYY (also "/" or
 * space, the same on both sides), Mon D, YYYY. Dates alone; the whole column one form.
 */
function textForms(d: Dialect, s: string): { name: string; y: string; m: string; day: string }[] {
  const g = (p: string, n: number): string => d.regexpGroup!(s, p, n);
  const num = (e: string): string => gnum(d, e);
  // A searched CASE: ClickHouse 18.16 refuses `CASE e WHEN` over a Nullable text.
  const month = (e: string): string => d.monthOfName?.(e, MONTHS) ?? `(CASE ${Object.entries(MONTHS).map(([w, m]) => `WHEN ${e} = ${d.string(w)} THEN ${m}`).join(' ')} END)`;
  const ym = '^([0-9]{4})-([0-9]{2})$';
  const dmy = '^([0-9]{1,2})(-([a-z]+)-|/([a-z]+)/| ([a-z]+) )([0-9]{4})$';
  const mdy = '^([a-z]+)[.]? ([0-9]{1,2}),? ([0-9]{4})$';
  return [
    { name: 'YYYY-MM', y: num(g(ym, 1)), m: num(g(ym, 2)), day: '1' },
    { name: 'D-Mon-YYYY', y: num(g(dmy, 6)), m: month(`coalesce(${g(dmy, 3)}, ${g(dmy, 4)}, ${g(dmy, 5)})`), day: num(g(dmy, 1)) },
    { name: 'Mon D, YYYY', y: num(g(mdy, 3)), m: month(g(mdy, 1)), day: num(g(mdy, 2)) },
  ];
}

/**
 * The column's form among the date texts read in SQL when every present value is a valid
 * date of it: a/b/yyyy (with a time of day or not; --date-format DD/MM/YYYY and the like
 * say the order), YYYY-MM and the month-name forms (without --date-format).
 */
export async function readTextForm(
  conn: SqlConnection,
  table: SqlTable,
  column: string,
  present: number,
  format: DateFormat | undefined,
): Promise<TimeColumn | { invalid: string; form: string } | undefined> {
  const d = conn.dialect;
  if (!d.regexpGroup || !d.localOfWallMs) return undefined;
  const s = `lower(${d.trimId(d.text(d.ident(column)))})`;
  const dmyFormat = dmyFormatOrder(format) !== undefined;
  if (format !== undefined && !dmyFormat) return undefined;
  const zoned = format === undefined ? await readZonedIso(conn, table, column, present) : undefined;
  if (zoned) return zoned;
  const count = (cond: string): string => countIf(d, cond);
  const g = (n: number): string => d.regexpGroup!(s, DMY_TEXT, n);
  const i1 = d.regexpGroup(s, ISO_TEXT, 1);
  const text = d.text(d.ident(column));
  const { sep } = dmyMiddle(d, g(2));
  const withSep = (c: string): string => `min(CASE WHEN ${sep} = ${d.string(c)} THEN ${text} END)`;
  const shapes = (
    await conn.query(
      `SELECT ${count(`${g(1)} IS NOT NULL`)} AS dmy, ${count(`${i1} IS NOT NULL`)} AS iso, ${withSep('/')} AS slash, ${withSep('-')} AS dash, ${withSep('.')} AS dot FROM ${table.from}`,
    )
  )[0] ?? {};
  const dmyRows = Number(shapes.dmy ?? 0);
  const isoRows = Number(shapes.iso ?? 0);
  if (dmyRows > 0 || dmyFormat || (isoRows > 0 && format === undefined)) {
    if (format === undefined) {
      // As memory's oneForm: "05.01.2024" and "13/01/2024" in one column are two forms; the date format says which is meant.
      const seps = (['slash', 'dash', 'dot'] as const).filter((k) => shapes[k] !== null && shapes[k] !== undefined);
      if (seps.length > 1) {
        const [a, b] = seps.map((k) => String(shapes[k]));
        fail('sqlMixedDayMonth', { a, b }, { file: table.name, column });
      }
    }
    const f = dmyRows > 0 || dmyFormat ? dmyForm(d, s, await dmyOrder(conn, table, column, s, format), format !== undefined) : isoForm(d, s);
    const valid = `(${validDate(f.y, f.m, f.day)} AND ${f.validTime})`;
    const r = (
      await conn.query(
        `SELECT ${count(valid)} AS n, ${count(f.hasTime)} AS timed, min(CASE WHEN NOT ${valid} OR ${valid} IS NULL THEN ${text} END) AS bad ` +
          `FROM ${table.from} WHERE ${presentText(d, d.ident(column))}`,
      )
    )[0] ?? {};
    if (Number(r.n ?? 0) !== present) return { invalid: String(r.bad ?? ''), form: f.name };
    const wholeDays = Number(r.timed ?? 0) === 0;
    const local = d.localOfWallMs(`CASE WHEN ${valid} THEN ${civilDaysOf(d, f.y, f.m, f.day)} * ${DAY_MS} + ${f.time} END`, wholeDays);
    if (!local) {
      const example = (await conn.query(`SELECT min(CASE WHEN ${f.hasTime} THEN ${text} END) AS x FROM ${table.from}`))[0]?.x;
      fail('sqlTimeNotRead', { table: table.name, column, example: String(example ?? ''), why: 'dates with a time of day; this engine holds such texts as whole days', engine: d.name });
    }
    return local;
  }
  const forms = textForms(d, s);
  const r = (await conn.query(`SELECT ${forms.map((f, i) => `${count(validDate(f.y, f.m, f.day))} AS f${i}`).join(', ')} FROM ${table.from}`))[0] ?? {};
  const i = forms.findIndex((_, k) => Number(r[`f${k}`] ?? 0) === present);
  if (i < 0) return undefined;
  const f = forms[i];
  return d.localOfWallMs(`CASE WHEN ${validDate(f.y, f.m, f.day)} THEN ${civilDaysOf(d, f.y, f.m, f.day)} * ${DAY_MS} END`, true);
}
