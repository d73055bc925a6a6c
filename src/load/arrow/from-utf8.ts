import { isBlank } from '../bytes/parse-number.js';
import { ByteDict } from '../dict/byte-dict.js';
import { dictColumn, type DictColumn } from '../dict/dict-column.js';
import { valid, type ArrowBatch, type ArrowColumn } from './arrow-column.js';

/** utf8 batches straight from their bytes: only distinct values are decoded. */
export function fromUtf8(c: ArrowColumn): DictColumn {
  const dict = new ByteDict(Math.min(c.length, 1 << 16));
  const keys = new Int32Array(c.length);
  let row = 0;
  for (const batch of c.data) {
    internUtf8(batch, dict, keys, row);
    row += batch.length;
  }
  const size = dict.size;
  for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = size;
  dict.decodeLazily();
  return dictColumn(keys, dict.values);
}

const BATCH = 4096;
const batchStarts = new Int32Array(BATCH);
const batchEnds = new Int32Array(BATCH);
const batchRows = new Int32Array(BATCH);

/** Keys of a utf8 batch's values into out[at...] (-1 for null and blank), interned in batches. */
export function internUtf8(batch: ArrowBatch, dict: ByteDict, out: Int32Array, at: number): void {
  const bytes = batch.values as unknown as Uint8Array;
  const offsets = batch.offsets!;
  const validity = batch.nullCount > 0 ? batch.validity : undefined;
  const wide = !(offsets instanceof Int32Array);
  let f = 0;
  for (let i = 0; i < batch.length; ++i) {
    const start = wide ? Number(offsets[i]) : (offsets[i] as number);
    const end = wide ? Number(offsets[i + 1]) : (offsets[i + 1] as number);
    if ((validity && !valid(validity, i)) || isBlank(bytes, start, end)) out[at + i] = -1;
    else {
      batchStarts[f] = start;
      batchEnds[f] = end;
      batchRows[f] = at + i;
      if (++f === BATCH) {
        dict.internMany(bytes, batchStarts, batchEnds, batchRows, f, out);
        f = 0;
      }
    }
  }
  if (f > 0) dict.internMany(bytes, batchStarts, batchEnds, batchRows, f, out);
}
