import { labelText, type SqlBuilder, type SqlTable } from './sql-builder.js';

/** A cohort or group attribute read from the activity table: its column and its key alias (ka0..). */
export interface ActivityAttribute {
  column: string;
  /** Position among the spec's attributes: the result column is ka<index>. */
  index: number;
}

/** The activity attributes of a spec's attribute list, with their positions. */
export function activityAttributes(attributes: readonly { column: string; table: string }[]): ActivityAttribute[] {
  return attributes.flatMap((a, index) => (a.table === 'activity' ? [{ column: a.column, index }] : []));
}

/**
 * The columns the counted-activity stage `ev` carries for them (as the memory engine's
 * texts, va<index>). A blank text (only spaces and tabs) is NULL, a missing value, as the
 * memory engine's loaders read it: else min() of tied first rows would pick '' or '  '.
 */
export function activityAttributeColumns(b: SqlBuilder, table: SqlTable | undefined, attrs: readonly ActivityAttribute[]): string[] {
  return attrs.map((a) => `${labelText(b, table, a.column)} AS va${a.index}`);
}

/**
 * defineFirstActivityValues: each customer's attribute values at its first counted
 * activity, the row the memory engine reads them from (prepare-run.ts firstEvent: the
 * earliest counted row before as-of that passes the filters). Needs `ev` with cid, et
 * (epoch ms) and the va<index> columns. Defines `fe` (first instant per customer) and
 * `fv` (cid, fvk = 1, vf<index>). Rows tied at the first instant: the smallest value
 * present (memory takes the first of them in file order, which a server has no notion of).
 *
 * Returns the expression of each attribute's value in a table LEFT JOINed with `fv`:
 * NULL for a customer without counted activity (ClickHouse 18 fills missing rows of a
 * LEFT JOIN with defaults, 0 and '', hence the fvk test rather than the value itself).
 */
export function defineFirstActivityValues(b: SqlBuilder, attrs: readonly ActivityAttribute[]): (a: ActivityAttribute) => string {
  b.def('fe', `SELECT cid, min(et) AS ft\nFROM ${b.from('ev')}\nGROUP BY cid`);
  const values = attrs.map((a) => `min(va${a.index}) AS vf${a.index}`);
  b.def('fv', `SELECT cid, 1 AS fvk, ${values.join(', ')}\nFROM ${b.from('ev')} ${b.d.innerJoin} ${b.from('fe')} USING (cid)\nWHERE et = ft\nGROUP BY cid`);
  return (a) => `CASE WHEN fvk = 1 THEN vf${a.index} ELSE NULL END`;
}

/**
 * joinFirstActivityValues: `base` LEFT JOINed with the first activity's values (`fv`),
 * through the derived table `name` first (one join per SELECT: ClickHouse 18), and the
 * SELECT items of the group keys ka0..ka<count - 1>: the value expression for an attribute
 * of the activity table, the column ka<i> for the others.
 */
export function joinFirstActivityValues(
  b: SqlBuilder,
  base: string,
  name: string,
  count: number,
  attrs: readonly ActivityAttribute[],
): { from: string; keys: string[] } {
  const value = defineFirstActivityValues(b, attrs);
  b.def(name, `SELECT *\nFROM ${base}`);
  const keys = Array.from({ length: count }, (_, i) => {
    const a = attrs.find((x) => x.index === i);
    // Empty text is no value, as memory reads it (one key per group).
    return a ? `CASE WHEN ${value(a)} = ${b.str('')} THEN NULL ELSE ${value(a)} END AS ka${i}` : `ka${i}`;
  });
  return { from: `${b.from(name)} ${b.d.leftJoin} ${b.from('fv')} USING (cid)`, keys };
}
