import { tableFromIPC } from '@uwdata/flechette';
import { fail, KohortError } from '../../errors.js';
import { DAY_MS } from '../../time/civil.js';
import { isTextColumn, type ColumnKind, type Dataset, type TextColumns } from '../dataset.js';
import { makeDataset, type LoadedColumn } from '../make-dataset.js';
import { BOOL, DATE, DECIMAL, DICTIONARY, FLOAT, INT, LARGE_UTF8, NULL, TIMESTAMP, UNIT_MS, UTF8, type ArrowColumn } from './arrow-column.js';
import { fromDictionary } from './from-dictionary.js';
import { fromUtf8 } from './from-utf8.js';
import { fromValues } from './from-values.js';
import { lazyDictionaryCache } from './lazy-dictionary-cache.js';
import { toBooleans, toFloat64 } from './to-float64.js';

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

/** A column as the loader's kind: number, string, wallclock, timestamp or boolean. */
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
