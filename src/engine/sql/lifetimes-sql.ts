import { fail } from '../../errors.js';
import type { Granularity, WeekStart } from '../../spec/types.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import type { Zone } from '../../time/zone.js';
import { DAY_MS, type TimeColumn } from './dialect.js';
import { periodOfDay } from './period-sql.js';
import { activityAttributeColumns, activityAttributes, joinFirstActivityValues } from './first-activity-values.js';
import { NPS_CLASSES } from '../../stats/feedback-scores.js';
import { filterSql, numberSql, SqlBuilder, timeColumn, timeLiterals, labelText, type SqlSources, type SqlTable } from './sql-builder.js';
import { hasIdSql, idSql } from './id-sql.js';
import { durationsFilters, durationsHaveId, durationsTable } from './given-durations-report.js';

/** Churn period of a customer not churned by as-of (crr-kernel.ts NO_CHURN). */
export const NO_CHURN_SQL = 2_147_483_647;

/** What the lifetimes query returns, aggregated. */
export type LifetimesShape =
  /** Survival: per group and duration (ms), the customers and those with the event, sorted by duration (see tallyOutput). */
  | { kind: 'durations' }
  /** CRR: per group, signup and churn period (NO_CHURN_SQL = none), the number of customers. */
  | { kind: 'periods'; period: Granularity; weekStart: WeekStart };

/**
 * compileLifetimes: each customer's lifetime (METRICS.md sections 5-7) - anchor (signup,
 * else first activity), churn (the churn column: empty or after as-of = none, before the
 * anchor = out of the run; or inferred: last activity + W when at or before as-of) -
 * aggregated in the database to the few rows the statistics need: the Kaplan-Meier tally
 * (per group and distinct duration: customers n, events d; see tallyOutput for the
 * columns; the curves and the log-rank test are finished in TypeScript), or a histogram of
 * signup and churn periods per group (CRR: ka0.. as text, sp, cp, n).
 */
export function compileLifetimes(
  b: SqlBuilder,
  spec: NormalizedChurnInput,
  src: SqlSources,
  o: { asOf: number; zone: Zone; shape: LifetimesShape },
): string {
  const d = b.d;
  if (spec.churn.kind === 'duration') return compileGivenDurations(b, spec, src);
  if (spec.by.some((a) => a.nps !== undefined)) fail('sqlUnsupported', { what: 'nps_class groups in survival and CRR' });
  defineLifetimes(b, spec, src, o);
  const tz = spec.tz;
  const A = o.asOf;
  const ka = spec.by.map((_, i) => `ka${i}`);
  const keyList = ka.join(', ');
  const keys = (more: string): string => (ka.length ? `${keyList}, ${more}` : more);

  if (o.shape.kind === 'durations') {
    // Doubles: exact for whole ms below 2^53, and cheaper to read back than 64-bit integers.
    const dur = d.double(`CASE WHEN chx IS NULL THEN ${b.num(A)} - ams ELSE chx - ams END`);
    const ev = 'CASE WHEN chx IS NULL THEN 0 ELSE 1 END';
    b.def('ld', `SELECT ${keys(`${dur} AS dur, ${ev} AS ev`)}\nFROM ${b.from('lt')}`);
    b.def('tt', `SELECT ${keys(`dur, ${d.double('sum(ev)')} AS d, ${d.double('count(*)')} AS n`)}\nFROM ${b.from('ld')}\nGROUP BY ${keys('dur')}`);
    return tallyOutput(b, ka, 'tt', ['dur', 'd', 'n']);
  }
  const { period, weekStart } = o.shape;
  const sp = d.bigint(periodOfMs(b, 'ams', tz, period, weekStart));
  const cp = d.bigint(`CASE WHEN chx IS NULL THEN ${NO_CHURN_SQL} ELSE ${periodOfMs(b, 'chx', tz, period, weekStart)} END`);
  b.def('lp', `SELECT ${keys(`${sp} AS sp, ${cp} AS cp`)}\nFROM ${b.from('lt')}`);
  return b.render(`SELECT ${keys(`sp, cp, ${d.bigint('count(*)')} AS n`)}\nFROM ${b.from('lp')}\nGROUP BY ${keys('sp, cp')}`);
}

/**
 * tallyOutput: the final SELECT over the aggregated table `table` (group keys ka0.., then
 * `cols`, the first of them the duration `dur`), sorted by duration. Without groups, or
 * without window functions (ClickHouse 18): ka0.. as text on every row, then `cols`. With
 * window functions the groups travel as small integer codes, so a million-row result
 * carries no text: first one row per group (k = 0: its code g and its keys ka0..), then
 * the rows (k = 1: g and `cols`, ka0.. NULL).
 */
export function tallyOutput(b: SqlBuilder, ka: string[], table: string, cols: string[]): string {
  const d = b.d;
  if (!ka.length || !d.windows) return b.render(`SELECT ${[...ka, ...cols].join(', ')}\nFROM ${b.from(table)}\nORDER BY ${cols[0]}`);
  const keyList = ka.join(', ');
  b.def('gl', `SELECT ${keyList}, ${d.double(`row_number() OVER (ORDER BY ${keyList}) - 1`)} AS g\nFROM (SELECT DISTINCT ${keyList} FROM ${b.from(table)}) AS gd`);
  // Keys are text: coalesce makes the join an equi-join (hashable) that still tells NULL from ''.
  const on = ka.map((k) => `coalesce(${table}.${k}, ${b.str('')}) = coalesce(gl.${k}, ${b.str('')}) AND (${table}.${k} IS NULL) = (gl.${k} IS NULL)`);
  const groups = `SELECT 0 AS k, g, ${ka.join(', ')}, ${cols.map((c) => `${d.double('NULL')} AS ${c}`).join(', ')}\nFROM ${b.from('gl')}`;
  const rows = `SELECT 1 AS k, gl.g, ${ka.map((k) => `${d.text('NULL')} AS ${k}`).join(', ')}, ${cols.map((c) => `${table}.${c}`).join(', ')}\nFROM ${b.from(table)} ${d.innerJoin} ${b.from('gl')} ON ${on.join('\n  AND ')}`;
  return b.render(`${groups}\nUNION ALL\n${rows}\nORDER BY k, ${cols[0]}`);
}

/** What the rows of the survival SQL are (after "Rows"), as `kohort sql` prints them. */
export function survivalRowsText(spec: NormalizedChurnInput, windows: boolean): string {
  if (spec.churn.kind === 'duration') return ', sorted by dur: per group (ka0..), dur = duration as given, evt = the event text, n = customers';
  const cols = 'dur = duration (ms from the anchor to churn or as-of), d = customers churned, n = customers';
  if (!spec.by.length || !windows) return `, sorted by dur: per group (ka0..) and ${cols}`;
  return `: first k = 0, one per group: g = its code, ka0.. = its keys; then k = 1, sorted by dur: per group code g and ${cols}`;
}

/** The period index, in the zone, of an instant in epoch ms: plain arithmetic in UTC, the zone's rules otherwise. */
export function periodOfMs(b: SqlBuilder, ms: string, tz: string, period: Granularity, weekStart: WeekStart): string {
  const d = b.d;
  const day = tz === 'UTC' ? d.floorDiv(ms, DAY_MS) : d.localDay({ expr: d.instantOfMs(ms), type: 'instant' }, tz);
  return periodOfDay(b, day, period, weekStart);
}

/** What an analysis carries per customer besides its lifetime (reasons, value: outcome-sql.ts). */
export interface LifetimesCarry {
  /** SELECT items over the customers table, carried to `lt` under their aliases. */
  customers?: { expr: string; alias: string }[];
  /** An amount over the activity table, summed per customer as `amt` (0 without counted activity). */
  amount?: string;
}

/**
 * defineLifetimes: the derived tables up to `lt`, one row per customer in the run: its
 * groups ka0.. (nps_class groups as their raw NPS score; groups of the activity table as
 * the values of the first counted activity), anchor `ams` and churn `chx` (epoch ms; NULL
 * = not churned by as-of), and what `carry` asks for.
 */
export function defineLifetimes(
  b: SqlBuilder,
  spec: NormalizedChurnInput,
  src: SqlSources,
  o: { asOf: number; zone: Zone },
  carry: LifetimesCarry = {},
): void {
  const d = b.d;
  if (spec.churn.kind === 'duration') throw new Error('durations given directly have no lifetimes to define');
  const churn = spec.churn;
  // Groups of the activity table: the values of each customer's first counted activity.
  const actAttrs = activityAttributes(spec.by);
  const tz = spec.tz;
  const A = o.asOf;
  const lit = (ms: number, t: TimeColumn): string => d.timeLiteral(ms, ms + o.zone.offsetAt(ms), t);
  const ka = spec.by.map((_, i) => `ka${i}`);
  const keyList = ka.join(', ');
  const cus = spec.customers;
  const untilFirst = spec.churn.kind === 'first-activity';
  const needActivity = spec.anchor === 'first-activity' || spec.churn.kind === 'inactivity' || untilFirst || actAttrs.length > 0 || carry.amount !== undefined;
  const idExpr = idExpression(b, spec, src);

  if (needActivity) defineActivity(b, spec, src, { asOf: A, zone: o.zone, amount: carry.amount, columns: activityAttributeColumns(b, src.activity, actAttrs) });
  if (cus && src.customers) {
    const C = src.customers;
    const cols = [
      `${idExpr(cus.id!, 'customers')} AS cid`,
      ...spec.by.flatMap((a, i) => (a.table === 'customers' ? [`${groupKey(b, a, C)} AS ${ka[i]}`] : [])),
      ...(carry.customers ?? []).map((x) => `${x.expr} AS ${x.alias}`),
    ];
    const timeFilter = timeFilterOf(b, spec, o.zone);
    const where = [hasIdSql(b, C, cus.id!), ...spec.filters.filter((f) => f.table === 'customers').map((f) => filterSql(b, f, C, timeFilter))];
    if (spec.anchor === 'signup') {
      const s = timeColumn(b, C, cus.signup!);
      cols.push(`${d.epochMs(s, tz)} AS sms`);
      where.push(`${s.expr} IS NOT NULL`, `${s.expr} < ${lit(A, s)}`);
    }
    if (spec.churn.kind === 'column') cols.push(`${d.epochMs(timeColumn(b, C, spec.churn.column), tz)} AS chms`);
    b.def('cu', `SELECT ${cols.join(', ')}\nFROM ${C.from}\nWHERE ${where.join('\n  AND ')}`);
  }

  let base: string;
  if (spec.anchor === 'signup') {
    base = spec.churn.kind === 'inactivity' || carry.amount !== undefined ? `${b.from('cu')} ${d.leftJoin} ${b.from('la')} USING (cid)` : b.from('cu');
  } else {
    base = cus && src.customers ? `${b.from('la')} ${d.innerJoin} ${b.from('cu')} USING (cid)` : b.from('la');
  }
  if (untilFirst && spec.anchor === 'signup') {
    // Time to first activity: the first counted activity at or after the signup.
    b.def('fx', `SELECT cid, min(et) AS fxt\nFROM ${b.from('ev')} ${d.innerJoin} ${b.from('cu')} USING (cid)\nWHERE et >= sms\nGROUP BY cid`);
    // One join per SELECT (ClickHouse 18).
    b.def('lf', `SELECT *\nFROM ${base}`);
    base = `${b.from('lf')} ${d.leftJoin} ${b.from('fx')} USING (cid)`;
  }
  let keySelect = keyList;
  if (actAttrs.length) {
    const joined = joinFirstActivityValues(b, base, 'lb', spec.by.length, actAttrs);
    base = joined.from;
    keySelect = joined.keys.join(', ');
  }
  const ams = spec.anchor === 'signup' ? 'sms' : 'fms';
  let chx: string;
  const where: string[] = [];
  if (untilFirst) {
    // Counted activity is before as-of; ClickHouse's LEFT JOIN gives 0 for no match, hence the test.
    chx = spec.anchor === 'signup' ? `CASE WHEN fxt IS NOT NULL AND fxt >= ${ams} THEN fxt ELSE NULL END` : ams;
  } else if (spec.churn.kind === 'column') {
    chx = `CASE WHEN chms IS NULL OR chms > ${b.num(A)} THEN NULL ELSE chms END`;
    where.push(`(chms IS NULL OR chms >= ${ams})`);
  } else {
    const w = b.num((churn as { days: number }).days * DAY_MS);
    // Last seen: the last counted activity, or the anchor when later (or no activity).
    const seen = spec.anchor === 'signup' ? `CASE WHEN lms IS NOT NULL AND lms > ${ams} THEN lms ELSE ${ams} END` : 'lms';
    chx = `CASE WHEN ${seen} + ${w} <= ${b.num(A)} THEN ${seen} + ${w} ELSE NULL END`;
  }
  const carried = [...(carry.customers ?? []).map((x) => x.alias), ...(carry.amount !== undefined ? ['CASE WHEN amt IS NULL THEN 0 ELSE amt END AS amt'] : [])];
  b.def('lt', `SELECT ${ka.length ? `${keySelect}, ` : ''}${ams} AS ams, ${chx} AS chx${carried.map((c) => `, ${c}`).join('')}\nFROM ${base}${where.length ? `\nWHERE ${where.join(' AND ')}` : ''}`);
}

/** A customer's id as both tables can join on it (as text when their types differ, as memory reads ids). */
export function idExpression(b: SqlBuilder, spec: Pick<NormalizedChurnInput, 'activity' | 'customers'>, src: SqlSources): (column: string, table: 'activity' | 'customers') => string {
  const act = spec.activity;
  const cus = spec.customers;
  const differ = !!(src.activity && src.customers && act && cus?.id && src.activity.types[act.id] !== src.customers.types[cus.id]);
  return (column, table) => idSql(b, src[table], column, differ);
}

/**
 * A group column as text, a blank text as none (labelText, as memory reads it); a derived nps_class as
 * the class of its NPS score (npsClassIndex: whole numbers 0-6, 7-8, 9-10; else none), so
 * one group is one key in SQL, as the value statistics (medians) need.
 */
export function groupKey(b: SqlBuilder, a: { column: string; nps?: string }, table: SqlTable | undefined): string {
  const d = b.d;
  if (a.nps === undefined) return labelText(b, table, a.column);
  const col = b.id(a.nps);
  const x = table?.types[a.nps] === 'text' && d.tryDouble ? d.tryDouble(col) : d.double(col);
  const scores = [[0, 1, 2, 3, 4, 5, 6], [7, 8], [9, 10]];
  const when = NPS_CLASSES.map((c, k) => `WHEN ${x} IN (${scores[k].join(', ')}) THEN ${b.str(c)}`).reverse();
  return `CASE ${when.join(' ')} ELSE NULL END`;
}

/** The literal of a time filter's value, read in the run's zone. */
export function timeFilterOf(b: SqlBuilder, spec: Pick<NormalizedChurnInput, 'dateFormat'>, zone: Zone): (value: string, t: TimeColumn) => string {
  return timeLiterals(b.d, zone, spec.dateFormat).timeFilter;
}

/**
 * defineActivity: `ev`, the counted activity rows (id and time present, before as-of, the
 * activity filters) with `columns` carried, and `la`, per customer its first and last
 * activity (fms, lms) and, with `amount`, the sum of the amounts (amt; missing skipped).
 */
export function defineActivity(
  b: SqlBuilder,
  spec: Pick<NormalizedChurnInput, 'activity' | 'customers' | 'filters' | 'tz' | 'dateFormat'>,
  src: SqlSources,
  o: { asOf: number | undefined; zone: Zone; amount?: string; columns?: string[] },
): void {
  const d = b.d;
  const act = spec.activity;
  if (!act || !src.activity) return fail('sqlUnsupported', { what: 'a first-activity anchor, inferred churn or amounts without an activity table' });
  const t = timeColumn(b, src.activity, act.time);
  const where = [
    hasIdSql(b, src.activity, act.id),
    `${t.expr} IS NOT NULL`,
    ...(o.asOf !== undefined && Number.isFinite(o.asOf) ? [`${t.expr} < ${d.timeLiteral(o.asOf, o.asOf + o.zone.offsetAt(o.asOf), t)}`] : []),
    ...spec.filters.filter((f) => f.table === 'activity').map((f) => filterSql(b, f, src.activity!, timeFilterOf(b, spec, o.zone))),
  ];
  const cols = [`${idExpression(b, spec, src)(act.id, 'activity')} AS cid`, `${d.epochMs(t, spec.tz)} AS et`, ...(o.amount !== undefined ? [`${o.amount} AS amt`] : []), ...(o.columns ?? [])];
  b.def('ev', `SELECT ${cols.join(', ')}\nFROM ${src.activity.from}\nWHERE ${where.join('\n  AND ')}`);
  b.def('la', `SELECT cid, min(et) AS fms, max(et) AS lms${o.amount !== undefined ? ', sum(amt) AS amt' : ''}\nFROM ${b.from('ev')}\nGROUP BY cid`);
}

/**
 * Durations given directly (--duration, --event): per group, duration value and event text,
 * the number of rows with an id, sorted by duration. The event's values are read by the same rules as in memory, on the
 * few distinct values that come back (executeSurvivalSql). A table that repeats ids is read as its first rows (first-rows-sql.ts).
 */
function compileGivenDurations(b: SqlBuilder, spec: NormalizedChurnInput, src: SqlSources): string {
  const d = b.d;
  if (spec.churn.kind !== 'duration') throw new Error('durations given directly only');
  const table = durationsTable(src);
  const ka = spec.by.map((_, i) => `ka${i}`);
  const cols = [
    ...spec.by.map((a, i) => `${labelText(b, table, a.column)} AS ${ka[i]}`),
    `${numberSql(b, table, spec.churn.duration)} AS dur`,
    `${d.text(b.id(spec.churn.event.column))} AS evt`,
  ];
  const has = durationsHaveId(b, spec, table);
  const where = [...(has === undefined ? [] : [has]), ...durationsFilters(b, spec.filters, table)];
  b.def('gd', `SELECT ${cols.join(', ')}\nFROM ${table.from}${where.length ? `\nWHERE ${where.join('\n  AND ')}` : ''}`);
  const keys = [...ka, 'dur', 'evt'].join(', ');
  return b.render(`SELECT ${keys}, ${d.double('count(*)')} AS n\nFROM ${b.from('gd')}\nGROUP BY ${keys}\nORDER BY dur`);
}
