import * as aq from 'arquero';
import { fail } from '../errors.js';
import { ByteDict } from './byte-dict.js';
import type { ColumnKind, Dataset } from './dataset.js';
import { dictColumn, encodeStrings, type DictColumn } from './dict-column.js';
import { makeDataset, type LoadedColumn } from './make-dataset.js';
import { isBlank, isBlankText } from './parse-number.js';

/** The parts of a flechette record batch this reader uses. */
interface ArrowBatch {
  length: number;
  nullCount: number;
  values?: ArrayLike<unknown>;
  offsets?: ArrayLike<number | bigint>;
  at(i: number): unknown;
  isValid(i: number): boolean;
}

/** The parts of a flechette column (what aq.fromArrow gives for non-dictionary data). */
interface ArrowColumn {
  type: { typeId: number; timezone?: string | null; precision?: number };
  length: number;
  data: ArrowBatch[];
}

/** Arquero's wrapper around an Arrow dictionary column. */
interface ArrowDictionary extends Iterable<unknown> {
  length: number;
  groups(names: string[]): unknown;
}

// Arrow type ids (flechette's Type enumeration).
const NULL = 1;
const INT = 2;
const FLOAT = 3;
const UTF8 = 5;
const BOOL = 6;
const DECIMAL = 7;
const DATE = 8;
const TIMESTAMP = 10;
const LARGE_UTF8 = 20;
const HALF = 0; // Float precision of float16, stored as raw Uint16 bits

/**
 * Read Arrow IPC bytes, file or stream format, through Arquero (flechette) and
 * convert each column to kohort's representation: integers (64-bit too), floats and
 * decimals -> number (Float64Array, NaN = null); utf8 and dictionaries -> string
 * (DictColumn, '' = null); booleans -> boolean; timestamps with a time zone ->
 * timestamp, timestamps without one and dates -> wallclock (Float64Array of epoch ms).
 * Other types become strings (their JSON text).
 */
export function readArrow(bytes: Uint8Array, opts: { file: string }): Dataset {
  let table: aq.ColumnTable;
  try {
    table = aq.fromArrow(bytes, { useDate: false } as Parameters<typeof aq.fromArrow>[1]);
  } catch (err) {
    return fail('badFile', { format: 'Arrow', reason: (err as Error).message }, { file: opts.file });
  }
  const columns = table.columnNames().map((name) => convertColumn(name, table.column(name) as unknown));
  return makeDataset(opts.file, 'arrow', columns, table.numRows());
}

function convertColumn(name: string, col: unknown): LoadedColumn {
  if (typeof (col as ArrowDictionary).groups === 'function') {
    return { name, kind: 'string', values: fromDictionary(col as ArrowDictionary) };
  }
  const c = col as ArrowColumn;
  switch (c.type.typeId) {
    case NULL:
    case INT:
    case FLOAT:
    case DECIMAL:
      return { name, kind: 'number', values: toFloat64(c) };
    case DATE:
      return { name, kind: 'wallclock', values: toFloat64(c) };
    case TIMESTAMP: {
      const kind: ColumnKind = c.type.timezone ? 'timestamp' : 'wallclock';
      return { name, kind, values: toFloat64(c) };
    }
    case BOOL:
      return { name, kind: 'boolean', values: toBooleans(c) };
    case UTF8:
    case LARGE_UTF8:
      return { name, kind: 'string', values: fromUtf8(c) };
    default:
      return { name, kind: 'string', values: encodeStrings(Array.from(values(c), toText)) };
  }
}

function* values(c: ArrowColumn): Generator<unknown> {
  for (const batch of c.data) for (let i = 0; i < batch.length; ++i) yield batch.at(i);
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object') return String(v);
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
}

function toFloat64(c: ArrowColumn): Float64Array {
  const out = new Float64Array(c.length);
  let offset = 0;
  for (const batch of c.data) {
    const v = batch.values;
    const direct = batch.nullCount === 0 && ArrayBuffer.isView(v) && !(v instanceof BigInt64Array) &&
      !(v instanceof BigUint64Array) && (v as ArrayLike<number>).length === batch.length;
    // Plain numeric batches without nulls copy in one go; the rest go through at(),
    // which applies flechette's conversions (int64, dates, time units, decimals).
    const plain = c.type.typeId === INT || (c.type.typeId === FLOAT && c.type.precision !== HALF);
    if (direct && plain) {
      out.set(v as unknown as ArrayLike<number>, offset);
    } else {
      for (let i = 0; i < batch.length; ++i) {
        const x = batch.at(i);
        out[offset + i] = x === null || x === undefined ? NaN : Number(x);
      }
    }
    offset += batch.length;
  }
  return out;
}

function toBooleans(c: ArrowColumn): (boolean | null)[] {
  const out: (boolean | null)[] = [];
  for (const v of values(c)) out.push(v === null || v === undefined ? null : Boolean(v));
  return out;
}

/** utf8 batches straight from their bytes: only distinct values are decoded. */
function fromUtf8(c: ArrowColumn): DictColumn {
  const dict = new ByteDict();
  const keys = new Int32Array(c.length);
  let row = 0;
  for (const batch of c.data) {
    const bytes = batch.values as unknown as Uint8Array;
    const offsets = batch.offsets!;
    for (let i = 0; i < batch.length; ++i, ++row) {
      const start = Number(offsets[i]);
      const end = Number(offsets[i + 1]);
      keys[row] = !batch.isValid(i) || isBlank(bytes, start, end) ? -1 : dict.intern(bytes, start, end);
    }
  }
  for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = dict.size;
  return dictColumn(keys, dict.values);
}

/**
 * Re-encode an Arrow dictionary column as a DictColumn with string values ('' and
 * blanks = null). The values come from the wrapper's iterator, not its `groups()`
 * keys: Arquero 8 builds those keys wrongly when a column has several record batches
 * and nulls (its null-bitmap loop writes past the end of a batch into the next one).
 */
function fromDictionary(col: ArrowDictionary): DictColumn {
  const index = new Map<unknown, number>();
  const byText = new Map<string, number>();
  const distinct: string[] = [];
  const keys = new Int32Array(col.length);
  let row = 0;
  for (const v of col) {
    let k = index.get(v);
    if (k === undefined) {
      const s = toText(v);
      if (s === null || isBlankText(s)) k = -1;
      else {
        k = byText.get(s) ?? distinct.push(s) - 1;
        byText.set(s, k);
      }
      index.set(v, k);
    }
    keys[row++] = k;
  }
  for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = distinct.length;
  return dictColumn(keys, distinct);
}
