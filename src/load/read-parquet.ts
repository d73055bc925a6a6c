import {
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type ColumnData,
  type FileMetaData,
  type SchemaElement,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { fail, KohortError } from '../errors.js';
import type { ColumnKind, Dataset } from './dataset.js';
import { dictColumn } from './dict-column.js';
import { makeDataset, type LoadedColumn } from './make-dataset.js';
import { isBlankText } from './parse-number.js';

/** Times become epoch-ms numbers as they are decoded: no Date object per value. */
const parsers = {
  timestampFromMilliseconds: (v: bigint) => Number(v),
  timestampFromMicroseconds: (v: bigint) => Number(v) / 1e3,
  timestampFromNanoseconds: (v: bigint) => Number(v) / 1e6,
  dateFromDays: (days: number) => days * 86_400_000,
};

/** The kind of a top-level Parquet column from its schema element. */
function kindOf(el: SchemaElement, nested: boolean): ColumnKind {
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
class ParquetColumn {
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
  if (typeof v !== 'object') return String(v);
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
}

/**
 * Read a Parquet file (bytes, or hyparquet's AsyncBuffer for a file on disk) column
 * by column, one row group at a time, with zstd, snappy, gzip, brotli and lz4
 * support. Numbers (INT64 included) -> Float64Array; strings -> DictColumn;
 * BOOLEAN -> boolean; TIMESTAMP with isAdjustedToUTC (and legacy TIMESTAMP_*) ->
 * timestamp, TIMESTAMP without it, INT96 and DATE -> wallclock (epoch ms). Nested
 * columns become their JSON text. A corrupt file fails with `badFile`.
 */
export async function readParquet(
  input: Uint8Array | ArrayBuffer | AsyncBuffer,
  opts: { file: string },
): Promise<Dataset> {
  const file: AsyncBuffer =
    input instanceof Uint8Array
      ? (input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer)
      : input;
  try {
    const metadata: FileMetaData = await parquetMetadataAsync(file, { parsers });
    const rows = Number(metadata.num_rows);
    const columns = parquetSchema(metadata).children.map(
      (c) => new ParquetColumn(c.element.name, kindOf(c.element, c.children.length > 0), rows),
    );
    const byName = new Map(columns.map((c) => [c.name, c]));
    const onChunk = (chunk: ColumnData) => byName.get(chunk.columnName)?.add(chunk.columnData, chunk.rowStart);
    // One row group at a time, so only one group's decoded values are alive at once.
    let groupStart = 0;
    for (const group of metadata.row_groups) {
      const groupEnd = groupStart + Number(group.num_rows);
      await parquetRead({ file, metadata, compressors, parsers, rowStart: groupStart, rowEnd: groupEnd, onChunk });
      groupStart = groupEnd;
    }
    return makeDataset(opts.file, 'parquet', columns.map((c) => c.finish()), rows);
  } catch (err) {
    if (err instanceof KohortError) throw err;
    return fail('badFile', { format: 'Parquet', reason: (err as Error).message }, { file: opts.file });
  }
}
