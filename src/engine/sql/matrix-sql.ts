import { fail } from '../../errors.js';
import type { MatrixPlan } from '../../plan/matrix-plan.js';
import { periodsOfInstants } from '../../time/periods.js';
import type { Zone } from '../../time/zone.js';
import { activeBits } from './active-bits.js';
import { DAY_MS } from './dialect.js';
import { ALIVE } from './matrix-columns.js';
import { activityAttributeColumns, activityAttributes, defineFirstActivityValues } from './first-activity-values.js';
import { elapsedK, periodOfDay, periodOfTime } from './period-sql.js';
import { filterSql, numberSql, SqlBuilder, timeColumn, timeLiterals, labelText, type SqlSources, type SqlTable } from './sql-builder.js';
import { hasIdSql, idSql } from './id-sql.js';
import { fold, foldTotals, type FoldOptions } from './folded-counts-sql.js';
import { matrixParts } from './matrix-parts-sql.js';

/** What compileMatrix needs besides the plan. */
export interface MatrixSqlOptions {
  /** The as-of instant (epoch ms), already resolved. */
  asOf: number;
  zone: Zone;
  /**
   * The earliest time (epoch ms) of the activity table, where known: with the dialect's
   * bit sets, each customer's active periods become one value (see activeBits).
   */
  firstActivity?: number;
  /**
   * Only the activity rows before each customer's anchor, per cohort (kind 'c', k = -1,
   * lo = rows): the follow-up of a bit-set query whose 'u' rows found customers with such rows.
   */
  beforeAnchorOnly?: boolean;
  /**
   * Fold the activity counts into a bit-set query (folded-counts-sql.ts): its 'a' rows. The
   * query then reads every activity row with an id; without bit sets there is no fold.
   */
  fold?: FoldOptions;
}

/**
 * compileMatrix: MatrixPlan -> one SELECT that returns the cohort sizes and cell counts
 * (MATRIX_COLUMNS plus ka0..), so a database does the heavy part (scan, per customer and
 * period distinct rows, joins) and only a few rows per cohort come back. The values,
 * completeness and the average are computed from these counts by the same code as the
 * memory engine (assemble-matrix.ts).
 */
export function compileMatrix(b: SqlBuilder, plan: MatrixPlan, src: SqlSources, o: MatrixSqlOptions): string {
  const spec = plan.spec;
  const d = b.d;
  const act = spec.activity;
  const cus = spec.customers;
  const A = src.activity;
  const C = src.customers;
  if (!act || !A) return fail('sqlUnsupported', { what: 'a matrix without an activity table' });
  // Rolling completeness (METRICS.md section 3): each customer counts up to its own last
  // complete offset `lim` (rolling-limits.ts); eligible(c, k) comes back as kind 'e'.
  const rolling = spec.completeness === 'rolling';
  const survival = spec.mode === 'survival';
  // Survival mode: churn from the churn column, or inferred (last activity + W, METRICS.md
  // section 6) when there is none; a churn column (given or detected) wins, as in memory.
  const inferred = survival && !cus?.churn && spec.inactiveAfterDays !== undefined;
  if (survival && !inferred && !cus?.churn) fail('modeNeedsChurn', { mode: spec.mode });
  const elapsed = spec.offsets === 'elapsed';
  const signup = spec.anchor === 'signup';
  // The anchor instant (epoch ms) of each customer, as the stages below name it.
  const anchorMs = elapsed ? 'ams' : 'sms';
  const tz = spec.tz;
  const { lit, timeFilter } = timeLiterals(d, o.zone, spec.dateFormat);
  const attrs = spec.cohort.attributes.map((a, i) => ({ column: a.column, table: a.table, alias: `ka${i}` }));
  // Attributes of the activity table: the values of each customer's first counted activity.
  const actAttrs = activityAttributes(spec.cohort.attributes);
  const ka = attrs.map((a) => b.id(a.alias));
  const keys = [b.id('kt'), ...ka];
  const keyList = keys.join(', ');

  // Ids join as text when the two tables type them differently (memory reads ids as text).
  const idTypesDiffer = !!(C && cus && A.types[act.id] !== C.types[cus.id]);
  const idExpr = (table: SqlTable, column: string): string => idSql(b, table, column, idTypesDiffer);

  // ---- activity rows that count: id and time present, before as-of, filters ----------
  const t = timeColumn(b, A, act.time);
  const before = `${t.expr} < ${lit(o.asOf, t)}`;
  const actFilters = spec.filters.filter((f) => f.table === 'activity').map((f) => filterSql(b, f, A, timeFilter));
  const amount = plan.needs.revenue && act.amount ? act.amount.map((c) => numberSql(b, A, c)).join(' * ') : undefined;
  const bits = activeBits(d, plan, o, actAttrs.length > 0);
  const folded = bits && o.fold ? fold(b, A, act.id, idExpr(A, act.id), t, before, actFilters) : undefined;
  const actWhere = folded ? [hasIdSql(b, A, act.id)] : [hasIdSql(b, A, act.id), `${t.expr} IS NOT NULL`, before, ...actFilters];
  if (o.beforeAnchorOnly && (!signup || elapsed)) throw new Error('rows before the anchor: calendar offsets from a signup only');
  const evCols = [`${idExpr(A, act.id)} AS cid`];
  if (elapsed) evCols.push(`${d.wallMs(t, tz)} AS w`);
  else evCols.push(`${d.localDay(t, tz)} AS d`, `${periodOfTime(b, t, tz, spec.period, spec.weekStart)} AS p`);
  if ((elapsed && !signup) || (survival && (!signup || inferred)) || actAttrs.length) evCols.push(`${d.epochMs(t, tz)} AS et`);
  if (amount) evCols.push(`${amount} AS ea`);
  evCols.push(...activityAttributeColumns(b, A, actAttrs), ...(folded?.evCols ?? []));
  b.def('ev', `SELECT ${evCols.join(', ')}\nFROM ${A.from}\nWHERE ${actWhere.join('\n  AND ')}`);

  // ---- customers: filters, attributes, signup --------------------------------------
  const cusFilters = spec.filters.filter((f) => f.table === 'customers');
  if (cus && C) {
    const cols = [`${idExpr(C, cus.id)} AS cid`, ...attrs.filter((a) => a.table === 'customers').map((a) => `${labelText(b, C, a.column)} AS ${b.id(a.alias)}`)];
    const where = [hasIdSql(b, C, cus.id), ...cusFilters.map((f) => filterSql(b, f, C, timeFilter))];
    if (signup) {
      const s = timeColumn(b, C, cus.signup!);
      where.push(`${s.expr} IS NOT NULL`, `${s.expr} < ${lit(o.asOf, s)}`);
      if (elapsed) cols.push(`${d.wallMs(s, tz)} AS aw`, `${d.epochMs(s, tz)} AS ams`);
      else cols.push(`${d.localDay(s, tz)} AS ad`);
      if (survival && !elapsed) cols.push(`${d.epochMs(s, tz)} AS sms`);
    }
    if (survival && !inferred) {
      const ch = timeColumn(b, C, cus.churn!);
      cols.push(`${d.epochMs(ch, tz)} AS chms`);
      cols.push(elapsed ? `${d.wallMs(ch, tz)} AS chw` : `${d.localDay(ch, tz)} AS chd`);
    }
    b.def('cu', `SELECT ${cols.join(', ')}\nFROM ${C.from}\nWHERE ${where.join('\n  AND ')}`);
  }

  // ---- per customer and period: the distinct rows (calendar) ----------------------
  if (bits) {
    // Per customer: its active periods as bits, its rows (nr), first period (p1), last (p2: "on or after" only).
    // Folded: over the rows that count only (the others are in the fold's totals).
    const on = folded ? folded.kept : (e: string): string => e;
    const agg = ['cid', `${d.bits!.or(on(d.bits!.one(`p - ${b.num(bits.p0)}`)))} AS am`, `${d.bigint(folded ? 'sum(q)' : 'count(*)')} AS nr`];
    agg.push(`min(${on('p')}) AS p1`);
    if (plan.needs.lastOffset) agg.push(`max(${on('p')}) AS p2`);
    if (!signup) agg.push(`min(${on('d')}) AS ad`);
    if (!signup && survival) agg.push(`min(${on('et')}) AS sms`);
    if (inferred) agg.push(`max(${on('et')}) AS lms`);
    if (folded) {
      b.def('ca', `SELECT ${[...agg, ...foldTotals(b, folded)].join(', ')}\nFROM ${b.from('ev')}\nGROUP BY cid`);
      b.def('cm', `SELECT ${agg.map((a) => a.replace(/^.* AS /, '')).join(', ')}\nFROM ${b.from('ca')}\nWHERE nr > 0`);
    } else b.def('cm', `SELECT ${agg.join(', ')}\nFROM ${b.from('ev')}\nGROUP BY cid`);
  } else if (!elapsed) {
    const agg = ['cid', 'p', 'min(d) AS d0', `${d.bigint('count(*)')} AS nrows`];
    if (amount) agg.push('sum(ea) AS amt');
    if (!signup && survival) agg.push('min(et) AS tms');
    if (inferred) agg.push('max(et) AS lmx');
    b.def('am', `SELECT ${agg.join(', ')}\nFROM ${b.from('ev')}\nGROUP BY cid, p`);
  }

  // ---- anchors: the first activity, or the signup --------------------------------
  let f: string;
  if (signup) {
    f = 'cu';
    if (bits) {
      b.def('fl', `SELECT *\nFROM ${b.from('cu')} ${d.leftJoin} ${b.from('cm')} USING (cid)`);
      f = 'fl';
    } else if (inferred) {
      b.def('la', `SELECT cid, max(et) AS lms\nFROM ${b.from('ev')}\nGROUP BY cid`);
      b.def('fl', `SELECT *\nFROM ${b.from('cu')} ${d.leftJoin} ${b.from('la')} USING (cid)`);
      f = 'fl';
    }
  } else {
    const last = inferred ? (elapsed ? ', max(et) AS lms' : ', max(lmx) AS lms') : '';
    // With bits, cm already holds the first activity (ad, sms) and the last (lms).
    const first = bits ? 'cm' : 'fa';
    if (!bits) {
      const fa = elapsed
        ? `SELECT cid, min(w) AS aw, min(et) AS ams${last}\nFROM ${b.from('ev')}\nGROUP BY cid`
        : `SELECT cid, min(d0) AS ad${survival ? ', min(tms) AS sms' : ''}${last}\nFROM ${b.from('am')}\nGROUP BY cid`;
      b.def('fa', fa);
    }
    if (cus && C) {
      b.def('f', `SELECT *\nFROM ${b.from(first)} ${d.innerJoin} ${b.from('cu')} USING (cid)`);
      f = 'f';
    } else {
      f = first;
    }
  }

  let keyCols = ka;
  if (actAttrs.length) {
    const value = defineFirstActivityValues(b, actAttrs);
    b.def('fw', `SELECT *\nFROM ${b.from(f)} ${d.leftJoin} ${b.from('fv')} USING (cid)`);
    f = 'fw';
    keyCols = attrs.map((a, i) => {
      const act = actAttrs.find((x) => x.index === i);
      return act ? `${value(act)} AS ${ka[i]}` : ka[i];
    });
  }

  // ---- cohort of each customer ------------------------------------------------------
  const ad = elapsed ? d.floorDiv('aw', DAY_MS) : 'ad';
  const kt = spec.cohort.time ? periodOfDay(b, ad, spec.cohort.time, spec.weekStart) : '0';
  const cCols = ['cid', `${d.bigint(kt)} AS kt`, ...keyCols];
  if (elapsed) cCols.push('aw', 'ams');
  else cCols.push(`${d.bigint(periodOfDay(b, 'ad', spec.period, spec.weekStart))} AS ap`);
  if (rolling) {
    // lim: the period containing as-of has not ended, every earlier one has (calendar);
    // offset k ends at anchor + (k + 1) periods (elapsed). At least -1.
    const lim = elapsed
      ? `${elapsedK(b, 'aw', b.num(o.asOf + o.zone.offsetAt(o.asOf)), spec.period)} - 1`
      : `${b.num(periodsOfInstants(Float64Array.of(o.asOf), o.zone, spec.period, spec.weekStart)[0] - 1)} - ${periodOfDay(b, 'ad', spec.period, spec.weekStart)}`;
    cCols.push(`${d.bigint(`CASE WHEN ${lim} < -1 THEN -1 ELSE ${lim} END`)} AS lim`);
  }
  const cWhere: string[] = [];
  if (survival) {
    let chd = 'chd';
    let chw = 'chw';
    if (inferred) {
      // Churned at last seen (last activity, or the anchor when later) + W, when that is by as-of.
      const w = b.num(spec.inactiveAfterDays! * DAY_MS);
      const seen = `CASE WHEN lms IS NOT NULL AND lms > ${anchorMs} THEN lms ELSE ${anchorMs} END`;
      b.def('fx', `SELECT *, CASE WHEN ${seen} + ${w} <= ${b.num(o.asOf)} THEN ${seen} + ${w} ELSE NULL END AS chms\nFROM ${b.from(f)}`);
      f = 'fx';
      const at = { expr: d.instantOfMs('chms'), type: 'instant' as const };
      chd = d.localDay(at, tz);
      chw = d.wallMs(at, tz);
    } else {
      // A churn before the anchor takes the customer out; after as-of it is no churn.
      cWhere.push(`(chms IS NULL OR chms >= ${anchorMs})`);
    }
    const last = elapsed
      ? `${elapsedK(b, 'aw', chw, spec.period)} - 1`
      : `${periodOfDay(b, chd, spec.period, spec.weekStart)} - ${periodOfDay(b, 'ad', spec.period, spec.weekStart)} - 1`;
    cCols.push(`${d.bigint(`CASE WHEN chms IS NULL OR chms > ${b.num(o.asOf)} THEN ${ALIVE} ELSE ${last} END`)} AS lt`);
  }
  if (bits) cCols.push('am', 'nr', 'p1', ...(plan.needs.lastOffset ? ['p2'] : []));
  b.def('c', `SELECT ${cCols.join(', ')}\nFROM ${b.from(f)}${cWhere.length ? `\nWHERE ${cWhere.join(' AND ')}` : ''}`);

  // ---- offsets of each customer's activity ------------------------------------------
  const row = (kind: string, k: string, n: string, lo: string, hi: string, rev: string, gross: string): string =>
    `SELECT ${b.str(kind)} AS kind, ${keyList}, ${k === 'k' ? 'k' : `${d.bigint(k)} AS k`}, ${d.bigint(n)} AS n, ${d.bigint(lo)} AS lo, ${d.bigint(hi)} AS hi, ${d.double(rev)} AS rev, ${d.double(gross)} AS gross`;
  if (o.beforeAnchorOnly) {
    return b.render(`${row('c', '-1', 'count(*)', 'count(*)', '0', '0', '0')}\nFROM ${b.from('ev')} ${d.innerJoin} ${b.from('c')} USING (cid)\nWHERE p < ap\nGROUP BY ${keyList}`);
  }
  if (bits) {
    // Per cohort and anchor period, the customers active in each period (bit); offset = bit + p0 - anchor.
    const limKey = rolling ? ', lim' : '';
    const sums = Array.from({ length: bits.width }, (_, j) => `sum(${d.bits!.has('am', j)}) AS s${j}`);
    b.def('bs', `SELECT ${keyList}, ap${limKey}, ${sums.join(', ')}\nFROM ${b.from('c')}\nWHERE am IS NOT NULL\nGROUP BY ${keyList}, ap${limKey}`);
    const spread = d.bits!.spread(sums.map((_, j) => `s${j}`), 'b', 'cnt');
    b.def('x', `SELECT ${keyList}${limKey}, ${d.bigint(`b + ${b.num(bits.p0)} - ap`)} AS k, cnt\nFROM (SELECT ${keyList}, ap${limKey}, ${spread}\nFROM ${b.from('bs')}) AS bb`);
  } else if (elapsed) {
    const lim = rolling ? ', lim' : '';
    const cols = ['cid', `${keyList}${lim}`, `${elapsedK(b, 'aw', 'w', spec.period)} AS ke`];
    if (amount) cols.push('ea');
    b.def('xe', `SELECT ${cols.join(', ')}\nFROM ${b.from('ev')} ${d.innerJoin} ${b.from('c')} USING (cid)`);
    const agg = ['cid', `${keyList}${lim}`, `${d.bigint('CASE WHEN ke >= 0 THEN ke ELSE -1 END')} AS k`, `${d.bigint('count(*)')} AS nrows`];
    if (amount) agg.push('sum(ea) AS amt');
    b.def('x', `SELECT ${agg.join(', ')}\nFROM ${b.from('xe')}\nGROUP BY cid, ${keyList}${lim}, CASE WHEN ke >= 0 THEN ke ELSE -1 END`);
  } else {
    const cols = ['cid', keyList, `${d.bigint('CASE WHEN p >= ap THEN p - ap ELSE -1 END')} AS k`, 'nrows'];
    if (rolling) cols.push('lim');
    if (amount) cols.push('amt');
    b.def('x', `SELECT ${cols.join(', ')}\nFROM ${b.from('am')} ${d.innerJoin} ${b.from('c')} USING (cid)`);
  }

  const parts = matrixParts({ b, plan, src, fold: o.fold, keyList, keys, ka, row, amount, bits: !!bits, folded, idTypesDiffer, timeFilter });
  return b.render(parts.join('\nUNION ALL\n'));
}
