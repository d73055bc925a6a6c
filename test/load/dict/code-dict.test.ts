import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeDict } from '../../../src/load/dict/code-dict.js';
import { translateCodes } from '../../../src/load/dict/code-translation.js';
import { dictBytesOf } from '../../../src/load/dict/dict-bytes.js';
import { FREE } from '../../../src/load/dict/digit-mode.js';
import { fields } from '../helpers.js';
import { TABLES, useTables } from './wasm-tables.js';


/** Codes of `values` in `dict`, in batches of the given sizes (size 1: intern). */
function codesOf(dict: CodeDict, values: string[], cuts: number[]): Int32Array {
  const { all, starts, ends, rows } = fields(values);
  const codes = new Int32Array(values.length);
  for (let b = 0, c = 0; b < values.length; ++c) {
    const size = cuts[c % cuts.length];
    const e = Math.min(values.length, b + size);
    if (size === 1) codes[b] = dict.intern(all, starts[b], ends[b]);
    else dict.internMany(all, starts.subarray(b, e), ends.subarray(b, e), rows.subarray(b, e), e - b, codes);
    b = e;
  }
  return codes;
}

function decoded(dict: CodeDict, keys: Int32Array): string[] {
  const values = dict.values;
  return Array.from(keys, (k) => values[k]);
}

const id = (n: number, width = 7) => `C${String(n).padStart(width, '0')}`;
// Mostly one id shape; sometimes far numbers, ids of another width, other text.
const value = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 3000 }).map((n) => id(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9_999_999 }).map((n) => id(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }).map((n) => id(n, 3)) },
  { weight: 1, arbitrary: fc.constantFrom('C12', 'c0000001', 'C000000x', 'D0000001', 'other', 'Zürich', '17850') },
);
const cuts = fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 8 });

describe.each(TABLES)('CodeDict ($table table)', ({ at, bits }) => {
  useTables(at, bits);
  it('settle(codes) gives keys whose values are the rows, one key a value', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), cuts, (values, cut) => {
        const dict = new CodeDict();
        const keys = codesOf(dict, values, cut);
        dict.settle(keys, keys.length);
        expect(decoded(dict, keys)).toEqual(values);
        expect(dict.size).toBe(new Set(values).size);
        expect(new Set(dict.values).size).toBe(dict.size);
      }),
      { numRuns: 400 },
    );
  });

  it('settle(codes) hands out the numbered values as their shape and bits: key k < count is the k-th number written in the shape', () => {
    const written = fc.oneof(value, fc.integer({ min: 0, max: 400 }).map(String), fc.integer({ min: 0, max: 40 }).map((n) => String(n).padStart(3, '0')));
    fc.assert(
      fc.property(fc.array(written, { maxLength: 300 }), cuts, (values, cut) => {
        const dict = new CodeDict();
        const keys = codesOf(dict, values, cut);
        dict.settle(keys, keys.length);
        const n = dictBytesOf(dict.values)?.numbers;
        if (n === undefined) return;
        expect(n.lo % 32).toBe(0);
        const prefix = Buffer.from(n.prefix).toString('latin1');
        const texts: string[] = [];
        n.present.forEach((word, w) => {
          for (let i = 0; i < 32; ++i) {
            if (((word >>> i) & 1) === 0) continue;
            const digits = String(n.lo + 32 * w + i);
            texts.push(prefix + (n.mode === FREE ? digits : digits.padStart(n.length - prefix.length, '0')));
          }
        });
        expect(texts.length).toBe(n.count);
        expect(dict.values.slice(0, n.count)).toEqual(texts);
      }),
      { numRuns: 400 },
    );
    const ids = Array.from({ length: 2000 }, (_, i) => `C${String(5000 - i).padStart(7, '0')}`);
    const dict = new CodeDict();
    dict.settle(codesOf(dict, ids, [512]), ids.length);
    expect(dictBytesOf(dict.values)?.numbers).toMatchObject({ count: 2000, length: 8, lo: 2976 });
  });

  it('numbers the same ids however the values are batched, also when far numbers stop the span', () => {
    // Nine-digit ids: a span of them can pass the limit, after which further numbers are hashed.
    const nine = fc.oneof(fc.integer({ min: 100_000_000, max: 100_002_000 }), fc.integer({ min: 100_000_000, max: 999_999_999 })).map(String);
    fc.assert(
      fc.property(fc.array(nine, { maxLength: 200 }), cuts, (values, cut) => {
        const one = new CodeDict();
        const k1 = codesOf(one, values, [1]);
        const many = new CodeDict();
        const k2 = codesOf(many, values, cut);
        expect(Array.from(one.settle(k1, k1.length))).toEqual(Array.from(many.settle(k2, k2.length)));
        expect(many.values).toEqual(one.values);
        expect(decoded(many, k2)).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });

  it('absorb(part) of a part read by another dictionary gives the rows and the dictionary of one read', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), fc.nat(), cuts, cuts, (values, at, cutA, cutB) => {
        const split = values.length === 0 ? 0 : at % (values.length + 1);
        const main = new CodeDict();
        const part = new CodeDict();
        const keys = new Int32Array(values.length);
        keys.set(codesOf(main, values.slice(0, split), cutA));
        keys.set(codesOf(part, values.slice(split), cutB), split);
        const t = main.absorb(part.take());
        if (t) translateCodes(keys, split, values.length, t);
        main.settle(keys, keys.length);
        expect(decoded(main, keys)).toEqual(values);
        const one = new CodeDict();
        const oneKeys = codesOf(one, values, [512]);
        one.settle(oneKeys, oneKeys.length);
        expect(main.values).toEqual(one.values);
        expect(keys).toEqual(oneKeys);
      }),
      { numRuns: 400 },
    );
  });

  it('settle(codes) lays reordered values back to back in key order (a part numbered in another shape)', () => {
    // The part's numbers are hashed here, in numeric order; settle puts them in row order,
    // and their text must follow (more than 64 values: the ASCII fast path of textsOf).
    const partValues = Array.from({ length: 70 }, (_, i) => `K${String(69 - i).padStart(4, '0')}`);
    const main = new CodeDict();
    const part = new CodeDict();
    const keys = new Int32Array(71);
    keys.set(codesOf(main, ['w1'], [8]));
    keys.set(codesOf(part, partValues, [8]), 1);
    const t = main.absorb(part.take());
    if (t) translateCodes(keys, 1, 71, t);
    const settled = main.settle(keys, 71);
    expect(decoded(main, settled)).toEqual(['w1', ...partValues]);
    expect(main.values.slice(0, 3)).toEqual(['w1', 'K0069', 'K0068']);
  });

  it('keys ids of one shape in numeric order, and hashes the rest after them in first-seen order', () => {
    const values = [id(30), 'other', id(7), id(30), 'Zürich', id(5), 'other', id(9_000_000)];
    const dict = new CodeDict();
    const keys = codesOf(dict, values, [3]);
    dict.settle(keys, keys.length);
    expect(dict.values).toEqual([id(5), id(7), id(30), id(9_000_000), 'other', 'Zürich']);
    expect(Array.from(keys)).toEqual([2, 4, 1, 2, 5, 0, 4, 3]);
  });

  it('keys dense ids by subtraction, and with other values after them', () => {
    const values = Array.from({ length: 200 }, (_, i) => id(100 + ((i * 37) % 200)));
    values.splice(50, 0, 'other');
    const dict = new CodeDict();
    const keys = codesOf(dict, values, [64]);
    dict.settle(keys, keys.length);
    expect(Array.from(keys)).toEqual(values.map((v) => (v === 'other' ? 200 : Number(v.slice(1)) - 100)));
  });

  it('hashes numbers beyond the span it can cover, and still gives each value one key', () => {
    // Nine-digit ids far apart: the first covers a small span, the rest are hashed.
    const values = ['100000000', '999999999', '100000001', '500000000', '999999999', '100000000'];
    const dict = new CodeDict();
    const keys = codesOf(dict, values, [2]);
    dict.settle(keys, keys.length);
    expect(decoded(dict, keys)).toEqual(values);
    expect(dict.size).toBe(4);
  });

  // Ids written freely (1..N, no padding) beside padded ones of the same prefix: a
  // value is numbered only when its number, written in the column's shape, is itself.
  const loose = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 5000 }).map(String) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 500 }).map((n) => String(n).padStart(3, '0')) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 300 }).map((n) => `u${n}`) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 }).map((n) => `u${String(n).padStart(3, '0')}`) },
    { weight: 1, arbitrary: fc.constantFrom('-0', '0', '00', '1.5', '1.50', '1e3', '1000', '9007199254740993', '007', '7') },
  );

  it('numbers unpadded ids (1..N) and tells 7 from 007, batched or split', () => {
    fc.assert(
      fc.property(fc.array(loose, { maxLength: 300 }), fc.nat(), cuts, cuts, (values, at, cutA, cutB) => {
        const split = values.length === 0 ? 0 : at % (values.length + 1);
        const main = new CodeDict();
        const part = new CodeDict();
        const keys = new Int32Array(values.length);
        keys.set(codesOf(main, values.slice(0, split), cutA));
        keys.set(codesOf(part, values.slice(split), cutB), split);
        const t = main.absorb(part.take());
        if (t) translateCodes(keys, split, values.length, t);
        const settled = main.settle(keys, keys.length);
        expect(decoded(main, settled)).toEqual(values);
        expect(main.size).toBe(new Set(values).size);
        const one = new CodeDict();
        const oneKeys = codesOf(one, values, [1]);
        one.settle(oneKeys, oneKeys.length);
        expect(decoded(one, oneKeys)).toEqual(values);
      }),
      { numRuns: 500 },
    );
  });

  it('numbers ids 1..N of every width without hashing them', () => {
    const values = Array.from({ length: 5000 }, (_, i) => String(5000 - i));
    const dict = new CodeDict();
    const keys = codesOf(dict, values, [512]);
    dict.settle(keys, keys.length);
    expect(decoded(dict, keys)).toEqual(values);
    // Numbered ids get keys in numeric order: id n has key n - 1.
    expect(Array.from(keys.subarray(0, 3))).toEqual([4999, 4998, 4997]);
  });
  // A UUID-like id from a number (hex digits, so some end in a digit as a real one may).
  const uuid = (n: number) => {
    const h = (x: number, w: number) => (x >>> 0).toString(16).padStart(w, '0').slice(-w);
    const m = Math.imul(n + 1, 0x9e3779b1);
    return `${h(m, 8)}-${h(m >>> 7, 4)}-4${h(m >>> 3, 3)}-a${h(m >>> 11, 3)}-${h(m ^ 0x5bd1e995, 8)}${h(n, 4)}`;
  };

  it('learns no digit shape from a first UUID that ends in digits when the batch has no other of its shape', () => {
    const values = Array.from({ length: 2000 }, (_, i) => uuid(i % 700));
    values[0] = '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f001234';
    const dict = new CodeDict();
    const keys = codesOf(dict, values, [512]);
    expect(dict.take().digits).toBeNull();
    const again = new CodeDict();
    const k2 = codesOf(again, values, [512]);
    const settled = again.settle(k2, k2.length);
    expect(decoded(again, settled)).toEqual(values);
    // Hashed from the start: keys are the codes, in first-seen order.
    expect(Array.from(settled.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(keys.length).toBe(values.length);
  });

  it('learns the shape most of a big batch has when its first value is odd', () => {
    const values = ['X12', ...Array.from({ length: 1000 }, (_, i) => String(1000 - i)), '007', '7'];
    const dict = new CodeDict();
    const keys = codesOf(dict, values, [600]);
    const state = dict.take();
    expect(state.digits?.prefix.length).toBe(0);
    const again = new CodeDict();
    const k2 = codesOf(again, values, [600]);
    const settled = again.settle(k2, k2.length);
    expect(decoded(again, settled)).toEqual(values);
    // 1..1000 numbered (keys in numeric order), then the hashed X12 and 007.
    expect(settled[1]).toBe(999);
    expect(new Set(Array.from(settled)).size).toBe(1002);
    expect(keys.length).toBe(values.length);
  });

  // Every id shape at once: how a shape is learnt must never merge two ids or split one.
  const anyShape = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 4000 }).map(String) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 400 }).map((n) => String(n).padStart(3, '0')) },
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 3000 }).map(uuid) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 3000 }).map((n) => id(n)) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 500 }).map((n) => `user.${n}@example.com`) },
    { weight: 1, arbitrary: fc.constantFrom('-7', '7', '007', ' 7', '7 ', '+7', '7.0', '', 'X12', '12345678901234567890') },
  );
  const bigCuts = fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 4 });

  it('groups ids of mixed shapes in big batches, read whole or in two parts, as a Map of their texts does', () => {
    fc.assert(
      fc.property(fc.array(anyShape, { maxLength: 1500 }), fc.nat(), bigCuts, bigCuts, (values, at, cutA, cutB) => {
        const texts = values.filter((v) => v !== '');
        const split = texts.length === 0 ? 0 : at % (texts.length + 1);
        const main = new CodeDict();
        const part = new CodeDict();
        const keys = new Int32Array(texts.length);
        keys.set(codesOf(main, texts.slice(0, split), cutA));
        keys.set(codesOf(part, texts.slice(split), cutB), split);
        const t = main.absorb(part.take());
        if (t) translateCodes(keys, split, texts.length, t);
        const settled = main.settle(keys, keys.length);
        // The grouping of a plain Map: one key per distinct text, the same key for equal texts.
        const byText = new Map<string, number>();
        texts.forEach((v, i) => {
          const k = byText.get(v);
          if (k === undefined) byText.set(v, settled[i]);
          else expect(settled[i]).toBe(k);
        });
        expect(new Set(byText.values()).size).toBe(byText.size);
        expect(decoded(main, settled)).toEqual(texts);
      }),
      { numRuns: 300 },
    );
  });
});

describe.each(TABLES)('CodeDict.absorbEarly(values) ($table table)', ({ at, bits }) => {
  useTables(at, bits);
  const hex = (n: number, w: number) => (n >>> 0).toString(16).padStart(w, '0').slice(-w);
  const uuidOf = (n: number) => `${hex(Math.imul(n + 1, 0x9e3779b1), 8)}-${hex(n >>> 3, 4)}-4${hex(n, 3)}-a${hex(n * 7, 3)}-${hex(n * 31, 12)}`;
  // String ids as exports have them: UUIDs in both cases, near-UUIDs (one character
  // off), e-mails differing in case, and digit ids that must stay apart (`007`, `7`).
  const stringId = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 2000 }).map(uuidOf) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 2000 }).map((n) => uuidOf(n).toUpperCase()) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 2000 }).map((n) => `${uuidOf(n).slice(0, 35)}${'0123456789abcdef'[n % 16]}`) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 800 }).map((n) => `${n % 3 ? 'user' : 'User'}.${n}@example.com`) },
    { weight: 1, arbitrary: fc.constantFrom('007', '7', '7 ', 'X12', 'é@x.io', 'É@x.io') },
  );
  const stages = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 });

  /**
   * main reads texts[0, split), a part the rest in stages; with `early`, main absorbs the
   * part's new values after each stage (at most `most` at a time, when given).
   */
  function join(texts: string[], split: number, cut: number[], stage: number[], early: boolean, most: number | null = null) {
    const main = new CodeDict();
    const part = new CodeDict();
    const keys = new Int32Array(texts.length);
    keys.set(codesOf(main, texts.slice(0, split), cut));
    let notes = 0;
    for (let b = split, s = 0; b < texts.length; ++s) {
      const e = Math.min(texts.length, b + stage[s % stage.length]);
      keys.set(codesOf(part, texts.slice(b, e), cut), b);
      b = e;
      const from = main.earlyCount;
      const values = early ? part.valuesFrom(from, most === null ? undefined : from + most) : null;
      if (values !== null) {
        main.absorbEarly(values);
        ++notes;
      }
    }
    const t = main.absorb(part.take());
    if (t) translateCodes(keys, split, texts.length, t);
    return { keys: main.settle(keys, keys.length), values: main.values, notes };
  }

  it('then absorb(part) gives the keys and values of one absorb, and the grouping of a Map of the texts', () => {
    let early = 0;
    fc.assert(
      fc.property(fc.array(stringId, { maxLength: 1500 }), fc.nat(), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 4 }), stages, fc.option(fc.integer({ min: 1, max: 60 })), (texts, at, cut, stage, most) => {
        const split = at % (texts.length + 1);
        const plain = join(texts, split, cut, stage, false);
        const got = join(texts, split, cut, stage, true, most);
        early += got.notes;
        expect(Array.from(got.keys)).toEqual(Array.from(plain.keys));
        expect([...got.values]).toEqual([...plain.values]);
        expect(decoded({ values: got.values } as CodeDict, got.keys)).toEqual(texts);
        const byText = new Map<string, number>();
        texts.forEach((v, i) => {
          const k = byText.get(v);
          if (k === undefined) byText.set(v, got.keys[i]);
          else expect(got.keys[i]).toBe(k);
        });
        expect(new Set(byText.values()).size).toBe(byText.size);
      }),
      { numRuns: 300 },
    );
    // The early path was taken, not only the plain absorb.
    expect(early).toBeGreaterThan(50);
  });

  it('has no values to give while a dictionary numbers its values', () => {
    const dict = new CodeDict();
    codesOf(dict, Array.from({ length: 100 }, (_, i) => `C${String(i).padStart(7, '0')}`), [100]);
    expect(dict.valuesFrom(0)).toBeNull();
    const hashed = new CodeDict();
    codesOf(hashed, ['b@x.io', 'a@x.io', 'b@x.io'], [3]);
    expect(hashed.valuesFrom(0)?.size).toBe(2);
    expect(hashed.valuesFrom(2)).toBeNull();
  });
});

describe('CodeDict.settle(codes, n, keyMissing)', () => {
  it('gives missing rows the null key and counts them, as a pass after a plain settle would', () => {
    fc.assert(
      fc.property(fc.array(fc.option(value, { freq: 5 }), { maxLength: 300 }), fc.nat(), cuts, (maybe, at, cut) => {
        // Missing rows (-1) among the codes; some values read by a part, so every settle path is taken.
        const present = maybe.flatMap((v, i) => (v === null ? [] : [i]));
        const values = present.map((i) => maybe[i]!);
        const build = () => {
          const split = values.length === 0 ? 0 : at % (values.length + 1);
          const main = new CodeDict();
          const part = new CodeDict();
          const codes = new Int32Array(values.length);
          codes.set(codesOf(main, values.slice(0, split), cut));
          codes.set(codesOf(part, values.slice(split), cut), split);
          const t = main.absorb(part.take());
          if (t) translateCodes(codes, split, values.length, t);
          const rows = new Int32Array(maybe.length).fill(-1);
          present.forEach((i, j) => (rows[i] = codes[j]));
          return { main, rows };
        };
        const plain = build();
        const want = plain.main.settle(plain.rows, plain.rows.length).slice();
        const size = plain.main.size;
        let nulls = 0;
        for (let i = 0; i < want.length; ++i) if (want[i] < 0) ((want[i] = size), ++nulls);
        const keyed = build();
        const got = keyed.main.settle(keyed.rows, keyed.rows.length, true);
        if (keyed.main.settledNulls < 0) {
          // Codes that were keys already: missing rows are still -1.
          for (let i = 0; i < got.length; ++i) if (got[i] < 0) got[i] = size;
        } else expect(keyed.main.settledNulls).toBe(nulls);
        expect(Array.from(got)).toEqual(Array.from(want));
        expect(keyed.main.values).toEqual(plain.main.values);
      }),
      { numRuns: 300 },
    );
  });
});
