import { fail } from '../../errors.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import type { NormalizedFeedbackSpec } from '../../spec/feedback-spec.js';
import type { NormalizedOutcome, NormalizedReasonsSpec, NormalizedValueSpec } from '../../spec/outcome-spec.js';
import type { Zone } from '../../time/zone.js';
import { defineActivity, defineLifetimes, groupKey, idExpression, periodOfMs, timeFilterOf, type LifetimesCarry } from './lifetimes-sql.js';
import { filterSql, SqlBuilder, sumOf, type SqlSources, type SqlTable, timeColumn } from './sql-builder.js';
import { activityAttributeColumns, activityAttributes, joinFirstActivityValues } from './first-activity-values.js';
import { hasIdSql } from './id-sql.js';
import { textNumberSql, type TextNumbers } from './text-number-sql.js';

/**
 * The values of a status column (`event`: "Customer Status=Churned") that mean churned,
 * and those that mean no status (blank: left out), as the memory engine reads them
 * (readEvents over the column's distinct values); every other value is retained.
 */
export interface FlagValues {
  churned: unknown[];
  missing: unknown[];
}

/** What the outcome compilers need besides the spec. */
export interface OutcomeSqlOptions {
  /** The as-of instant; undefined for a status without activity (no time involved). */
  asOf: number | undefined;
  zone: Zone;
  /** With a status flag: its values read (see FlagValues). */
  flag?: FlagValues;
  /** Text value and amount columns read as memory reads them ("activity.amount" -> its reading: text-number-sql.ts). */
  textNumbers?: Record<string, TextNumbers>;
}

/**
 * defineOutcomes: the derived table `oc`, one row per customer in the run (METRICS.md
 * section 8: churned vs retained): groups ka0.. (as text; nps_class as the raw score),
 * `ams` (the anchor in epoch ms, 0 without one), `kp` (its period, with `cohort`), `st`
 * (1 churned, 0 retained) and what `carry` asks for (x0.., amt). Churn from times reuses
 * the lifetimes of survival (lifetimes-sql.ts); a status flag reads the customers table.
 */
export function defineOutcomes(b: SqlBuilder, spec: NormalizedOutcome, src: SqlSources, o: OutcomeSqlOptions, carry: LifetimesCarry): void {
  const d = b.d;
  let ka = spec.by.map((_, i) => `ka${i}`);
  const carried = (carry.customers ?? []).map((x) => x.alias);
  let from: string;
  let ams: string;
  let st: string;
  let where = '';
  if (spec.churn.kind === 'flag') {
    ({ from, ams, keys: ka } = defineFlag(b, spec, src, o, carry));
    st = 'st';
    where = '\nWHERE st < 2';
    if (carry.amount !== undefined) carried.push('CASE WHEN amt IS NULL THEN 0 ELSE amt END AS amt');
  } else {
    if (o.asOf === undefined) throw new Error('the as-of of churn from times is resolved first');
    defineLifetimes(b, spec as NormalizedChurnInput, src, { asOf: o.asOf, zone: o.zone }, carry);
    from = b.from('lt');
    ams = 'ams';
    st = 'CASE WHEN chx IS NULL THEN 0 ELSE 1 END';
    if (carry.amount !== undefined) carried.push('amt');
  }
  const kp = spec.cohort ? [`${d.bigint(periodOfMs(b, ams, spec.tz, spec.cohort, 'monday'))} AS kp`] : [];
  b.def('oc', `SELECT ${[...ka, `${ams} AS ams`, ...kp, `${st} AS st`, ...carried].join(', ')}\nFROM ${from}${where}`);
}

/** The conditions of a status flag's customers: id present, filters passed, its status, the signup. */
interface FlagParts {
  /** `<id> IS NOT NULL`, or undefined without an id (each row a customer). */
  id?: string;
  /** The customers filters, ANDed (undefined without any). */
  filters?: string;
  /** 0 retained, 1 churned, 2 no status. */
  status: string;
  /** The signup column, with a cohort by period. */
  signup?: { expr: string; ms: string; beforeAsOf?: string };
}

function flagParts(b: SqlBuilder, spec: NormalizedOutcome, src: SqlSources, o: OutcomeSqlOptions): FlagParts {
  const d = b.d;
  const C = src.customers;
  const cus = spec.customers;
  if (spec.churn.kind !== 'flag' || !C || !cus || !o.flag) throw new Error('a status flag needs the customers table and its values read');
  const col = b.id(spec.churn.event.column);
  const literal = (v: unknown): string => (typeof v === 'number' ? b.num(v) : b.str(String(v)));
  const list = (vs: unknown[]): string => vs.map(literal).join(', ');
  const status = [
    `CASE WHEN ${col} IS NULL THEN 2`,
    ...(o.flag.missing.length ? [`WHEN ${col} IN (${list(o.flag.missing)}) THEN 2`] : []),
    ...(o.flag.churned.length ? [`WHEN ${col} IN (${list(o.flag.churned)}) THEN 1`] : []),
    'ELSE 0 END',
  ].join(' ');
  const filters = spec.filters.filter((f) => f.table === 'customers').map((f) => filterSql(b, f, C, timeFilterOf(b, spec, o.zone)));
  const parts: FlagParts = { status, id: cus.id !== undefined ? hasIdSql(b, C, cus.id) : undefined, filters: filters.length ? filters.join(' AND ') : undefined };
  if (spec.anchor === 'signup') {
    const t = timeColumn(b, C, cus.signup!);
    const finite = o.asOf !== undefined && Number.isFinite(o.asOf);
    parts.signup = { expr: t.expr, ms: d.epochMs(t, spec.tz), beforeAsOf: finite ? `${t.expr} < ${d.timeLiteral(o.asOf!, o.asOf! + o.zone.offsetAt(o.asOf!), t)}` : undefined };
  }
  return parts;
}

/**
 * Customers with a status flag: `cu` (and `la` for amounts, `fv` for groups of the activity
 * table: the values of the first counted activity, as in memory); st 2 = no status (left
 * out). Returns the FROM of `oc`, its anchor and the SELECT items of its group keys.
 */
function defineFlag(b: SqlBuilder, spec: NormalizedOutcome, src: SqlSources, o: OutcomeSqlOptions, carry: LifetimesCarry): { from: string; ams: string; keys: string[] } {
  const d = b.d;
  const p = flagParts(b, spec, src, o);
  const id = spec.customers?.id;
  const actAttrs = activityAttributes(spec.by);
  const cols = [
    ...(id !== undefined ? [`${idExpression(b, spec, src)(id, 'customers')} AS cid`] : []),
    ...spec.by.flatMap((a, i) => (a.table === 'customers' ? [`${groupKey(b, a, src.customers)} AS ka${i}`] : [])),
    ...(carry.customers ?? []).map((x) => `${x.expr} AS ${x.alias}`),
    `${p.status} AS st`,
  ];
  const where = [p.id, p.filters].filter((w): w is string => w !== undefined);
  let ams = '0';
  if (p.signup) {
    cols.push(`${p.signup.ms} AS sms`);
    where.push(`${p.signup.expr} IS NOT NULL`, ...(p.signup.beforeAsOf ? [p.signup.beforeAsOf] : []));
    ams = 'sms';
  }
  b.def('cu', `SELECT ${cols.join(', ')}\nFROM ${src.customers!.from}${where.length ? `\nWHERE ${where.join('\n  AND ')}` : ''}`);
  let from = b.from('cu');
  let keys = spec.by.map((_, i) => `ka${i}`);
  if (carry.amount === undefined && actAttrs.length === 0) return { from, ams, keys };
  if (id === undefined) return fail('sqlUnsupported', { what: 'amounts or groups of the activity table without a customer id' });
  defineActivity(b, spec, src, { asOf: o.asOf, zone: o.zone, amount: carry.amount, columns: activityAttributeColumns(b, src.activity, actAttrs) });
  if (carry.amount !== undefined) from = `${from} ${d.leftJoin} ${b.from('la')} USING (cid)`;
  if (actAttrs.length) ({ from, keys } = joinFirstActivityValues(b, from, 'cb', spec.by.length, actAttrs));
  return { from, ams, keys };
}

/**
 * compileFlagReport: why customers with a status flag are left out, counted in the order
 * the memory engine counts them: filtered (f), no signup (ma), signup after as-of (aa),
 * no status (me); rows (r) and rows with an id (i).
 */
export function compileFlagReport(b: SqlBuilder, spec: NormalizedOutcome, src: SqlSources, o: OutcomeSqlOptions): string {
  const d = b.d;
  const p = flagParts(b, spec, src, o);
  const pass = p.filters ? `(CASE WHEN ${p.filters} THEN 1 ELSE 0 END)` : '1';
  const count = (...conds: (string | undefined)[]): string =>
    d.bigint(`sum(CASE WHEN ${conds.filter((c): c is string => c !== undefined).join(' AND ') || '1 = 1'} THEN 1 ELSE 0 END)`);
  const kept = [p.id, `${pass} = 1`];
  const anchored = p.signup ? [`${p.signup.expr} IS NOT NULL`, ...(p.signup.beforeAsOf ? [p.signup.beforeAsOf] : [])] : [];
  const items = [
    `${d.bigint('count(*)')} AS r`,
    `${p.id ? count(p.id) : d.bigint('count(*)')} AS i`,
    `${count(p.id, `${pass} = 0`)} AS f`,
    `${p.signup ? count(...kept, `${p.signup.expr} IS NULL`) : '0'} AS ma`,
    `${p.signup?.beforeAsOf ? count(...kept, `${p.signup.expr} IS NOT NULL`, `NOT (${p.signup.beforeAsOf})`) : '0'} AS aa`,
    `${count(...kept, ...anchored, `(${p.status}) = 2`)} AS me`,
  ];
  return `SELECT ${items.join(', ')}\nFROM ${src.customers!.from}`;
}

/** The group keys of a final SELECT: ka0.., kp with a cohort, and the smallest anchor (`am`) to label it. */
function groupKeys(spec: { by: unknown[]; cohort?: unknown }): { keys: string[]; select: string[] } {
  const keys = [...spec.by.map((_, i) => `ka${i}`), ...(spec.cohort ? ['kp'] : [])];
  return { keys, select: [...keys, ...(spec.cohort ? ['min(ams) AS am'] : [])] };
}

/**
 * compileReasons: per group, status and reason (r0, r1: the raw reason text of churned
 * customers, NULL for the retained), the number of customers (n). Reasons are counted
 * and ordered from these few rows by the memory engine's reasonCounts.
 */
export function compileReasons(b: SqlBuilder, spec: NormalizedReasonsSpec, src: SqlSources, o: OutcomeSqlOptions): string {
  const d = b.d;
  const x = spec.reasons.map((c, l) => ({ expr: d.text(b.id(c)), alias: `x${l}` }));
  defineOutcomes(b, spec, src, o, { customers: x });
  const g = groupKeys(spec);
  const r = spec.reasons.map((_, l) => `r${l}`);
  b.def('ro', `SELECT ${[...g.keys, 'ams', 'st', ...r.map((a, l) => `CASE WHEN st = 1 THEN x${l} ELSE NULL END AS ${a}`)].join(', ')}\nFROM ${b.from('oc')}`);
  return b.render(`SELECT ${[...g.select, 'st', ...r, `${d.bigint('count(*)')} AS n`].join(', ')}\nFROM ${b.from('ro')}\nGROUP BY ${[...g.keys, 'st', ...r].join(', ')}`);
}

/**
 * compileValue: per group and status (and once over all groups), customers (n), those with
 * a value (nv), the total and the exact median (the dialect's median: the mean of the two
 * middle values, as d3-array's). The value is the --value column, or the activity amounts
 * summed per customer (0 without activity).
 */
export function compileValue(b: SqlBuilder, spec: NormalizedValueSpec, src: SqlSources, o: OutcomeSqlOptions): { groups: string; overall: string } {
  const d = b.d;
  const v = spec.value;
  // Text is read as memory reads it ("$5", "1,000.50"; text-number-sql.ts) where its shapes
  // were read; else (printed SQL) text that is no number is a missing value where the dialect can tell.
  const number = (role: 'customers' | 'activity', column: string): string => {
    const reading = o.textNumbers?.[`${role}.${column}`];
    if (reading) return textNumberSql(b, column, reading);
    return src[role]?.types[column] === 'text' && d.tryDouble ? d.tryDouble(b.id(column)) : d.double(b.id(column));
  };
  const carry: LifetimesCarry =
    v.kind === 'column'
      ? { customers: [{ expr: number('customers', v.column), alias: 'x0' }] }
      : { amount: v.columns.map((c) => number('activity', c)).join(' * ') };
  defineOutcomes(b, spec, src, o, carry);
  const g = groupKeys(spec);
  const value = v.kind === 'column' ? 'x0' : 'amt';
  // vn: whether the value is missing (window partitions take plain columns in some dialects).
  const vn = d.median ? [] : [`CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END AS vn`];
  b.def('vo', `SELECT ${[...g.keys, 'ams', 'st', `${value} AS v`, ...vn].join(', ')}\nFROM ${b.from('oc')}`);
  const stats = (median: string): string[] => [`${d.bigint('count(*)')} AS n`, `${d.bigint('count(v)')} AS nv`, `${sumOf(d, 'v')} AS tot`, `${median} AS med`];
  if (d.median) {
    return {
      groups: b.render(`SELECT ${[...g.select, 'st', ...stats(d.median('v'))].join(', ')}\nFROM ${b.from('vo')}\nGROUP BY ${[...g.keys, 'st'].join(', ')}`),
      overall: b.render(`SELECT ${['st', ...stats(d.median('v'))].join(', ')}\nFROM ${b.from('vo')}\nGROUP BY st`),
    };
  }
  // No exact median aggregate: number the values of each bucket in order and average the
  // middle one or two (rn = cv / 2 and cv / 2 + 1, or (cv + 1) / 2), exactly d3-array's median.
  const middle = 'avg(CASE WHEN v IS NOT NULL AND (2 * rn = cv OR 2 * rn = cv + 1 OR 2 * rn = cv + 2) THEN v END)';
  const ranked = (name: string, keys: string[]): string => {
    const part = [...keys, 'st', 'vn'].join(', ');
    b.def(name, `SELECT ${[...keys, 'ams', 'st', 'v', `row_number() OVER (PARTITION BY ${part} ORDER BY v) AS rn`, `count(*) OVER (PARTITION BY ${part}) AS cv`].join(', ')}\nFROM ${b.from('vo')}`);
    return b.from(name);
  };
  const groupsFrom = ranked('vr', g.keys);
  const overallFrom = ranked('vs', []);
  return {
    groups: b.render(`SELECT ${[...g.select, 'st', ...stats(middle)].join(', ')}\nFROM ${groupsFrom}\nGROUP BY ${[...g.keys, 'st'].join(', ')}`),
    overall: b.render(`SELECT ${['st', ...stats(middle)].join(', ')}\nFROM ${overallFrom}\nGROUP BY st`),
  };
}

/**
 * compileFeedback: per group (nps_class as the raw NPS score) and raw scores (s_nps,
 * s_csat, s_ces), the number of answers (n): scores are read, rejected and counted from
 * these few rows by the memory engine's readScores and feedbackCounts.
 */
export function compileFeedback(b: SqlBuilder, spec: NormalizedFeedbackSpec, table: SqlTable, zone: Zone): string {
  const ka = spec.by.map((a, i) => `${groupKey(b, a, table)} AS ka${i}`);
  const scores = FEEDBACK_SCORES.filter((s) => spec[s] !== undefined).map((s) => `${b.id(spec[s]!)} AS s_${s}`);
  const where = [
    ...(spec.id !== undefined ? [hasIdSql(b, table, spec.id)] : []),
    ...spec.filters.map((f) => filterSql(b, f, table, timeFilterOf(b, {}, zone))),
  ];
  b.def('fa', `SELECT ${[...ka, ...scores].join(', ')}\nFROM ${table.from}${where.length ? `\nWHERE ${where.join('\n  AND ')}` : ''}`);
  const keys = [...spec.by.map((_, i) => `ka${i}`), ...FEEDBACK_SCORES.filter((s) => spec[s] !== undefined).map((s) => `s_${s}`)];
  return b.render(`SELECT ${[...keys, `${b.d.bigint('count(*)')} AS n`].join(', ')}\nFROM ${b.from('fa')}${keys.length ? `\nGROUP BY ${keys.join(', ')}` : ''}`);
}

/** The score columns of a feedback spec, in output order. */
export const FEEDBACK_SCORES = ['nps', 'csat', 'ces'] as const;
