import type { Data, DataType, Table } from 'apache-arrow';
import * as fl from '@uwdata/flechette';
import type { TypedColumn, TypedTable } from '../result/typed/typed-table.js';
import { metadataPairs, type OutputMetadata } from './output-metadata.js';

/** A validity bitmap (LSB first) and the null count, or none when every row is valid. */
function bitmap(n: number, isValid: (i: number) => boolean): { nullBitmap?: Uint8Array; nullCount: number } {
  const bits = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; ++i) {
    if (isValid(i)) bits[i >> 3] |= 1 << (i & 7);
    else ++nulls;
  }
  return nulls ? { nullBitmap: bits, nullCount: nulls } : { nullCount: 0 };
}

type Arrow = typeof import('apache-arrow');

function columnData(A: Arrow, c: TypedColumn, n: number, dictionaryId: number): { type: DataType; data: Data } {
  const { Bool, DateDay, Dictionary, Float64, Int32, Int64, makeData, Utf8, vectorFromArray } = A;
  switch (c.type) {
    case 'string': {
      const type = new Dictionary(new Utf8(), new Int32(), dictionaryId);
      const dictionary = vectorFromArray(c.dictionary, new Utf8());
      const codes = Int32Array.from(c.codes, (x) => (x < 0 ? 0 : x));
      const v = bitmap(n, (i) => c.codes[i] >= 0);
      return { type, data: makeData({ type, length: n, data: codes, dictionary, ...v }) };
    }
    case 'int32':
    case 'date32': {
      const type = c.type === 'int32' ? new Int32() : new DateDay();
      const v = bitmap(n, (i) => !c.valid || c.valid[i] === 1);
      return { type, data: makeData({ type: type as InstanceType<Arrow['Int32']>, length: n, data: c.values, ...v }) };
    }
    case 'int64': {
      const type = new Int64();
      const data = BigInt64Array.from(c.values, (x) => (Number.isFinite(x) ? BigInt(x) : 0n));
      const v = bitmap(n, (i) => !c.valid || c.valid[i] === 1);
      return { type, data: makeData({ type, length: n, data, ...v }) };
    }
    case 'float64': {
      const type = new Float64();
      const v = c.nullable ? bitmap(n, (i) => !Number.isNaN(c.values[i])) : { nullCount: 0 };
      return { type, data: makeData({ type, length: n, data: c.values, ...v }) };
    }
    case 'bool': {
      const type = new Bool();
      const packed = bitmap(n, (i) => c.values[i] === 1).nullBitmap ?? new Uint8Array((n + 7) >> 3).fill(255);
      const v = bitmap(n, (i) => !c.valid || c.valid[i] === 1);
      return { type, data: makeData({ type, length: n, data: packed, ...v }) };
    }
  }
}

/** typedToArrowTable: a typed table as an apache-arrow Table with the output schema's types and metadata. */
export async function typedToArrowTable(t: TypedTable, meta: OutputMetadata): Promise<Table> {
  // Loaded on first use: the CLI starts without apache-arrow.
  const A = await import('apache-arrow');
  const { Field, makeData, RecordBatch, Schema, Struct, Table } = A;
  const parts = t.columns.map((c, j) => columnData(A, c, t.length, j));
  const fields = t.columns.map((c, j) => new Field(c.name, parts[j].type, c.nullable));
  const schema = new Schema(fields, new Map(metadataPairs(t.kind, meta)));
  const struct = makeData({ type: new Struct(fields), length: t.length, nullCount: 0, children: parts.map((p) => p.data) });
  return new Table(schema, [new RecordBatch(schema, struct)]);
}

/** A column's values for flechette's builders: null where the row has none. */
function flechetteColumn(c: TypedColumn, n: number): { type: fl.DataType; values: unknown[] } {
  const values: unknown[] = new Array(n);
  const ok = (i: number): boolean => !('valid' in c) || !c.valid || c.valid[i] === 1;
  switch (c.type) {
    case 'string':
      for (let i = 0; i < n; ++i) values[i] = c.codes[i] >= 0 ? c.dictionary[c.codes[i]] : null;
      return { type: fl.dictionary(fl.utf8(), fl.int32()), values };
    case 'int32':
      for (let i = 0; i < n; ++i) values[i] = ok(i) ? c.values[i] : null;
      return { type: fl.int32(), values };
    case 'date32':
      // Milliseconds: the builder divides by a day's.
      for (let i = 0; i < n; ++i) values[i] = ok(i) ? c.values[i] * 864e5 : null;
      return { type: fl.dateDay(), values };
    case 'int64':
      for (let i = 0; i < n; ++i) values[i] = ok(i) ? (Number.isFinite(c.values[i]) ? c.values[i] : 0) : null;
      return { type: fl.int64(), values };
    case 'float64':
      for (let i = 0; i < n; ++i) values[i] = c.nullable && Number.isNaN(c.values[i]) ? null : c.values[i];
      return { type: fl.float64(), values };
    case 'bool':
      for (let i = 0; i < n; ++i) values[i] = ok(i) ? c.values[i] === 1 : null;
      return { type: fl.bool(), values };
  }
}

/**
 * toArrowIPC: a typed table as Arrow IPC bytes, the "file" format (seekable, for --out
 * files) or the "stream" format (for pipes: `kohort ... --format arrow-stream | ...`).
 * Strings are dictionary-encoded, dates Date32, counts Int32/Int64, rates Float64;
 * the run's metadata is on the schema. Written with flechette, which the CLI has loaded
 * already (Arquero's Arrow codec): importing apache-arrow for one small table took
 * 0.2-0.8 s of a run. typedToArrowTable gives the same table as an apache-arrow Table.
 */
export async function toArrowIPC(t: TypedTable, meta: OutputMetadata, format: 'file' | 'stream'): Promise<Uint8Array> {
  const fields: fl.Field[] = [];
  const columns: fl.Column<unknown>[] = [];
  for (const c of t.columns) {
    const { type, values } = flechetteColumn(c, t.length);
    fields.push(fl.field(c.name, type, c.nullable));
    columns.push(fl.columnFromArray(values, type));
  }
  const table = new fl.Table({ version: fl.Version.V5, endianness: fl.Endianness.Little, fields, metadata: new Map(metadataPairs(t.kind, meta)) }, columns);
  return fl.tableToIPC(table, { format })!;
}
