import { textOf, type DictBytes } from '../../../load/dict/dict-bytes.js';
import { isDictionary, type DictColumn } from '../../../load/dict/dict-column.js';

/** Integer keys for a column: one per row, dense from 0, plus the value of each key. */
export interface ColumnKeys {
  keys: Int32Array;
  /** Number of distinct keys (including the null key when there is one). */
  size: number;
  /** The key that stands for a missing value, or -1. */
  nullKey: number;
  /** The value of a key (null for the null key). */
  value(key: number): unknown;
  /** Each key's value as bytes, when a loader interned them: keys 0..bytes.size-1 (any other key is the null key). */
  bytes?: DictBytes;
}

/** A column as Arquero holds it: a typed array, an array, or an object with `at`. */
export type AnyColumn = ArrayLike<unknown> | { length: number; at(row: number): unknown };

/**
 * columnKeys: dictionary-encode a column. Dictionary columns (kohort's own and Arquero's
 * Arrow wrapper) hand over their keys without a copy; numbers and other arrays are
 * encoded with a Map, once per row. NaN, null, undefined and '' are missing.
 */
export function columnKeys(col: AnyColumn): ColumnKeys {
  // Arquero's own Arrow dictionary wrapper mis-keys nulls across record batches
  // (arquero 8.0.3), so only kohort's DictColumn, or a wrapper without nulls, is trusted.
  if (isDictionary(col) && ('values' in col || !(col as { nullCount?: number }).nullCount)) {
    const g = col.groups(['_']) as unknown as { keys: ArrayLike<number>; get: ((k: number) => unknown)[]; size: number };
    const get = g.get[0];
    // A typed-array copy is a memcpy; Int32Array.from would iterate.
    const keys = g.keys instanceof Int32Array ? g.keys : new Int32Array(g.keys as ArrayLike<number>);
    const bytes = (col as Partial<DictColumn>).bytes;
    if (bytes) {
      // Values decoded from the bytes one at a time when asked, not all as text.
      const nullKey = g.size > bytes.size ? bytes.size : -1;
      return { keys, size: g.size, nullKey, value: (k) => (k === nullKey ? null : textOf(bytes, k)), bytes };
    }
    const nullKey = g.size > 0 && get(g.size - 1) === null ? g.size - 1 : -1;
    return { keys, size: g.size, nullKey, value: get };
  }
  const n = col.length;
  const keys = new Int32Array(n);
  const index = new Map<unknown, number>();
  const values: unknown[] = [];
  let nullKey = -1;
  const at = rowReader(col);
  for (let i = 0; i < n; ++i) {
    let v = at(i);
    if (v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) v = null;
    if (v instanceof Date) v = v.getTime();
    let k = index.get(v);
    if (k === undefined) {
      k = values.length;
      index.set(v, k);
      values.push(v);
      if (v === null) nullKey = k;
    }
    keys[i] = k;
  }
  return { keys, size: values.length, nullKey, value: (k) => values[k] };
}

/** A row reader for any column shape. */
export function rowReader(col: AnyColumn): (row: number) => unknown {
  if (ArrayBuffer.isView(col) || Array.isArray(col)) {
    const arr = col as ArrayLike<unknown>;
    return (i) => arr[i];
  }
  const c = col as { at?: (row: number) => unknown } & ArrayLike<unknown>;
  return typeof c.at === 'function' ? (i) => c.at!(i) : (i) => c[i];
}

/** Read a numeric column into a Float64Array (missing and non-numbers -> NaN). */
export function numericColumn(col: AnyColumn): Float64Array {
  if (col instanceof Float64Array) return col;
  const n = col.length;
  const out = new Float64Array(n);
  if (ArrayBuffer.isView(col)) {
    const arr = col as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < n; ++i) out[i] = Number(arr[i]);
    return out;
  }
  const at = rowReader(col);
  for (let i = 0; i < n; ++i) {
    const v = at(i);
    out[i] = v === null || v === undefined || v === '' ? NaN : Number(v);
  }
  return out;
}
