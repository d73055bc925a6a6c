import { describe, expect, it } from 'vitest';
import { ByteDict } from '../../../src/load/dict/byte-dict.js';
import { dictBytesOf, isLazyTexts, textOf } from '../../../src/load/dict/dict-bytes.js';
import { dictColumn } from '../../../src/load/dict/dict-column.js';
import { bytes } from '../helpers.js';

/** A dictionary of n distinct values ("v0", "v1", ...), and their keys in order. */
function filled(n: number): { dict: ByteDict; keys: Int32Array; words: string[] } {
  const words = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? `é${i}` : `v${i}`));
  const all = bytes(words.join(''));
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  let o = 0;
  words.forEach((w, i) => {
    starts[i] = o;
    ends[i] = o += Buffer.byteLength(w);
  });
  const dict = new ByteDict();
  const keys = new Int32Array(n);
  dict.internMany(all, starts, ends, Int32Array.from(words, (_, i) => i), n, keys);
  return { dict, keys, words };
}

describe('ByteDict values and their bytes', () => {
  it('hands a small dictionary out decoded, with its bytes kept for dictColumn', () => {
    const { dict, keys, words } = filled(100);
    const values = dict.values;
    expect(isLazyTexts(values)).toBe(false);
    expect(values).toEqual(words);
    const col = dictColumn(keys, values);
    expect(col.bytes!.size).toBe(100);
    expect(textOf(col.bytes!, 10)).toBe('é10');
    expect(col.bytes!.ascii).toBe(false);
  });

  it('gives no bytes for values the dictionary has outgrown', () => {
    const d = new ByteDict();
    const t = bytes('ab');
    d.intern(t, 0, 1);
    const early = d.values;
    d.intern(t, 1, 2);
    expect(dictBytesOf(early)).toBeUndefined();
    expect(dictBytesOf(d.values)!.size).toBe(2);
    expect(dictBytesOf(['a'])).toBeUndefined();
  });

  it('decodes a big dictionary only when its values are read, when asked to', () => {
    const { dict, keys, words } = filled(70_000);
    expect(isLazyTexts(dict.values)).toBe(false);
    dict.decodeLazily();
    const values = dict.values;
    expect(isLazyTexts(values)).toBe(true);
    const col = dictColumn(keys, values);
    expect(col.bytes!.size).toBe(70_000);
    // Read through the column: a plain array, decoded once.
    expect(col.at(69_999)).toBe(words[69_999]);
    expect(col.values.length).toBe(70_000);
    expect(col.keyFor('é20')).toBe(20);
    // Read directly, as a loader might: the lazy array behaves as the plain one.
    expect(Array.isArray(values)).toBe(true);
    expect(values.length).toBe(70_000);
    expect(values[30]).toBe('é30');
    expect(values.slice(0, 3)).toEqual(['é0', 'v1', 'v2']);
    expect([...values].length).toBe(70_000);
  });
});
