import type { ColumnKeys } from './column-keys.js';
import type { IdBytes } from './id-bytes.js';
import { joinNumbers } from './number-join.js';

/** What numberedIndex gives: customerIndex's numbering, in the activity keys' order. */
export interface NumberedIndex {
  count: number;
  /** Row of each customer in the customers table; also each customer's key there (rows are keys). */
  customersRow: Int32Array;
  /** The activity keys: each is its customer's number. */
  activityCustomer: Int32Array;
}

/**
 * numberedIndex: customerIndex with activityOrder for the common layout, in a few
 * passes over the keys and none over the activity rows: every id on both sides is a
 * number of one shape (a CodeDict numbered them all: DictBytes.numbers), the customers
 * table has one row per id in key order (row r has key r), and every activity key has a
 * customer. The customers then are numbered as customerIndex numbers them: those with
 * activity as their activity keys, the others after them in their order. Undefined for
 * any other layout (customerIndex's general path then).
 */
export function numberedIndex(ak: ColumnKeys, ids: IdBytes, ck: ColumnKeys, cids: IdBytes): NumberedIndex | undefined {
  const A = ak.size;
  const C = ck.size;
  if (ak.nullKey >= 0 || ck.nullKey >= 0 || A > C || ck.keys.length !== C) return undefined;
  if (ids.numbers?.count !== A || cids.numbers?.count !== C) return undefined;
  const rows = ck.keys;
  for (let r = 0; r < C; ++r) if (rows[r] !== r) return undefined;
  // The customers' keys (= rows), in their new order: the activity keys' first.
  const order = new Int32Array(C);
  if (joinNumbers(ids, null, A, cids, order) !== A) return undefined;
  // joinNumbers walks both sides' numbers upwards, so the keys it found ascend: each
  // customer is matched at most once, and the others are the gaps between them (no
  // per-customer flags). Anything else (a number the customers lack: -1) is not this layout.
  let last = -1;
  for (let a = 0; a < A; ++a) {
    const c = order[a];
    if (c <= last) return undefined;
    last = c;
  }
  let next = A;
  for (let c = 0, a = 0; c < C; ++c) {
    if (a < A && order[a] === c) ++a;
    else order[next++] = c;
  }
  return { count: C, customersRow: order, activityCustomer: ak.keys };
}
