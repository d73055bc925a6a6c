import { batchType, dictionary, tableFromIPC, utf8 } from '@uwdata/flechette';
import { fail, KohortError } from '../../errors.js';
import { ByteDict } from '../dict/byte-dict.js';
import { isTextColumn, type ColumnKind, type Dataset, type TextColumns } from '../dataset.js';
import { dictColumn, type DictColumn } from '../dict/dict-column.js';
import { makeDataset, type LoadedColumn } from '../make-dataset.js';
import { concatArrays } from '../bytes/concat-arrays.js';
import { isBlank, isBlankText } from '../bytes/parse-number.js';

/** The parts of a flechette record batch this reader uses. */
interface ArrowBatch {
  length: number;
  nullCount: number;
  /** Validity bitmap (bit i set = row i present); absent when there are no nulls. */
  validity?: Uint8Array;
  values?: ArrayLike<unknown> & ArrayBufferView;
  offsets?: ArrayLike<number | bigint>;
  /** Dictionary batches: the dictionary in force for this batch. */
  dictionary?: ArrowColumn;
  at(i: number): unknown;
}

/** The parts of a flechette column type this reader uses. */
interface ArrowType {
  typeId: number;
  timezone?: string | null;
  precision?: number;
  unit?: number;
  bitWidth?: number;
  signed?: boolean;
  dictionary?: ArrowType;
}

/** The parts of a flechette column this reader uses. */
interface ArrowColumn {
  type: ArrowType;
  length: number;
  data: ArrowBatch[];
}

// Arrow type ids (flechette's Type enumeration).
const DICTIONARY = -1;
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
const DAY_MS = 86_400_000;
/** Milliseconds per unit of an Arrow timestamp: second, millisecond, microsecond, nanosecond. */
const UNIT_MS = [1000, 1, 1e-3, 1e-6];

/**
 * flechette's dictionary batches decode their whole dictionary into JS values when a
 * table is decoded (setDictionary calls `dictionary.cache()`), a million strings for a
 * column of customer ids, although this reader only needs the dictionary's bytes.
 * Make that cache lazy: built on first use, from the same memoized Column.cache(),
 * so anyone reading values (Arquero's wrapper, `at()`) sees exactly what they did.
 */
function lazyDictionaryCache(): void {
  const proto = (batchType(dictionary(utf8()), {}) as unknown as { prototype: Record<string, unknown> }).prototype;
  if (typeof proto.setDictionary !== 'function' || Object.getOwnPropertyDescriptor(proto, 'cache')) return;
  proto.setDictionary = function setDictionary(this: { dictionary: unknown }, d: unknown) {
    this.dictionary = d;
    return this;
  };
  Object.defineProperty(proto, 'cache', {
    configurable: true,
    get(this: { dictionary: { cache(): unknown[] } }) {
      return this.dictionary.cache();
    },
    set(this: object, value: unknown) {
      Object.defineProperty(this, 'cache', { value, writable: true, configurable: true, enumerable: true });
    },
  });
}
lazyDictionaryCache();

/**
 * Read Arrow IPC bytes, file or stream format, with flechette, straight from each
 * record batch's buffers (no value objects per row): integers (64-bit too), floats
 * and decimals -> number (Float64Array, NaN = null); utf8 and dictionaries -> string
 * (DictColumn, '' = null; each dictionary's entries are encoded once and its keys
 * remapped, batch by batch, deltas and replacements included); booleans -> boolean;
 * timestamps with a time zone -> timestamp, timestamps without one and dates ->
 * wallclock (Float64Array of epoch ms, from seconds, ms, µs or ns). Other types
 * become strings (their JSON text). `columns` limits the columns converted.
 */
export function readArrow(bytes: Uint8Array, opts: { file: string; columns?: readonly string[]; text?: TextColumns }): Dataset {
  let table: ReturnType<typeof tableFromIPC>;
  try {
    table = boundedVectors(bytes.length, () => tableFromIPC(bytes, { useDate: false }));
  } catch (err) {
    return fail('badFile', { format: 'Arrow', reason: (err as Error).message }, { file: opts.file });
  }
  const wanted = opts.columns ? new Set(opts.columns) : null;
  const columns: LoadedColumn[] = [];
  // Every row takes at least a bit of some buffer: more rows than that is a corrupt
  // length, which must not become a huge allocation.
  if (table.numRows > Math.max(8 * bytes.length, 1 << 16)) {
    return fail('badFile', { format: 'Arrow', reason: `it claims ${table.numRows} rows in ${bytes.length} bytes` }, { file: opts.file });
  }
  try {
    for (const field of table.schema.fields) {
      if (wanted !== null && !wanted.has(field.name)) continue;
      const col = table.getChild(field.name) as unknown as ArrowColumn;
      columns.push(isTextColumn(opts.text, field.name) ? textColumn(field.name, col) : convertColumn(field.name, col));
    }
  } catch (err) {
    // A file whose header reads but whose buffers do not (cut or corrupt batches).
    if (err instanceof KohortError) throw err;
    return fail('badFile', { format: 'Arrow', reason: (err as Error).message }, { file: opts.file });
  }
  return makeDataset(opts.file, 'arrow', columns, table.numRows);
}

function convertColumn(name: string, c: ArrowColumn): LoadedColumn {
  switch (c.type.typeId) {
    case DICTIONARY:
      return { name, kind: 'string', values: fromDictionary(c) };
    case NULL:
      return { name, kind: 'number', values: new Float64Array(c.length).fill(NaN) };
    case INT:
    case FLOAT:
    case DECIMAL:
      return { name, kind: 'number', values: toFloat64(c, 1) };
    case DATE:
      return { name, kind: 'wallclock', values: toFloat64(c, c.type.unit === 0 ? DAY_MS : 1) };
    case TIMESTAMP: {
      const kind: ColumnKind = c.type.timezone ? 'timestamp' : 'wallclock';
      return { name, kind, values: toFloat64(c, UNIT_MS[c.type.unit ?? 1]) };
    }
    case BOOL:
      return { name, kind: 'boolean', values: toBooleans(c) };
    case UTF8:
    case LARGE_UTF8:
      return { name, kind: 'string', values: fromUtf8(c) };
    default:
      return { name, kind: 'string', values: fromValues(c) };
  }
}

/**
 * A column read as text (an id): numbers become their exact decimal text (a 64-bit
 * integer straight from its bigint, never through a double), strings stay strings.
 */
function textColumn(name: string, c: ArrowColumn): LoadedColumn {
  const id = c.type.typeId;
  if (id === DICTIONARY || id === UTF8 || id === LARGE_UTF8) return convertColumn(name, c);
  return { name, kind: 'string', values: fromValues(c) };
}

/**
 * Run `f` (flechette's IPC decoding) so that a corrupt flatbuffer vector length cannot
 * allocate without bound: flechette builds each metadata vector with Array.from({ length })
 * from the length it reads, and a vector can never have more entries than the file has
 * bytes. Past that, a RangeError (reported as a bad file) instead of running out of memory.
 */
function boundedVectors<T>(limit: number, f: () => T): T {
  const from = Array.from;
  const bounded = function (this: unknown, src: unknown, ...rest: unknown[]) {
    const n = (src as { length?: unknown } | null)?.length;
    if (typeof n === 'number' && n > limit && typeof src === 'object' && !(Symbol.iterator in (src as object))) {
      throw new RangeError(`a list of ${n} entries in a file of ${limit} bytes`);
    }
    return (from as (...a: unknown[]) => unknown[]).call(this, src, ...rest);
  };
  Array.from = bounded as typeof Array.from;
  try {
    return f();
  } finally {
    Array.from = from;
  }
}

/** True if row i of a batch is present (not null). */
function valid(validity: Uint8Array, i: number): boolean {
  return ((validity[i >> 3] >> (i & 7)) & 1) === 1;
}

/**
 * Numbers straight from the batches' typed arrays, times `scale` (the unit in ms
 * for times): 64-bit integers are read as two 32-bit halves (one rounding, as
 * Number(bigint) does), null slots become NaN. Types without a plain value buffer
 * (decimals, float16) are read through flechette's own conversion.
 */
function toFloat64(c: ArrowColumn, scale: number): Float64Array {
  const out = new Float64Array(c.length);
  let offset = 0;
  const direct = c.type.typeId !== DECIMAL && !(c.type.typeId === FLOAT && c.type.precision === HALF);
  for (const batch of c.data) {
    const n = batch.length;
    const v = batch.values;
    if (!direct || v === undefined) {
      for (let i = 0; i < n; ++i) {
        const x = batch.at(i);
        out[offset + i] = x === null || x === undefined ? NaN : Number(x);
      }
    } else if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
      const halves = new Int32Array(v.buffer, v.byteOffset, 2 * n);
      const signed = v instanceof BigInt64Array;
      if (scale === 1) {
        for (let i = 0; i < n; ++i) {
          const hi = halves[2 * i + 1];
          out[offset + i] = (signed ? hi : hi >>> 0) * 4294967296 + (halves[2 * i] >>> 0);
        }
      } else if (scale >= 1) {
        for (let i = 0; i < n; ++i) {
          const hi = halves[2 * i + 1];
          out[offset + i] = ((signed ? hi : hi >>> 0) * 4294967296 + (halves[2 * i] >>> 0)) * scale;
        }
      } else {
        // Divide rather than multiply by a fraction: exact results stay exact.
        const div = Math.round(1 / scale);
        for (let i = 0; i < n; ++i) {
          const hi = halves[2 * i + 1];
          out[offset + i] = ((signed ? hi : hi >>> 0) * 4294967296 + (halves[2 * i] >>> 0)) / div;
        }
      }
    } else {
      const values = v as unknown as ArrayLike<number>;
      if (scale === 1) out.set(values.length === n ? values : (v as unknown as Float64Array).subarray(0, n), offset);
      else for (let i = 0; i < n; ++i) out[offset + i] = values[i] * scale;
    }
    const validity = batch.validity;
    if (batch.nullCount > 0 && validity) {
      for (let i = 0; i < n; ++i) if (!valid(validity, i)) out[offset + i] = NaN;
    }
    offset += n;
  }
  return out;
}

function toBooleans(c: ArrowColumn): (boolean | null)[] {
  const out: (boolean | null)[] = new Array(c.length);
  let row = 0;
  for (const batch of c.data) {
    for (let i = 0; i < batch.length; ++i) {
      const v = batch.at(i);
      out[row++] = v === null || v === undefined ? null : Boolean(v);
    }
  }
  return out;
}

/** utf8 batches straight from their bytes: only distinct values are decoded. */
function fromUtf8(c: ArrowColumn): DictColumn {
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
function internUtf8(batch: ArrowBatch, dict: ByteDict, out: Int32Array, at: number): void {
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

/**
 * A dictionary column as a DictColumn with string values ('' and blanks = null).
 * Each record batch carries the dictionary in force for it (flechette resolves
 * deltas and replacements); every dictionary batch is encoded once into one
 * ByteDict, giving a map from its indices to keys, and each record batch's indices
 * are mapped batch by batch, its own null bitmap applied.
 */
function fromDictionary(c: ArrowColumn): DictColumn {
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

/** Keys of a batch's values by their text (for dictionaries of non-string values). */
function textKeys(batch: ArrowBatch, index: Map<string, number>, distinct: string[], out: Int32Array): void {
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
function fromValues(c: ArrowColumn): DictColumn {
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

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Object.is(v, -0)) return '-0';
  if (typeof v !== 'object') return String(v);
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
}

function concatInt32(parts: Int32Array[]): Int32Array {
  return concatArrays(parts, (n) => new Int32Array(n));
}
