import { compareLabels } from '../../../result/label-order.js';
import type { Cohorts } from './assign-cohorts.js';

/** Above this many digits (attribute values + 1), the general keying of assignCohorts serves. */
const TABLE_LIMIT = 1 << 22;

/**
 * The cohorts of one attribute read from each customer's row, without a time part (a
 * comparison's groups, survival's --by): assignCohorts' cohorts, ids and order, in three
 * passes over the customers instead of its six (keys, their maximum, composite keys,
 * distinct keys, ids), with no -1 fills. Undefined when the values are too many for its
 * table (use assignCohorts). `keyByRow` and `nullKey` as columnKeys gives them; `rows` as
 * GroupSource.customerRows.
 */
export function attributeCohorts(
  keyByRow: Int32Array,
  nullKey: number,
  rows: Int32Array | 'self' | undefined,
  anchor: Float64Array,
  attribute: { name: string; value(key: number): unknown },
): Cohorts | undefined {
  const n = anchor.length;
  // A customer's digit: its key + 1; 0 for none or missing (a cohort of its own); -1 out of the run.
  const digit = new Int32Array(n);
  let top = 0;
  for (let c = 0; c < n; ++c) {
    if (anchor[c] !== anchor[c]) {
      digit[c] = -1;
      continue;
    }
    const row = rows === undefined ? -1 : rows === 'self' ? c : rows[c];
    const k = row >= 0 && keyByRow[row] !== nullKey ? keyByRow[row] : -1;
    digit[c] = k + 1;
    if (k + 1 > top) top = k + 1;
  }
  const space = top + 1;
  if (space > TABLE_LIMIT) return undefined;
  // The digits in the order customers first show them (assignCohorts' distinct keys), and their counts.
  const count = new Int32Array(space);
  const distinct: number[] = [];
  for (let c = 0; c < n; ++c) {
    const d = digit[c];
    if (d >= 0 && count[d]++ === 0) distinct.push(d);
  }
  const valueOf = (d: number): string | null => {
    if (d === 0) return null;
    const v = attribute.value(d - 1);
    return v === null || v === undefined ? null : String(v);
  };
  const values = distinct.map(valueOf);
  const order = distinct.map((_, i) => i).sort((a, b) => {
    const va = values[a];
    const vb = values[b];
    if (va === vb) return 0;
    if (va === null) return 1;
    if (vb === null) return -1;
    return compareLabels(va, vb);
  });
  const idOf = new Int32Array(space);
  const size = new Int32Array(order.length);
  order.forEach((i, id) => {
    idOf[distinct[i]] = id;
    size[id] = count[distinct[i]];
  });
  const of = digit;
  for (let c = 0; c < n; ++c) {
    const d = digit[c];
    of[c] = d < 0 ? -1 : idOf[d];
  }
  return { count: order.length, of, size, attributes: [{ name: attribute.name, values: order.map((i) => values[i]) }] };
}
