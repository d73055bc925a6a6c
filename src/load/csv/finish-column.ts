import type { CodeDict } from '../dict/code-dict.js';
import { dictColumn } from '../dict/dict-column.js';
import type { LoadedColumn } from '../make-dataset.js';
import { EMPTY, NUMBER, SKIP, STRING, TIME, type ColumnMode } from './column-mode.js';

/** A column's final representation from its mode and storage. */
export function finishColumn(
  name: string,
  mode: ColumnMode,
  zoned: boolean,
  f64: Float64Array | null,
  i32: Int32Array | null,
  dict: CodeDict | null,
  rows: number,
): LoadedColumn | undefined {
  switch (mode) {
    case SKIP:
      return undefined;
    case EMPTY:
      return { name, kind: 'number', values: new Float64Array(rows).fill(NaN) };
    case NUMBER:
      return { name, kind: 'number', values: exact(f64!, rows) };
    case TIME:
      return { name, kind: zoned ? 'timestamp' : 'wallclock', values: exact(f64!, rows) };
    case STRING: {
      const keys = exact(i32!, rows);
      const size = dict!.size;
      // Missing values get the null key, counted on the way (dictColumn needs no pass of
      // its own), unless settle gave it already.
      let nulls = dict!.settledNulls;
      if (nulls < 0) {
        nulls = 0;
        for (let i = 0; i < rows; ++i) {
          if (keys[i] < 0) {
            keys[i] = size;
            ++nulls;
          }
        }
      }
      return { name, kind: 'string', values: dictColumn(keys, dict!.finish(), nulls) };
    }
  }
}

/** A dictionary column with keys renumbered in the order the rows first show them. */
export function firstSeenOrder(name: string, keys: Int32Array, dict: CodeDict): LoadedColumn {
  const values = dict.values;
  const newKey = new Int32Array(values.length).fill(-1);
  const ordered: string[] = [];
  for (let i = 0; i < keys.length; ++i) {
    const k = keys[i];
    if (k < 0) continue;
    let n = newKey[k];
    if (n < 0) n = newKey[k] = ordered.push(values[k]) - 1;
    keys[i] = n;
  }
  const size = ordered.length;
  for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = size;
  return { name, kind: 'string', values: dictColumn(keys, ordered) };
}

/**
 * The first `rows` values: a view when little capacity is spare or the array is shared,
 * else a copy (freeing the rest). A shared array's spare capacity was never written, so
 * its pages were never mapped in: a copy would only add the whole column to the peak,
 * the old buffer lasting until a full collection (a row estimate 10% high did that).
 */
export function exact<T extends Float64Array | Int32Array>(a: T, rows: number): T {
  if (a.length === rows) return a;
  if (a.length - rows <= a.length / 16 || a.buffer instanceof SharedArrayBuffer) return a.subarray(0, rows) as T;
  const out = new (a.constructor as typeof Int32Array)(rows) as T;
  out.set(a.subarray(0, rows));
  return out;
}

