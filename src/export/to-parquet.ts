import type { parquetWriteBuffer } from 'hyparquet-writer';
import type { TypedColumn, TypedTable } from '../result/typed/typed-table.js';
import { KOHORT_VERSION } from '../version.js';
import { metadataPairs, type OutputMetadata } from './output-metadata.js';

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];
type ColumnSource = Parameters<typeof parquetWriteBuffer>[0]['columnData'][number];

function element(c: TypedColumn): SchemaElement {
  const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (c.type) {
    case 'string':
      return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type };
    case 'date32':
      return { name: c.name, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' }, repetition_type };
    case 'int32':
      return { name: c.name, type: 'INT32', repetition_type };
    case 'int64':
      return { name: c.name, type: 'INT64', repetition_type };
    case 'float64':
      return { name: c.name, type: 'DOUBLE', repetition_type };
    case 'bool':
      return { name: c.name, type: 'BOOLEAN', repetition_type };
  }
}

function values(c: TypedColumn, n: number): ColumnSource['data'] {
  const out: unknown[] = new Array(n);
  switch (c.type) {
    case 'string':
      for (let i = 0; i < n; ++i) out[i] = c.codes[i] < 0 ? null : c.dictionary[c.codes[i]];
      return out as string[];
    case 'float64':
      if (!c.nullable) return c.values;
      for (let i = 0; i < n; ++i) out[i] = Number.isNaN(c.values[i]) ? null : c.values[i];
      return out as number[];
    case 'int64':
      for (let i = 0; i < n; ++i) out[i] = c.valid && !c.valid[i] ? null : BigInt(c.values[i]);
      return out as bigint[];
    case 'bool':
      for (let i = 0; i < n; ++i) out[i] = c.valid && !c.valid[i] ? null : c.values[i] === 1;
      return out as boolean[];
    default:
      if (!c.valid) return c.values;
      for (let i = 0; i < n; ++i) out[i] = c.valid[i] ? c.values[i] : null;
      return out as number[];
  }
}

/**
 * toParquet: a typed table as Parquet bytes, with hyparquet-writer: strings as
 * dictionary-encoded UTF8, dates as INT32 DATE, counts INT32/INT64, rates DOUBLE,
 * null for absent cells (OPTIONAL columns), uncompressed pages, and the run's key-value
 * metadata. No time of writing goes in: the same table and metadata give the same bytes.
 */
export async function toParquet(t: TypedTable, meta: OutputMetadata): Promise<Uint8Array> {
  // Loaded on first use: the CLI starts without the writer.
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const buf = parquetWriteBuffer({
    schema: [{ name: 'root', num_children: t.columns.length }, ...t.columns.map(element)],
    columnData: t.columns.map((c) => ({
      name: c.name,
      data: values(c, t.length),
      ...(c.type === 'string' ? { encoding: 'RLE_DICTIONARY' as const } : {}),
    })),
    kvMetadata: metadataPairs(t.kind, meta).map(([key, value]) => ({ key, value })),
    createdBy: `kohort version ${KOHORT_VERSION}`,
    rowGroupSize: 1 << 20,
    // Snappy pages from the writer made DuckDB fail ("Uncompressed data size mismatch")
    // on some tables (typed-writers.test.ts pins one); result tables are aggregates, small
    // enough that compression buys little, and every reader takes plain pages.
    codec: 'UNCOMPRESSED',
  });
  return new Uint8Array(buf);
}
