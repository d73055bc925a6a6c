import { concatArrays } from '../bytes/concat-arrays.js';
import { ByteDict } from '../dict/byte-dict.js';
import { dictColumn, type DictColumn } from '../dict/dict-column.js';
import { LARGE_UTF8, UTF8, valid, type ArrowBatch, type ArrowColumn } from './arrow-column.js';
import { internUtf8 } from './from-utf8.js';
import { textKeys } from './from-values.js';

/**
 * A dictionary column as a DictColumn with string values ('' and blanks = null).
 * Each record batch carries the dictionary in force for it (flechette resolves
 * deltas and replacements); every dictionary batch is encoded once into one
 * ByteDict, giving a map from its indices to keys, and each record batch's indices
 * are mapped batch by batch, its own null bitmap applied.
 */
export function fromDictionary(c: ArrowColumn): DictColumn {
  // The first dictionary's size is a good guess of the distinct values.
  const dict = new ByteDict(c.data[0]?.dictionary?.length ?? 0);
  const texts = new Map<string, number>();
  const distinct: string[] = [];
  const valueType = c.type.dictionary?.typeId;
  const utf8 = valueType === UTF8 || valueType === LARGE_UTF8;
  // Per dictionary batch (shared by deltas), its indices' keys.
  const byBatch = new Map<ArrowBatch, Int32Array>();
  let mapFor: ArrowColumn | undefined;
  let map: Int32Array = new Int32Array(0);
  // A dictionary of distinct, non-blank strings encoded first maps each index to itself.
  let identity = false;
  const keys = new Int32Array(c.length);
  let row = 0;
  for (const batch of c.data) {
    const dictionary = batch.dictionary!;
    if (dictionary !== mapFor) {
      const parts = dictionary.data.map((d) => {
        let m = byBatch.get(d);
        if (m === undefined) {
          m = new Int32Array(d.length);
          if (utf8) internUtf8(d, dict, m, 0);
          else textKeys(d, texts, distinct, m);
          byBatch.set(d, m);
        }
        return m;
      });
      map = parts.length === 1 ? parts[0] : concatInt32(parts);
      mapFor = dictionary;
      identity = map.every((k, i) => k === i);
    }
    const n = batch.length;
    const v = batch.values!;
    // Indices are usually Int32Array; other widths (and 64-bit) are read generically.
    const idx = v instanceof Int32Array || v instanceof Uint32Array || v instanceof Int16Array ||
      v instanceof Uint16Array || v instanceof Int8Array || v instanceof Uint8Array
      ? (v as unknown as Int32Array)
      : Int32Array.from(Array.from({ length: n }, (_, i) => Number((v as unknown as ArrayLike<number | bigint>)[i])));
    const validity = batch.nullCount > 0 ? batch.validity : undefined;
    if (identity && idx instanceof Int32Array) keys.set(idx.subarray(0, n), row);
    else if (identity) for (let i = 0; i < n; ++i) keys[row + i] = idx[i];
    else for (let i = 0; i < n; ++i) keys[row + i] = map[idx[i]];
    if (validity) for (let i = 0; i < n; ++i) if (!valid(validity, i)) keys[row + i] = -1;
    row += n;
  }
  const size = utf8 ? dict.size : distinct.length;
  for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = size;
  if (utf8) dict.decodeLazily();
  return dictColumn(keys, utf8 ? dict.values : distinct);
}

function concatInt32(parts: Int32Array[]): Int32Array {
  return concatArrays(parts, (n) => new Int32Array(n));
}
