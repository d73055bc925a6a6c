import { fail } from '../../errors.js';
import type { LoadReport } from '../../report/load-report.js';
import { columnKeys, type AnyColumn } from './column-keys.js';
import { StringIndex } from './string-index.js';

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
}

/** A customer id as text, so a numeric 17850 and a string "17850" are one customer. */
function idText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/**
 * customerIndex: number the customers. With a customers table, each distinct id of it is
 * a customer (duplicates after the first are counted) and activity ids are looked up
 * once per distinct value; without, each distinct activity id is a customer.
 */
export function customerIndex(
  activityIds: AnyColumn | undefined,
  customerIds: AnyColumn | undefined,
  report: LoadReport,
  opts: { strict: boolean; activityFile?: string },
): CustomerIndex {
  if (!customerIds) {
    const k = columnKeys(activityIds!);
    // Dictionary keys are already dense; only the null key must be taken out.
    const activityCustomer = new Int32Array(k.keys.length);
    const remap = new Int32Array(k.size);
    const ids: unknown[] = [];
    for (let key = 0; key < k.size; ++key) {
      const text = key === k.nullKey ? null : idText(k.value(key));
      remap[key] = text === null ? -1 : ids.push(k.value(key)) - 1;
    }
    // Dictionary keys are usually the customer numbers already (the null key last):
    // then no lookup per row, which at millions of customers is a cache miss each.
    let identity = true;
    for (let key = 0; key < k.size && identity; ++key) identity = key === k.nullKey || remap[key] === key;
    const { keys } = k;
    if (identity && k.nullKey < 0) return { count: ids.length, activityCustomer: keys, id: (c) => ids[c] };
    if (identity) {
      const nullKey = k.nullKey;
      for (let i = 0; i < activityCustomer.length; ++i) activityCustomer[i] = keys[i] === nullKey ? -1 : keys[i];
    } else {
      for (let i = 0; i < activityCustomer.length; ++i) activityCustomer[i] = remap[keys[i]];
    }
    return { count: ids.length, activityCustomer, id: (c) => ids[c] };
  }

  const ck = columnKeys(customerIds);
  // The id text of each distinct key, once per key, not per row. A Map over texts is
  // needed only when two keys can share a text (" 17" and "17", 17 and "17").
  const texts: (string | null)[] = new Array(ck.size);
  let textsCollide = false;
  for (let key = 0; key < ck.size; ++key) {
    const v = ck.value(key);
    const t = key === ck.nullKey ? null : idText(v);
    texts[key] = t;
    if (t !== null && t !== v) textsCollide = true;
  }
  const byText = new StringIndex(ck.size);
  const idKey: number[] = [];
  const rowOf: number[] = [];
  const keyCustomer = new Int32Array(ck.size).fill(-1);
  const ex = report.customers.excluded;
  for (let row = 0; row < ck.keys.length; ++row) {
    const key = ck.keys[row];
    if (keyCustomer[key] >= 0) {
      ++ex.duplicateId;
      continue;
    }
    const text = texts[key];
    if (text === null) {
      ++ex.missingId;
      continue;
    }
    if (textsCollide) {
      const existing = byText.get(text);
      if (existing !== undefined) {
        keyCustomer[key] = existing;
        ++ex.duplicateId;
        continue;
      }
      byText.set(text, idKey.length);
    }
    keyCustomer[key] = idKey.length;
    idKey.push(key);
    rowOf.push(row);
  }
  const index: CustomerIndex = {
    count: idKey.length,
    customersRow: Int32Array.from(rowOf),
    id: (c) => ck.value(idKey[c]),
  };
  if (activityIds && !textsCollide) for (let c = 0; c < idKey.length; ++c) byText.set(texts[idKey[c]]!, c);
  if (!activityIds) return index;

  const ak = columnKeys(activityIds);
  const remap = new Int32Array(ak.size);
  let unknownExample: unknown;
  for (let key = 0; key < ak.size; ++key) {
    const text = key === ak.nullKey ? null : idText(ak.value(key));
    // -1 = missing id, -2 = an id the customers table does not have.
    const c = text === null ? -1 : byText.get(text) ?? -2;
    if (c === -2 && unknownExample === undefined) unknownExample = ak.value(key);
    remap[key] = c;
  }
  const activityCustomer = new Int32Array(ak.keys.length);
  let unknown = 0;
  for (let i = 0; i < activityCustomer.length; ++i) {
    const c = remap[ak.keys[i]];
    if (c === -2) ++unknown;
    activityCustomer[i] = c;
  }
  if (unknown && opts.strict) fail('unknownIdsStrict', { count: unknown, example: unknownExample }, { file: opts.activityFile });
  index.activityCustomer = activityCustomer;
  return index;
}
