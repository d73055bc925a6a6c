import { dictColumn } from '../dict/dict-column.js';
import { GrowableFloat64, GrowableInt32 } from './growable-array.js';
import type { LoadedColumn } from '../make-dataset.js';
import { isBlankText } from '../bytes/parse-number.js';

type Mode = 'empty' | 'number' | 'boolean' | 'string';

/**
 * Builds one column from JS values (parsed JSON, decoded Parquet) with the same
 * inference as CSV: numbers stay numbers, booleans booleans, and any mix, or any
 * string, makes a dictionary string column. null, undefined, '' and blank strings
 * are missing; objects and arrays become their JSON text. A column with no values
 * at all is numeric (all NaN).
 */
export class ValueColumn {
  private mode: Mode = 'empty';
  private filled = 0;
  private nums: GrowableFloat64 | null = null;
  private bools: (boolean | null)[] | null = null;
  private keys: GrowableInt32 | null = null;
  private index = new Map<string, number>();
  private values: string[] = [];
  private readonly text: boolean;

  /** `text`: every value is kept as text (an id column): numbers and booleans too. */
  constructor(text = false) {
    this.text = text;
  }

  /** Set the value of `row`; rows are set in increasing order and skipped rows are missing. */
  set(row: number, value: unknown): void {
    if (row < this.filled) return; // a row's second value ("a.b" beside {"a": {"b"}}): the first stays
    if (row > this.filled) this.pad(row);
    const v = typeof value === 'bigint' ? (this.text ? String(value) : Number(value)) : this.text && Object.is(value, -0) ? '-0' : value;
    if (v === null || v === undefined || (typeof v === 'string' && isBlankText(v))) {
      this.pad(row + 1);
      return;
    }
    const mode = this.text ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
    if (mode !== this.mode && this.mode !== 'string') this.become(this.mode === 'empty' ? mode : 'string');
    if (this.mode === 'number') this.nums!.push(v as number);
    else if (this.mode === 'boolean') this.bools!.push(v as boolean);
    else this.keys!.push(this.key(typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)));
    this.filled = row + 1;
  }

  /** The finished column, padded with missing values to `rows`. */
  finish(name: string, rows: number): LoadedColumn {
    this.pad(rows);
    if (this.mode === 'empty') return { name, kind: 'number', values: new Float64Array(rows).fill(NaN) };
    if (this.mode === 'number') return { name, kind: 'number', values: this.nums!.finish() };
    if (this.mode === 'boolean') return { name, kind: 'boolean', values: this.bools! };
    const keys = this.keys!.finish();
    const size = this.values.length;
    for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = size;
    return { name, kind: 'string', values: dictColumn(keys, this.values) };
  }

  private key(s: string): number {
    let k = this.index.get(s);
    if (k === undefined) {
      k = this.values.length;
      this.index.set(s, k);
      this.values.push(s);
    }
    return k;
  }

  /** Fill missing values up to (not including) `row`. */
  private pad(row: number): void {
    const n = row - this.filled;
    if (n <= 0) return;
    if (this.mode === 'number') this.nums!.fill(NaN, n);
    else if (this.mode === 'boolean') for (let i = 0; i < n; ++i) this.bools!.push(null);
    else if (this.mode === 'string') this.keys!.fill(-1, n);
    this.filled = row;
  }

  private become(mode: Mode): void {
    const rows = this.filled;
    if (mode === 'number') {
      this.nums = new GrowableFloat64(Math.max(rows, 1024));
      this.nums.fill(NaN, rows);
    } else if (mode === 'boolean') {
      this.bools = new Array<boolean | null>(rows).fill(null);
    } else {
      this.keys = new GrowableInt32(Math.max(rows, 1024));
      if (this.mode === 'number') {
        const d = this.nums!.data;
        for (let i = 0; i < rows; ++i) this.keys.push(d[i] === d[i] ? this.key(String(d[i])) : -1);
      } else if (this.mode === 'boolean') {
        for (const b of this.bools!) this.keys.push(b === null ? -1 : this.key(String(b)));
      } else this.keys.fill(-1, rows);
      this.nums = null;
      this.bools = null;
    }
    this.mode = mode;
  }
}
