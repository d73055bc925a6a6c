import type { CompareResult } from '../compare-result.js';
import { groupColumnName } from '../compare-table.js';
import { fixedColumn, groupColumn, type TypedTable } from './typed-table.js';

/** compareTyped: the comparison as the output schema's "compare" table (see compareTidyTable). */
export function compareTyped(r: CompareResult): TypedTable {
  const kind = 'compare';
  const group: string[] = [];
  const offset: number[] = [];
  const customers: number[] = [];
  const eligible: number[] = [];
  const active: number[] = [];
  const activeValid: number[] = [];
  const value: number[] = [];
  const reference: (string | null)[] = [];
  const diff: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const p: number[] = [];
  const adjusted: number[] = [];
  const byKey = new Map(r.differences.map((d) => [`${d.group}\u0000${d.offset}`, d]));
  const num = (x: number | null | undefined): number => (x === null || x === undefined ? NaN : x);
  for (const g of r.groups) {
    for (const pt of g.average) {
      const d = byKey.get(`${g.key}\u0000${pt.offset}`);
      group.push(g.key);
      offset.push(pt.offset);
      customers.push(g.n);
      eligible.push(pt.eligible);
      active.push(pt.active ?? 0);
      activeValid.push(pt.active === null ? 0 : 1);
      value.push(pt.value);
      reference.push(g.key === r.reference ? null : r.reference);
      diff.push(num(d?.diff));
      lower.push(num(d?.lower));
      upper.push(num(d?.upper));
      p.push(num(d?.p));
      adjusted.push(num(d?.p_adjusted));
    }
  }
  return {
    kind,
    length: group.length,
    columns: [
      groupColumn(kind, 'key', groupColumnName(r), { text: group }),
      fixedColumn(kind, 'offset', { numbers: Int32Array.from(offset) }),
      fixedColumn(kind, 'customers', { numbers: Int32Array.from(customers) }),
      fixedColumn(kind, 'eligible', { numbers: Int32Array.from(eligible) }),
      fixedColumn(kind, 'active', { numbers: Int32Array.from(active), valid: Uint8Array.from(activeValid) }),
      fixedColumn(kind, 'value', { numbers: Float64Array.from(value) }),
      fixedColumn(kind, 'reference', { text: reference }),
      fixedColumn(kind, 'diff', { numbers: Float64Array.from(diff) }),
      fixedColumn(kind, 'lower', { numbers: Float64Array.from(lower) }),
      fixedColumn(kind, 'upper', { numbers: Float64Array.from(upper) }),
      fixedColumn(kind, 'p', { numbers: Float64Array.from(p) }),
      fixedColumn(kind, 'p_adjusted', { numbers: Float64Array.from(adjusted) }),
    ],
  };
}
