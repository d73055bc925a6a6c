import type { CohortAttribute } from '../../../spec/normalize.js';
import type { Granularity } from '../../../spec/types.js';
import type { Zone } from '../../../time/zone.js';
import { assignCohorts, type AttributeKeys, type Cohorts } from './assign-cohorts.js';
import { attributeCohorts } from './attribute-cohorts.js';
import { columnKeys, type AnyColumn } from './column-keys.js';
import { smallestTiedKeys, type FirstActivity } from './smallest-tied-keys.js';

/** The activity-table row of each customer's first counted event (-1 = none). */
export function firstActivityRows(firstEvent: Int32Array, eventRow: Int32Array | undefined): Int32Array | undefined {
  if (!eventRow) return undefined;
  const rows = new Int32Array(firstEvent.length);
  for (let c = 0; c < rows.length; ++c) rows[c] = firstEvent[c] >= 0 ? eventRow[firstEvent[c]] : -1;
  return rows;
}

/**
 * Where group values are read: each customer's customers-table row and first counted
 * activity row (-1 = none), as arrays; "self" when customer c is row c, undefined when
 * there is no such row.
 */
export interface GroupSource {
  customerRows: Int32Array | 'self' | undefined;
  activityRows: () => Int32Array | undefined;
  /** The events behind activityRows: rows tied at a customer's first instant give their smallest value. */
  firstActivity?: () => FirstActivity;
  column(a: CohortAttribute): AnyColumn;
}

/**
 * The --by groups: cohorts of the attribute values (null = missing is its own group),
 * crossed with the anchor's period when `time` is given.
 */
export function groupCustomers(by: CohortAttribute[], anchor: Float64Array, zone: Zone, src: GroupSource, time?: Granularity): Cohorts {
  if (by.length === 0 && time === undefined) return oneGroup(anchor);
  if (by.length === 1 && time === undefined && by[0].table === 'customers') {
    const k = columnKeys(src.column(by[0]));
    const one = attributeCohorts(k.keys, k.nullKey, src.customerRows, anchor, { name: by[0].column, value: k.value });
    if (one) return one;
  }
  const attributes: AttributeKeys[] = by.map((a) => {
    const k = columnKeys(src.column(a));
    const rows = a.table === 'customers' ? src.customerRows : src.activityRows();
    const keys = customerKeys(k.keys, k.nullKey, rows, anchor);
    if (a.table === 'activity' && src.firstActivity) smallestTiedKeys(keys, k, src.firstActivity(), anchor);
    return { name: a.column, keys, value: k.value };
  });
  return assignCohorts(anchor, time, 'monday', zone, attributes);
}

/**
 * Without --by, everyone in the run (anchor not NaN) in group 0: what assignCohorts gives
 * with no attributes and no time part, without its general keying.
 */
function oneGroup(anchor: Float64Array): Cohorts {
  const of = new Int32Array(anchor.length);
  let inRun = 0;
  for (let c = 0; c < anchor.length; ++c) {
    const a = anchor[c];
    of[c] = a === a ? 0 : -1;
    inRun += a === a ? 1 : 0;
  }
  return { count: inRun > 0 ? 1 : 0, of, size: inRun > 0 ? Int32Array.of(inRun) : new Int32Array(0), attributes: [] };
}

/** The key of each customer in the run read from its row (-1 = none or missing). */
function customerKeys(
  keyByRow: Int32Array,
  nullKey: number,
  rows: Int32Array | 'self' | undefined,
  anchor: Float64Array,
): Int32Array {
  const n = anchor.length;
  const keys = new Int32Array(n).fill(-1);
  if (rows === undefined) return keys;
  for (let c = 0; c < n; ++c) {
    if (anchor[c] !== anchor[c]) continue;
    const row = rows === 'self' ? c : rows[c];
    if (row >= 0 && keyByRow[row] !== nullKey) keys[c] = keyByRow[row];
  }
  return keys;
}
