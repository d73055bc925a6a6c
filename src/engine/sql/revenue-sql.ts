import { fail } from '../../errors.js';
import type { RevenueColumn } from '../../spec/compare-spec.js';
import type { NormalizedMatrixSpec } from '../../spec/normalize.js';
import type { NormalizedSurvivalSpec } from '../../spec/survival-spec.js';
import type { Zone } from '../../time/zone.js';
import { filterSql, numberSql, SqlBuilder, sumDoubleOf, type SqlSources, type SqlTable, timeColumn, timeLiterals, labelText } from './sql-builder.js';
import { activityAttributeColumns, defineFirstActivityValues } from './first-activity-values.js';
import { hasIdSql, idSql } from './id-sql.js';
import { durationsFilters, durationsHaveId } from './given-durations-report.js';

/**
 * The moments of revenue per customer per group (and, with durations given directly, per
 * event value and duration validity: rows the survival fit drops are dropped in
 * TypeScript, by the same event rules). Columns: g (group text), [evt, dv,] n (customers
 * with a value), c (customers), s (sum), m2 (sum of squared deviations from the mean of
 * the row's own customers: two passes, so no cancellation); s and m2 as readSum reads them.
 */
function momentsSelect(b: SqlBuilder, per: string, keys: string[]): string {
  const d = b.d;
  const k = keys.join(', ');
  b.def('gm', `SELECT ${k}, count(v) AS vn, CASE WHEN count(v) > 0 THEN ${sumDoubleOf(d, 'v')} / count(v) ELSE 0 END AS mu\nFROM ${b.from(per)}\nGROUP BY ${k}`);
  const dev = `CASE WHEN v IS NULL THEN 0 ELSE (v - mu) * (v - mu) END`;
  // s and m2: exact sums where the dialect has them (text for readSum), so no bit depends on the threads' order.
  const sum = (e: string): string => (d.sumExact ? d.sumExact(e) : d.double(`coalesce(sum(${e}), 0)`));
  return b.render(
    `SELECT ${k}, ${d.double('count(v)')} AS n, ${d.double('count(*)')} AS c, ${sum('v')} AS s, ${sum(dev)} AS m2\nFROM ${b.from(per)} ${d.innerJoin} ${b.from('gm')} USING (${k})\nGROUP BY ${k}`,
  );
}

/**
 * compileRevenue: revenue per customer of a comparison's dated customers (the matrix's:
 * same ids, filters, anchor and as-of, the group column on the customers table), as the
 * memory engine's customerRevenue reads it (a group of the activity table is the value at
 * the customer's first counted activity, as for cohorts): the sum of its activity amounts from its
 * anchor up to as-of (missing amounts skipped, no activity = 0), or a customers-table
 * column; summed up per group.
 */
export function compileRevenue(b: SqlBuilder, m: NormalizedMatrixSpec, src: SqlSources, o: { asOf: number; zone: Zone; group: string; column: RevenueColumn }): string {
  const d = b.d;
  const act = m.activity;
  const cus = m.customers && src.customers ? m.customers : undefined;
  const C = cus ? src.customers : undefined;
  const A = act ? src.activity : undefined;
  // The group of a customer: a customers-table column, or the value at its first counted activity.
  const onActivity = !(C && C.types[o.group] !== undefined);
  if (onActivity && !(A && A.types[o.group] !== undefined)) return fail('sqlUnsupported', { what: 'revenue per customer without the group column' });
  const tz = m.tz;
  const { lit, timeFilter } = timeLiterals(d, o.zone, m.dateFormat);
  const idTypesDiffer = !!(A && act && C && cus && A.types[act.id] !== C.types[cus.id]);
  const idExpr = (table: SqlTable | undefined, column: string): string => idSql(b, table, column, idTypesDiffer);
  const fromActivity = o.column.table === 'activity';
  const signup = m.anchor === 'signup';
  if (signup && !cus) return fail('sqlUnsupported', { what: 'a signup anchor without a customers table' });
  if ((fromActivity || !signup || onActivity) && (!act || !A)) return fail('sqlUnsupported', { what: 'revenue per customer without an activity table' });
  let groupOf: string | undefined;
  if (act && A && (fromActivity || !signup || onActivity)) {
    const t = timeColumn(b, A, act.time);
    const where = [
      hasIdSql(b, A, act.id),
      `${t.expr} IS NOT NULL`,
      `${t.expr} < ${lit(o.asOf, t)}`,
      ...m.filters.filter((f) => f.table === 'activity').map((f) => filterSql(b, f, A, timeFilter)),
    ];
    const cols = [`${idExpr(A, act.id)} AS cid`, `${d.epochMs(t, tz)} AS et`];
    if (o.column.table === 'activity') cols.push(`${o.column.columns.map((c) => numberSql(b, A, c)).join(' * ')} AS ea`);
    const attr = { column: o.group, index: 0 };
    if (onActivity) cols.push(...activityAttributeColumns(b, A, [attr]));
    b.def('ev', `SELECT ${cols.join(', ')}\nFROM ${A.from}\nWHERE ${where.join('\n  AND ')}`);
    if (onActivity) groupOf = defineFirstActivityValues(b, [attr])(attr);
  }
  let base: string;
  if (cus && C) {
    const cols = [`${idExpr(C, cus.id)} AS cid`];
    if (!onActivity) cols.push(`${labelText(b, C, o.group)} AS g`);
    const where = [hasIdSql(b, C, cus.id), ...m.filters.filter((f) => f.table === 'customers').map((f) => filterSql(b, f, C, timeFilter))];
    if (signup) {
      const s = timeColumn(b, C, cus.signup!);
      cols.push(`${d.epochMs(s, tz)} AS ams`);
      where.push(`${s.expr} IS NOT NULL`, `${s.expr} < ${lit(o.asOf, s)}`);
    }
    if (o.column.table === 'customers') cols.push(`${numberSql(b, C, o.column.column)} AS cv`);
    b.def('cu', `SELECT ${cols.join(', ')}\nFROM ${C.from}\nWHERE ${where.join('\n  AND ')}`);
    base = 'cu';
  } else {
    base = '';
  }
  if (!signup) {
    b.def('fa', `SELECT cid, min(et) AS ams\nFROM ${b.from('ev')}\nGROUP BY cid`);
    if (base) b.def('an', `SELECT *\nFROM ${b.from('fa')} ${d.innerJoin} ${b.from(base)} USING (cid)`);
    base = base ? 'an' : 'fa';
  }
  if (groupOf) {
    const keep = o.column.table === 'customers' ? ', cv' : '';
    b.def('gb', `SELECT cid, ${groupOf} AS g, ams${keep}\nFROM ${b.from(base)} ${d.leftJoin} ${b.from('fv')} USING (cid)`);
    base = 'gb';
  }
  if (fromActivity) {
    // A customer's amounts from its anchor on (a LEFT JOIN: no activity = 0).
    b.def('ca', `SELECT cid, g, ams, et, ea\nFROM ${b.from(base)} ${d.leftJoin} ${b.from('ev')} USING (cid)`);
    b.def('rv', `SELECT cid, g, ${d.double(`coalesce(${sumDoubleOf(d, 'CASE WHEN et >= ams THEN ea ELSE NULL END')}, 0)`)} AS v\nFROM ${b.from('ca')}\nGROUP BY cid, g`);
  } else {
    b.def('rv', `SELECT cid, g, cv AS v\nFROM ${b.from(base)}`);
  }
  return momentsSelect(b, 'rv', ['g']);
}

/**
 * compileDurationRevenue: durations given directly: a column of the one table, per group,
 * event value and whether the duration is usable (present and not negative).
 */
export function compileDurationRevenue(b: SqlBuilder, spec: NormalizedSurvivalSpec, table: SqlTable, column: string, group: string): string {
  const d = b.d;
  if (spec.churn.kind !== 'duration') throw new Error('durations given directly only');
  const dur = numberSql(b, table, spec.churn.duration);
  const has = durationsHaveId(b, spec, table);
  const where = [...(has === undefined ? [] : [has]), ...durationsFilters(b, spec.filters, table)];
  const cols = [
    `${labelText(b, table, group)} AS g`,
    `${d.text(b.id(spec.churn.event.column))} AS evt`,
    `CASE WHEN ${dur} IS NOT NULL AND ${dur} >= 0 THEN 1 ELSE 0 END AS dv`,
    `${numberSql(b, table, column)} AS v`,
  ];
  b.def('rv', `SELECT ${cols.join(', ')}\nFROM ${table.from}${where.length ? `\nWHERE ${where.join('\n  AND ')}` : ''}`);
  return momentsSelect(b, 'rv', ['g', 'evt', 'dv']);
}
