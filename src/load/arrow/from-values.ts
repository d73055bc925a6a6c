import { isBlankText } from '../bytes/parse-number.js';
import { dictColumn, type DictColumn } from '../dict/dict-column.js';
import { valid, type ArrowBatch, type ArrowColumn } from './arrow-column.js';

/** Keys of a batch's values by their text (for dictionaries of non-string values). */
export function textKeys(batch: ArrowBatch, index: Map<string, number>, distinct: string[], out: Int32Array): void {
  const v = batch.values;
  const wide = v instanceof BigInt64Array || v instanceof BigUint64Array;
  const validity = batch.nullCount > 0 ? batch.validity : undefined;
  for (let i = 0; i < batch.length; ++i) {
    const s = wide ? (validity && !valid(validity, i) ? null : String((v as BigInt64Array)[i])) : toText(batch.at(i));
    if (s === null || isBlankText(s)) out[i] = -1;
    else {
      let k = index.get(s);
      if (k === undefined) {
        k = distinct.push(s) - 1;
        index.set(s, k);
      }
      out[i] = k;
    }
  }
}

/** Any other type: each value's text, dictionary-encoded. */
export function fromValues(c: ArrowColumn): DictColumn {
  const index = new Map<string, number>();
  const distinct: string[] = [];
  const keys = new Int32Array(c.length);
  let row = 0;
  for (const batch of c.data) {
    textKeys(batch, index, distinct, keys.subarray(row, row + batch.length));
    row += batch.length;
  }
  for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = distinct.length;
  return dictColumn(keys, distinct);
}

/** A value's text: -0 kept, objects as JSON (bigints as numbers); null for null. */
function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Object.is(v, -0)) return '-0';
  if (typeof v !== 'object') return String(v);
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
}
