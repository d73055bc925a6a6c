import { dictBytesOf, isLazyTexts, textsOf, type DictBytes } from './dict-bytes.js';

/**
 * A dictionary-encoded string column that speaks Arquero's dictionary protocol
 * (`key`, `keyFor`, `groups`), so Arquero verbs group on integer keys and kohort's
 * kernels read the keys without touching strings. Key `values.length` is null.
 */
export interface DictColumn {
  readonly length: number;
  readonly nullCount: number;
  /** The distinct values; keys index into it. */
  readonly values: readonly string[];
  /** One key per row; `values.length` marks a null. */
  readonly keys: Int32Array;
  /** The values as the bytes they were loaded from, when a loader interned them (ByteDict). */
  readonly bytes?: DictBytes;
  at(row: number): string | null;
  key(row: number): number;
  keyFor(value: string | null): number;
  groups(names: string[]): {
    keys: Int32Array;
    get: ((k: number) => string | null)[];
    names: string[];
    rows: number[];
    size: number;
  };
  toArray(): (string | null)[];
  [Symbol.iterator](): Iterator<string | null>;
}

/**
 * Build a dictionary column from keys and distinct values (key values.length = null).
 * Values a ByteDict handed out keep their bytes (see DictBytes); a big dictionary's are
 * decoded into strings only when the column's values are first read. `nulls`: the
 * number of null keys, when the caller counted them (else a pass over the keys does).
 */
export function dictColumn(keys: Int32Array, given: readonly string[], nulls?: number): DictColumn {
  const bytes = dictBytesOf(given);
  let values: readonly string[] | undefined = isLazyTexts(given) ? undefined : given;
  const texts = (): readonly string[] => (values ??= textsOf(bytes!));
  const size = values ? values.length : bytes!.size;
  let nullCount = nulls ?? 0;
  if (nulls === undefined) for (let i = 0; i < keys.length; ++i) if (keys[i] === size) ++nullCount;
  const get = (k: number): string | null => (k === size ? null : texts()[k]);
  let index: Map<string, number> | undefined;
  const toArray = (): (string | null)[] => Array.from(keys, get);
  return {
    length: keys.length,
    nullCount,
    get values() {
      return texts();
    },
    keys,
    bytes,
    at: (row) => get(keys[row]),
    key: (row) => keys[row],
    keyFor(value) {
      if (value === null) return nullCount ? size : -1;
      index ??= new Map(texts().map((v, i) => [v, i]));
      return index.get(value) ?? -1;
    },
    groups(names) {
      const n = size + (nullCount ? 1 : 0);
      // Arquero reads `rows` only for some verbs; build it when asked, not per call.
      const g = { keys, get: [get], names, size: n } as ReturnType<DictColumn['groups']>;
      let rows: number[] | undefined;
      Object.defineProperty(g, 'rows', { get: () => (rows ??= Array.from({ length: n }, (_, i) => i)), enumerable: true });
      return g;
    },
    toArray,
    [Symbol.iterator]: () => toArray()[Symbol.iterator](),
  };
}

/** True for a column that carries dictionary keys (ours or Arquero's Arrow wrapper). */
export function isDictionary(col: unknown): col is Pick<DictColumn, 'groups' | 'length' | 'at'> {
  return typeof (col as DictColumn | null)?.groups === 'function';
}

/** Dictionary-encode any array of values as strings (null/undefined/'' = missing). */
export function encodeStrings(values: ArrayLike<unknown>): DictColumn {
  const index = new Map<string, number>();
  const distinct: string[] = [];
  const keys = new Int32Array(values.length);
  const nulls: number[] = [];
  for (let i = 0; i < values.length; ++i) {
    const v = values[i];
    if (v === null || v === undefined || v === '') {
      nulls.push(i);
      continue;
    }
    const s = typeof v === 'string' ? v : String(v);
    let k = index.get(s);
    if (k === undefined) {
      k = distinct.length;
      index.set(s, k);
      distinct.push(s);
    }
    keys[i] = k;
  }
  for (const i of nulls) keys[i] = distinct.length;
  return dictColumn(keys, distinct);
}
