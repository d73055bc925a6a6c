// The columns a Parquet read fills: ParquetColumn for values hyparquet decodes,
// FastParquetColumn for those parquet-pages.ts decodes into typed storage.
import type { SchemaElement } from 'hyparquet';
import { translateCodes } from '../dict/code-translation.js';
import type { ColumnKind } from '../dataset.js';
import { dictColumn } from '../dict/dict-column.js';
import type { ChunkOutput } from './parquet-pages.js';
import { chunkOutput, type FastSpec, type ParquetPart } from './parquet-part.js';
import type { LoadedColumn } from '../make-dataset.js';
import { isBlankText } from '../bytes/parse-number.js';
import { keepBounds, mergeBounds } from './page-bounds.js';
import { KEYS_ALREADY, type KeyColumn } from './key-rows.js';

/** Times become epoch-ms numbers as they are decoded: no Date object per value. */
export const parsers = {
  timestampFromMilliseconds: (v: bigint) => Number(v),
  timestampFromMicroseconds: (v: bigint) => Number(v) / 1e3,
  timestampFromNanoseconds: (v: bigint) => Number(v) / 1e6,
  dateFromDays: (days: number) => days * 86_400_000,
};

/** The kind of a top-level Parquet column from its schema element. */
export function kindOf(el: SchemaElement, nested: boolean): ColumnKind {
  if (nested) return 'string';
  const lt = el.logical_type;
  if (lt?.type === 'TIMESTAMP') return lt.isAdjustedToUTC ? 'timestamp' : 'wallclock';
  // Legacy TIMESTAMP_* annotations are UTC-normalised by definition.
  if (el.converted_type === 'TIMESTAMP_MILLIS' || el.converted_type === 'TIMESTAMP_MICROS') return 'timestamp';
  // INT96 carries no zone; like pyarrow, read it as wall-clock time.
  if (el.type === 'INT96' && !el.converted_type) return 'wallclock';
  if (el.converted_type === 'DATE' || lt?.type === 'DATE') return 'wallclock';
  if (el.type === 'BOOLEAN') return 'boolean';
  if (el.converted_type === 'DECIMAL' || lt?.type === 'FLOAT16') return 'number';
  if (el.type === 'INT32' || el.type === 'INT64' || el.type === 'FLOAT' || el.type === 'DOUBLE') return 'number';
  return 'string';
}

/** Collects one column's chunks into its final representation. */
export class ParquetColumn {
  private nums: Float64Array | null = null;
  private bools: (boolean | null)[] | null = null;
  private keys: Int32Array | null = null;
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];

  constructor(
    readonly name: string,
    readonly kind: ColumnKind,
    rows: number,
  ) {
    if (kind === 'boolean') this.bools = new Array<boolean | null>(rows).fill(null);
    else if (kind === 'string') this.keys = new Int32Array(rows).fill(-1);
    else this.nums = new Float64Array(rows).fill(NaN);
  }

  add(data: ArrayLike<unknown>, rowStart: number): void {
    const n = data.length;
    if (this.nums !== null) {
      const out = this.nums;
      if (data instanceof Float64Array || data instanceof Float32Array || data instanceof Int32Array) {
        out.set(data, rowStart);
        return;
      }
      for (let i = 0; i < n; ++i) {
        const v = data[i];
        out[rowStart + i] = v === null || v === undefined ? NaN : Number(v);
      }
    } else if (this.bools !== null) {
      for (let i = 0; i < n; ++i) {
        const v = data[i];
        this.bools[rowStart + i] = v === null || v === undefined ? null : Boolean(v);
      }
    } else {
      const keys = this.keys!;
      for (let i = 0; i < n; ++i) keys[rowStart + i] = this.key(data[i]);
    }
  }

  private key(v: unknown): number {
    if (v === null || v === undefined) return -1;
    const s = typeof v === 'string' ? v : toText(v);
    let k = this.index.get(s);
    if (k === undefined) {
      if (isBlankText(s)) return -1;
      k = this.values.length;
      this.index.set(s, k);
      this.values.push(s);
    }
    return k;
  }

  finish(): LoadedColumn {
    const { name, kind } = this;
    if (this.nums !== null) return { name, kind, values: this.nums };
    if (this.bools !== null) return { name, kind, values: this.bools };
    const keys = this.keys!;
    const size = this.values.length;
    for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = size;
    return { name, kind, values: dictColumn(keys, this.values) };
  }
}

function toText(v: unknown): string {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Object.is(v, -0)) return '-0';
  if (typeof v !== 'object') return String(v);
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
}

/** A column decoded by parquet-pages.ts: its storage for every row of the file. */
export class FastParquetColumn {
  readonly out: ChunkOutput;
  /** Missing values, once the rows were turned into keys elsewhere (settle-keys.ts); -1 until then. */
  private keyed = -1;
  /** keyColumn's map came from the dictionary (settleValues then settles it). */
  private mapped = false;
  constructor(
    readonly name: string,
    readonly kind: ColumnKind,
    readonly spec: FastSpec,
    rows: number,
    shared = false,
  ) {
    this.out = chunkOutput(spec.spec, rows, shared);
  }

  /**
   * Take in a worker's `rows` rows from row `at`: copied from the part, or (when the
   * worker decoded into this column's storage) already in place. Ids of one shape have
   * the same codes in both threads; other values' codes are translated (CodeDict.absorb).
   */
  append(part: ParquetPart['columns'][number], at: number, rows: number): void {
    const { out } = this;
    if (out.f64) {
      if (part.f64) out.f64.set(part.f64, at);
      if (part.bounds && out.bounds) mergeBounds(out.bounds, part.bounds);
      else out.bounds = undefined;
      return;
    }
    const dst = out.i32!;
    if (part.i32) dst.set(part.i32.subarray(0, rows), at);
    const t = out.dict!.absorb(part.dict!);
    if (t) translateCodes(dst, at, at + rows, t);
  }

  /** A dictionary column's rows to turn into keys, missing values to the null key (see key-rows.ts). */
  keyColumn(): KeyColumn {
    const dict = this.out.dict!;
    const codes = this.out.i32!;
    const map = dict.settleMap(codes, codes.length);
    this.mapped = map !== null;
    return { codes, n: codes.length, map: map ?? KEYS_ALREADY, missing: dict.size };
  }

  /** The dictionary's values in key order, after keyColumn (its rows may still be turning into keys). */
  settleValues(): void {
    if (this.mapped) this.out.dict!.settled();
  }

  /** keyColumn's rows are keys, `nulls` of them missing: finish takes them as they are. */
  keysDone(nulls: number): void {
    this.keyed = nulls;
  }

  finish(): LoadedColumn {
    const { name, kind, out } = this;
    if (out.f64) {
      keepBounds(out.f64, out.bounds);
      return { name, kind, values: out.f64 };
    }
    const dict = out.dict!;
    if (this.keyed >= 0) return { name, kind, values: dictColumn(out.i32!, dict.finish(), this.keyed) };
    const keys = dict.settle(out.i32!, out.i32!.length, true);
    const size = dict.size;
    // Missing values get the null key, counted on the way (dictColumn needs no pass of
    // its own), unless settle gave it already.
    let nulls = dict.settledNulls;
    if (nulls < 0) {
      nulls = 0;
      for (let i = 0; i < keys.length; ++i) {
        if (keys[i] < 0) {
          keys[i] = size;
          ++nulls;
        }
      }
    }
    return { name, kind, values: dictColumn(keys, dict.finish(), nulls) };
  }
}
