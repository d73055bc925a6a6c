import { fail, messageText } from '../../../errors.js';
import type { LoadReport } from '../../../report/load-report.js';
import { columnKeys, type AnyColumn, type ColumnKeys } from './column-keys.js';
import { storage } from '../../../parallel/shared-storage.js';
import { customerNumbers } from './customer-numbers.js';
import { hasId, idBytes, idsIn, trimId, type IdBytes } from './id-bytes.js';
import { ByteDict } from '../../../load/dict/byte-dict.js';
import { joinSorted, sortedIdKeys } from './sorted-id-join.js';
import { remapKeys } from './remap-keys.js';
import { activityOrder, renumbered } from './activity-order.js';
import { numberedIndex } from './numbered-index.js';

/**
 * The dense customer index space of a run. Customers are numbered 0..count-1; every
 * per-customer array of the kernels is indexed by that number.
 */
export interface CustomerIndex {
  count: number;
  /** Customer number of each activity row; -1 = no customer (missing or unknown id). */
  activityCustomer?: Int32Array;
  /** Row of each customer in the customers table, -1 when there is no customers table. */
  customersRow?: Int32Array;
  /** The id of a customer, for reports. */
  id(customer: number): unknown;
  /** The warnings about the customers table's ids (a run on that table alone repeats them). */
  customerWarnings?: string[];
}

/**
 * customerIndex: number the customers. With a customers table, each distinct id of it is
 * a customer (duplicates after the first are counted) and activity ids are looked up
 * once per distinct value; without, each distinct activity id is a customer. An id is
 * its trimmed text, compared as UTF-8 bytes: dictionary columns are joined on the
 * bytes they were loaded from, without a JS string per id.
 */
export function customerIndex(
  activityIds: AnyColumn | undefined,
  customerIds: AnyColumn | undefined,
  report: LoadReport,
  opts: {
    strict: boolean;
    activityFile?: string;
    customersFile?: string;
    /**
     * Number the customers in the activity keys' order where that makes the keys the
     * customer numbers (activityOrder), saving the remap pass over the rows. Only for
     * runs whose results do not depend on the customers' order (no sums of amounts
     * over customers, whose rounding follows it).
     */
    activityOrder?: boolean;
  },
): CustomerIndex {
  if (!customerIds) return activityCustomers(columnKeys(activityIds!), report, opts.activityFile);

  const ck = columnKeys(customerIds);
  const cids = idBytes(ck);
  const w0 = report.warnings.length;
  warnPadded(report, cids, 0, opts.customersFile);
  const customerWarnings = report.warnings.slice(w0);
  const ak = activityIds && columnKeys(activityIds);
  const ids = ak && idBytes(ak);
  const fast = ak && ids && opts.activityOrder ? numberedIndex(ak, ids, ck, cids) : undefined;
  if (fast) {
    // Rows are keys: each customer's row is its key too.
    const { count, customersRow, activityCustomer } = fast;
    return { count, customersRow, activityCustomer, id: (c) => idValue(ck.value(customersRow[c])), customerWarnings };
  }
  // Ids that ascend by key (as loaders number ids of one shape) are joined by a walk
  // over both dictionaries; others through a hash table of the customers' ids.
  const sorted = activityIds ? sortedIdKeys(cids) : null;
  const numbers = customerNumbers(ck, cids, report, activityIds !== undefined && sorted === null, sorted !== null || cids.verbatim);
  let { idKey } = numbers;
  const index: CustomerIndex = { count: numbers.count, customersRow: numbers.customersRow, id: (c) => idValue(ck.value(idKey[c])), customerWarnings };
  if (!ak || !ids) return index;

  warnPadded(report, ids, 0, opts.activityFile);
  // -1 = missing id, -2 = an id the customers table does not have.
  const remap = new Int32Array(ak.size).fill(-1);
  const withId = new Int32Array(ak.size);
  let m = 0;
  for (let key = 0; key < ak.size; ++key) if (hasId(ids, key)) withId[m++] = key;
  const found = new Int32Array(m);
  if (sorted) {
    joinSorted(ids, withId, m, cids, sorted, found);
    const customerOfKey = new Int32Array(ck.size);
    for (let c = 0; c < numbers.count; ++c) customerOfKey[idKey[c]] = c;
    for (let j = 0; j < m; ++j) if (found[j] >= 0) found[j] = customerOfKey[sorted[found[j]]];
  } else {
    idsIn(numbers.byId!, ids, withId, m, found, false);
  }
  let unknownExample: unknown;
  let identity = true;
  for (let j = 0; j < m; ++j) {
    const c = found[j] < 0 ? -2 : found[j];
    if (c === -2 && unknownExample === undefined) unknownExample = ak.value(withId[j]);
    remap[withId[j]] = c;
  }
  for (let key = 0; key < ak.size && identity; ++key) identity = remap[key] === key || (key === ak.nullKey && remap[key] === -1);
  const { keys } = ak;
  let unknown = 0;
  let missing = 0;
  let activityCustomer: Int32Array;
  const renumber = !identity && opts.activityOrder && ak.nullKey < 0 ? activityOrder(remap, numbers.count) : undefined;
  if (renumber) {
    // Every activity key is a customer of its own: those customers take the keys' numbers.
    idKey = renumbered(idKey, renumber);
    index.customersRow = renumbered(numbers.customersRow, renumber);
    activityCustomer = keys;
  } else if (identity && ak.nullKey < 0) {
    // Each activity key is its customer's number (every id known, in the customers'
    // order): the keys serve as they are, with no pass over the rows.
    activityCustomer = keys;
  } else {
    ({ out: activityCustomer, unknown, missing } = remapKeys(keys, remap));
  }
  if (unknown && opts.strict) fail('unknownIdsStrict', { count: unknown, example: unknownExample }, { file: opts.activityFile });
  // Not one id in common is a mismatch of the id columns (form or choice), not churn.
  if (unknown && unknown === keys.length - missing && numbers.count) {
    report.warnings.push(
      messageText('noIdMatches', {
        rows: unknown, activityExample: unknownExample, customersExample: ck.value(idKey[0]),
        activityFile: opts.activityFile, customersFile: opts.customersFile,
      }),
    );
  }
  index.activityCustomer = activityCustomer;
  return index;
}

/** A customer's id for reports: text as its id reads (trimmed), numbers as they are. */
function idValue(v: unknown): unknown {
  return typeof v === 'string' ? trimId(v) : v;
}

/**
 * The load report's warning when ids lost surrounding whitespace (the same on every
 * engine: sql/padded-ids.ts), with how many then named one customer with another id.
 */
function warnPadded(report: LoadReport, ids: IdBytes, merged: number, file: string | undefined): void {
  if (ids.padded) report.warnings.push(messageText('paddedIds', { count: ids.padded, example: ids.paddedExample!, merged, file }));
}

/** Without a customers table: each distinct activity id (trimmed, see idBytes) is a customer. */
function activityCustomers(k: ColumnKeys, report: LoadReport, file: string | undefined): CustomerIndex {
  const ids = idBytes(k);
  if (!ids.distinct) return mergedActivityCustomers(k, ids, report, file);
  // Dictionary keys are already dense; only the null key must be taken out.
  const remap = new Int32Array(k.size);
  const idKey = new Int32Array(k.size);
  let count = 0;
  for (let key = 0; key < k.size; ++key) {
    if (!hasId(ids, key)) remap[key] = -1;
    else {
      idKey[count] = key;
      remap[key] = count++;
    }
  }
  const id = (c: number): unknown => idValue(k.value(idKey[c]));
  // Dictionary keys are usually the customer numbers already (the null key last):
  // then no lookup per row, which at millions of customers is a cache miss each.
  let identity = true;
  for (let key = 0; key < k.size && identity; ++key) identity = key === k.nullKey || remap[key] === key;
  const { keys } = k;
  if (identity && k.nullKey < 0) return { count, activityCustomer: keys, id };
  const activityCustomer = storage(Int32Array, keys.length);
  if (identity) {
    const nullKey = k.nullKey;
    for (let i = 0; i < activityCustomer.length; ++i) activityCustomer[i] = keys[i] === nullKey ? -1 : keys[i];
  } else {
    for (let i = 0; i < activityCustomer.length; ++i) activityCustomer[i] = remap[keys[i]];
  }
  return { count, activityCustomer, id };
}

/**
 * Without a customers table, when distinct values may be one id (" a" and "a", or 5
 * and "5"): the ids are interned, numbered in the order of their first keys.
 */
function mergedActivityCustomers(k: ColumnKeys, ids: IdBytes, report: LoadReport, file: string | undefined): CustomerIndex {
  const withId = new Int32Array(k.size);
  let m = 0;
  for (let key = 0; key < k.size; ++key) if (hasId(ids, key)) withId[m++] = key;
  const dict = new ByteDict(m);
  const number = new Int32Array(m);
  idsIn(dict, ids, withId, m, number, true);
  const count = dict.size;
  const remap = new Int32Array(k.size).fill(-1);
  const idKey = new Int32Array(count).fill(-1);
  for (let j = 0; j < m; ++j) {
    remap[withId[j]] = number[j];
    if (idKey[number[j]] < 0) idKey[number[j]] = withId[j];
  }
  warnPadded(report, ids, m - count, file);
  const { keys } = k;
  const activityCustomer = storage(Int32Array, keys.length);
  for (let i = 0; i < activityCustomer.length; ++i) activityCustomer[i] = remap[keys[i]];
  return { count, activityCustomer, id: (c) => idValue(k.value(idKey[c])) };
}
