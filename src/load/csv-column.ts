import { ByteDict } from './byte-dict.js';
import { dictColumn } from './dict-column.js';
import { GrowableFloat64, GrowableInt32 } from './growable-array.js';
import type { LoadedColumn } from './make-dataset.js';
import { isBlank, parseNumberBytes } from './parse-number.js';

/**
 * One column being read. It starts numeric and stays so while every non-missing
 * field parses as a number; at the first field that does not, it turns into a
 * dictionary column, and the rows before that are re-read in a second pass
 * (`pending`) so their original text, not a re-printed number, becomes the string.
 */
export class CsvColumn {
  nums: GrowableFloat64 | null = new GrowableFloat64();
  keys: GrowableInt32 | null = null;
  dict: ByteDict | null = null;
  pending = 0;

  /** Append a field's bytes (quotes already removed). */
  add(bytes: Uint8Array, start: number, end: number): void {
    if (this.nums !== null) {
      const v = parseNumberBytes(bytes, start, end);
      if (v !== undefined) {
        this.nums.push(v);
        return;
      }
      this.toStrings();
    }
    this.keys!.push(this.keyOf(bytes, start, end));
  }

  /** Make room for `rows` rows in total. */
  reserve(rows: number): void {
    this.nums?.reserve(rows);
    this.keys?.reserve(rows);
  }

  /** The dictionary key of a field; -1 for a missing (blank) one until finish. */
  keyOf(bytes: Uint8Array, start: number, end: number): number {
    return isBlank(bytes, start, end) ? -1 : this.dict!.intern(bytes, start, end);
  }

  private toStrings(): void {
    const rows = this.nums!.length;
    this.keys = new GrowableInt32(this.nums!.data.length);
    this.keys.fill(-1, rows);
    this.pending = rows;
    this.dict = new ByteDict();
    this.nums = null;
  }

  /** The finished column: Float64Array if numeric, else a DictColumn. */
  finish(name: string): LoadedColumn {
    if (this.nums !== null) return { name, kind: 'number', values: this.nums.finish() };
    const keys = this.keys!.finish();
    const size = this.dict!.size;
    for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = size;
    return { name, kind: 'string', values: dictColumn(keys, this.dict!.values) };
  }
}
