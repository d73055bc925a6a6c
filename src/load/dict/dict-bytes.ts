import { decodeText } from '../bytes/decode-text.js';
import type { DigitMode } from './digit-mode.js';

/**
 * The distinct values of a dictionary column as the bytes the loader interned them
 * from, back to back. The engine hashes and compares these (the customer join)
 * instead of decoding a JS string per value.
 */
export interface DictBytes {
  /** The values' bytes, back to back. */
  readonly arena: Uint8Array;
  /** Start of value k's bytes in `arena`. */
  readonly starts: Int32Array;
  /** Length of value k's bytes. */
  readonly lengths: Int32Array;
  /** Number of values. */
  readonly size: number;
  /** True when no byte is 0x80 or above: each value's text is then its bytes, one character per byte. */
  readonly ascii: boolean;
  /** Keys 0..numbers.count-1 as numbers of one shape, when a CodeDict numbered them (see NumberedValues). */
  readonly numbers?: NumberedValues;
}

/**
 * The first `count` values of a settled CodeDict: the numbers lo + i for the bits i set
 * in `present`, in ascending order (key k is the k-th bit set), each written in the shape
 * (`prefix`, then the digits as `mode` and `length` say: DigitIndex.write). Two columns'
 * values of one shape are then joined through their numbers, without a byte read.
 */
export interface NumberedValues {
  readonly prefix: Uint8Array;
  readonly mode: DigitMode;
  /** The length of every value (FIXED, EITHER); FREE values are as long as their digits. */
  readonly length: number;
  /** The number of bit 0 of `present`: a multiple of 32. */
  readonly lo: number;
  readonly present: Int32Array;
  readonly count: number;
}

/** The text of value k. */
export function textOf(b: DictBytes, k: number): string {
  return decodeText(b.arena, b.starts[k], b.starts[k] + b.lengths[k]);
}

/** The text of every value. */
export function textsOf(b: DictBytes, from = 0, out: string[] = []): string[] {
  const { arena, starts, lengths } = b;
  if (b.ascii && b.size - from > 64) {
    // One latin1 string for the whole arena, then a slice per value: far fewer
    // calls than decoding each value on its own.
    const at = starts[from];
    const last = b.size - 1;
    const all = Buffer.from(arena.buffer, arena.byteOffset + at, starts[last] + lengths[last] - at).toString('latin1');
    for (let k = from; k < b.size; ++k) out.push(all.slice(starts[k] - at, starts[k] - at + lengths[k]));
    return out;
  }
  for (let k = from; k < b.size; ++k) out.push(textOf(b, k));
  return out;
}

// Keyed on the values array a ByteDict hands out, the one thing every loader passes on to dictColumn.
const sources = new WeakMap<readonly string[], () => DictBytes>();
const lazy = new WeakSet<readonly string[]>();

/** Record that `values` are the text of the bytes `source()` gives (called by ByteDict). */
export function registerDictBytes(values: readonly string[], source: () => DictBytes): void {
  sources.set(values, source);
}

/**
 * The bytes behind `values`, when a ByteDict handed them out and has not grown since.
 * The bytes are copied out once, so the dictionary itself (its hash table) can go.
 */
export function dictBytesOf(values: readonly string[]): DictBytes | undefined {
  const source = sources.get(values);
  if (source === undefined) return undefined;
  const b = source();
  if (!lazy.has(values) && b.size !== values.length) return undefined;
  sources.set(values, () => b);
  return b;
}

/** True for values from lazyTexts: reading them decodes every value first. */
export function isLazyTexts(values: readonly string[]): boolean {
  return lazy.has(values);
}

/**
 * The texts of `b` as an array that decodes them when first touched. Big
 * dictionaries (a million customer ids) are handed out this way: the customer join
 * reads the bytes, and most runs never need the strings, which cost time and
 * garbage collection. dictColumn recognizes these and decodes into a plain array.
 */
export function lazyTexts(b: DictBytes): readonly string[] {
  const target: string[] = [];
  let filled = false;
  const fill = (): void => {
    if (!filled) textsOf(b, 0, target);
    filled = true;
  };
  // Every operation decodes first, then acts on the plain array.
  const handler: ProxyHandler<string[]> = {};
  for (const trap of Object.getOwnPropertyNames(Reflect) as (keyof ProxyHandler<string[]>)[]) {
    const act = Reflect[trap as keyof typeof Reflect] as (...args: unknown[]) => unknown;
    (handler as Record<string, unknown>)[trap] = (...args: unknown[]) => {
      fill();
      return act(...args);
    };
  }
  // Reads, the common operation, without the generic trap's argument juggling.
  handler.get = (t, key) => {
    if (!filled) fill();
    return t[key as keyof string[]];
  };
  const values = new Proxy(target, handler);
  lazy.add(values);
  sources.set(values, () => b);
  return values;
}
