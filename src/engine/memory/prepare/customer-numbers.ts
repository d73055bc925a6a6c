import { ByteDict } from '../../../load/dict/byte-dict.js';
import type { LoadReport } from '../../../report/load-report.js';
import type { ColumnKeys } from './column-keys.js';
import { hasId, idsIn, type IdBytes } from './id-bytes.js';

/** The customers of a customers table: one per distinct id, numbered in the order of their first rows. */
export interface CustomerNumbers {
  count: number;
  /** Row of each customer: the first row with its id. */
  customersRow: Int32Array;
  /** The key of each customer's first row (its id as given). */
  idKey: Int32Array;
  /** The ids, whose dictionary keys are the customer numbers (when asked for, to look activity ids up). */
  byId?: ByteDict;
}

/**
 * customerNumbers: number the customers of a customers table whose id column has
 * keys `ck` and ids `ids`. Rows without an id are counted as missing, rows after the
 * first with an id as duplicates. With `lookup`, the ids are also kept in a
 * dictionary for the activity join. `distinct`: the caller knows that distinct keys
 * are distinct ids (as when ids.verbatim).
 */
export function customerNumbers(ck: ColumnKeys, ids: IdBytes, report: LoadReport, lookup: boolean, distinct = ids.verbatim): CustomerNumbers {
  const { keys } = ck;
  // The keys that have an id, in the order of their first rows.
  const seen = new Uint8Array(ck.size);
  const order = new Int32Array(ck.size);
  const firstRow = new Int32Array(ck.size);
  let m = 0;
  let missing = 0;
  for (let row = 0; row < keys.length; ++row) {
    const key = keys[row];
    if (!hasId(ids, key)) ++missing;
    else if (seen[key] === 0) {
      seen[key] = 1;
      order[m] = key;
      firstRow[m++] = row;
    }
  }
  const ex = report.customers.excluded;
  ex.missingId += missing;
  const withId = keys.length - missing;
  if (distinct && !lookup) {
    // Distinct keys are distinct ids: each key is a customer.
    ex.duplicateId += withId - m;
    // Usually every key has an id: the arrays then serve whole, uncopied.
    return { count: m, customersRow: fitted(firstRow, m), idKey: fitted(order, m) };
  }
  // Interned in first-row order, each new id's dictionary key is the next customer number.
  const byId = new ByteDict(m);
  const number = new Int32Array(m);
  idsIn(byId, ids, order, m, number, true);
  const count = byId.size;
  const customersRow = new Int32Array(count);
  const idKey = new Int32Array(count);
  let c = 0;
  for (let j = 0; j < m; ++j) {
    if (number[j] !== c) continue;
    customersRow[c] = firstRow[j];
    idKey[c++] = order[j];
  }
  ex.duplicateId += withId - count;
  return { count, customersRow, idKey, byId };
}

/** The first m entries of a local array: the array itself when that is all of it. */
function fitted(a: Int32Array, m: number): Int32Array {
  return m === a.length ? a : a.slice(0, m);
}
