import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { CompareResult } from './compare-result.js';

// The group column is named after the --by column (or condition); a clash with a fixed
// column gets a suffix.
const TIDY = new Set(['offset', 'customers', 'eligible', 'active', 'value', 'reference', 'diff', 'lower', 'upper', 'p', 'p_adjusted']);
export function groupColumnName(r: CompareResult): string {
  return TIDY.has(r.by) ? `${r.by}_group` : r.by;
}

/**
 * compareTidyTable: one row per group and offset: the group (column named after --by),
 * offset, customers (the group's size), eligible, active, value, and against the
 * reference: reference, diff, lower, upper, p, p_adjusted (null on the reference's rows).
 */
export function compareTidyTable(r: CompareResult): ColumnTable {
  const diff = new Map(r.differences.map((d) => [`${d.group}\u0000${d.offset}`, d]));
  const rows: Record<string, unknown>[] = [];
  for (const g of r.groups) {
    for (const p of g.average) {
      const d = diff.get(`${g.key}\u0000${p.offset}`);
      rows.push({
        group: g.key,
        offset: p.offset,
        customers: g.n,
        eligible: p.eligible,
        active: p.active,
        value: p.value,
        reference: g.key === r.reference ? null : r.reference,
        diff: d?.diff ?? null,
        lower: d?.lower ?? null,
        upper: d?.upper ?? null,
        p: d?.p ?? null,
        p_adjusted: d?.p_adjusted ?? null,
      });
    }
  }
  const col = (name: string): unknown[] => rows.map((x) => x[name]);
  const name = groupColumnName(r);
  const cols = new Map<string, unknown[]>([[name, col('group')]]);
  for (const c of TIDY) cols.set(c, col(c));
  return aq.table(cols as never, [...cols.keys()]);
}

/**
 * compareWideTable: one row per offset: each group's value (a column per group, named by
 * its key), then per group against the reference: diff_<group>, lower_<group>,
 * upper_<group>, p_adjusted_<group>. Empty where a group has no value at the offset.
 * `label` names the groups in the column names (the page shows them as valueLabel does).
 */
export function compareWideTable(r: CompareResult, label: (key: string) => string = (key) => key): ColumnTable {
  const offsets = [...new Set(r.groups.flatMap((g) => g.average.map((p) => p.offset)))].sort((a, b) => a - b);
  const cols = new Map<string, unknown[]>([['offset', offsets]]);
  for (const g of r.groups) {
    const at = new Map(g.average.map((p) => [p.offset, p.value]));
    cols.set(label(g.key), offsets.map((k) => at.get(k) ?? null));
  }
  for (const g of r.groups) {
    if (g.key === r.reference) continue;
    const at = new Map(r.differences.filter((d) => d.group === g.key).map((d) => [d.offset, d]));
    for (const f of ['diff', 'lower', 'upper', 'p_adjusted'] as const) cols.set(`${f}_${label(g.key)}`, offsets.map((k) => at.get(k)?.[f] ?? null));
  }
  return aq.table(cols as never, [...cols.keys()]);
}

/** compareRevenueTable: revenue per customer per group (see CompareRevenue); `label` names the groups. */
export function compareRevenueTable(r: CompareResult, label: (key: string) => string = (key) => key): ColumnTable {
  const rows = r.revenue ?? [];
  const names = ['group', 'customers', 'mean', 'sd', 'lower', 'upper', 'total', 'missing', 'diff', 'diff_lower', 'diff_upper', 'p'] as const;
  const cols = new Map<string, unknown[]>();
  for (const n of names) cols.set(n === 'group' ? groupColumnName(r) : n, rows.map((x) => (n === 'group' ? label(x.group) : x[n])));
  return aq.table(cols as never, [...cols.keys()]);
}
