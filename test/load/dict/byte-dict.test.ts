import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { internAll } from '../../../src/load/dict/byte-arena.js';
import { ByteDict, decodeText } from '../../../src/load/dict/byte-dict.js';
import { GrowableFloat64, GrowableInt32 } from '../../../src/load/ndjson/growable-array.js';
import { bytes, fields } from '../helpers.js';
import { TABLES, useTables } from './wasm-tables.js';

describe.each(TABLES)('ByteDict.intern(bytes, start, end) ($table table)', ({ at, bits }) => {
  useTables(at, bits);
  it('gives equal bytes equal keys in first-seen order, across rehashes', () => {
    const d = new ByteDict();
    const words = Array.from({ length: 50_000 }, (_, i) => `id-${(i * 7919) % 50_000}`);
    const all = bytes(words.join(''));
    const keys: number[] = [];
    let offset = 0;
    for (const w of words) {
      keys.push(d.intern(all, offset, offset + w.length));
      offset += w.length;
    }
    expect(d.size).toBe(50_000);
    expect(keys.slice(0, 3)).toEqual([0, 1, 2]);
    offset = 0;
    for (let i = 0; i < words.length; ++i) {
      expect(d.intern(all, offset, offset + words[i].length)).toBe(keys[i]);
      offset += words[i].length;
    }
    expect(d.values[keys[123]]).toBe(words[123]);
  });

  it('tells apart values that differ only in length or in one byte', () => {
    const d = new ByteDict();
    const b = bytes('aab');
    expect([d.intern(b, 0, 1), d.intern(b, 0, 2), d.intern(b, 1, 3), d.intern(b, 1, 2), d.intern(b, 0, 0)]).toEqual([0, 1, 2, 0, 3]);
    expect(d.values).toEqual(['a', 'aa', 'ab', '']);
  });
});

describe('decodeText(bytes)', () => {
  it('reads UTF-8, and Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(bytes('Zürich 東京'))).toBe('Zürich 東京');
    expect(decodeText(new Uint8Array([0x80, 0x20, 0xe9]))).toBe('€ é');
    expect(decodeText(bytes('x'.repeat(100)))).toBe('x'.repeat(100));
  });
});

describe('GrowableFloat64 / GrowableInt32', () => {
  it('grow as values are pushed and finish exactly sized', () => {
    const f = new GrowableFloat64(16);
    for (let i = 0; i < 1000; ++i) f.push(i / 2);
    f.fill(NaN, 3);
    const out = f.finish();
    expect(out.length).toBe(1003);
    expect(out[999]).toBe(499.5);
    expect(out[1002]).toBeNaN();
    const k = new GrowableInt32(16);
    k.reserve(100);
    expect(k.data.length).toBe(100);
    k.fill(7, 100);
    k.push(1);
    expect(k.data.length).toBe(200);
    expect(Array.from(k.finish().slice(98))).toEqual([7, 7, 1]);
  });
});

describe.each(TABLES)('ByteDict.internMany / lookupMany / internAll ($table table)', ({ at, bits }) => {
  useTables(at, bits);
  it('gives the keys intern gives, in first-seen order, for short and long values and repeats in a batch', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? `customer-with-a-long-id-${(i * 31) % 5000}` : `C${(i * 7) % 3000}`));
    const { all, starts, ends, rows } = fields(words);
    const one = new ByteDict();
    const want = words.map((_, i) => one.intern(all, starts[i], ends[i]));
    const many = new ByteDict(100);
    const got = new Int32Array(words.length);
    for (let b = 0; b < words.length; b += 777) {
      const e = Math.min(words.length, b + 777);
      many.internMany(all, starts.subarray(b, e), ends.subarray(b, e), rows.subarray(b, e), e - b, got);
    }
    expect(Array.from(got)).toEqual(want);
    expect(many.values).toEqual(one.values);
  });

  it('looks values up without adding them', () => {
    const d = new ByteDict();
    const t = bytes('alphabeta-long-value-1beta-long-value-2');
    d.intern(t, 0, 5); // alpha
    d.intern(t, 5, 22); // beta-long-value-1
    const starts = Int32Array.of(5, 0, 22, 5, 0);
    const ends = Int32Array.of(22, 5, 39, 21, 4);
    const out = new Int32Array(5);
    d.lookupMany(t, starts, ends, Int32Array.of(0, 1, 2, 3, 4), 5, out);
    expect(Array.from(out)).toEqual([1, 0, -1, -1, -1]);
    expect(d.size).toBe(2);
  });

  it('tells apart long values that share their first 8 bytes and length, in a full small table and after it grows', () => {
    // Same first 8 bytes and length: only the tail compare separates them.
    // Not ending in a digit, so hashed from the first (see DigitIndex).
    const words = Array.from({ length: 400 }, (_, i) => `samehead${String(i).padStart(4, '0')}-`);
    const all = bytes(words.join(''));
    const starts = Int32Array.from(words, (_, i) => i * 13);
    const ends = Int32Array.from(words, (_, i) => i * 13 + 13);
    const rows = Int32Array.from(words, (_, i) => i);
    const d = new ByteDict();
    const keys = new Int32Array(words.length);
    // 150 values fill the first table (64 buckets of 4) to just under its limit; the rest make it grow.
    d.internMany(all, starts, ends, rows, 150, keys);
    d.internMany(all, starts.subarray(150), ends.subarray(150), rows.subarray(150), 250, keys);
    expect(Array.from(keys)).toEqual(Array.from(rows));
    const again = new Int32Array(words.length);
    d.lookupMany(all, starts, ends, rows, words.length, again);
    expect(again).toEqual(keys);
    expect(d.values[399]).toBe(words[399]);
  });

  it('internAll(state, into) maps another dictionary onto this one, adding its new values after', () => {
    const a = new ByteDict();
    const b = new ByteDict();
    const t = bytes('xyzw');
    a.intern(t, 0, 1); // x
    a.intern(t, 1, 2); // y
    b.intern(t, 2, 3); // z
    b.intern(t, 0, 1); // x
    b.intern(t, 3, 4); // w
    expect(Array.from(internAll(b.take(), a))).toEqual([2, 0, 3]);
    expect(a.values).toEqual(['x', 'y', 'z', 'w']);
  });
});

describe.each(TABLES)('ByteDict keys by digits, then by hash ($table table)', ({ at, bits }) => {
  useTables(at, bits);
  /** Keys a Map gives in first-seen order: what ByteDict must give, whichever way it looks values up. */
  function firstSeen(values: string[]): { keys: number[]; distinct: string[] } {
    const seen = new Map<string, number>();
    const keys = values.map((v) => {
      let k = seen.get(v);
      if (k === undefined) seen.set(v, (k = seen.size));
      return k;
    });
    return { keys, distinct: [...seen.keys()] };
  }

  /** Intern the values in one internMany batch; the keys must be those of first-seen order. */
  function internedAsMap(values: string[]): { d: ByteDict; want: { keys: number[]; distinct: string[] } } {
    const want = firstSeen(values);
    const { all, starts, ends, rows } = fields(values);
    const d = new ByteDict();
    const got = new Int32Array(values.length);
    d.internMany(all, starts, ends, rows, values.length, got);
    expect(Array.from(got)).toEqual(want.keys);
    return { d, want };
  }

  /** Looking values up gives the key of each value interned, -1 for any other, and adds nothing. */
  function expectLookups(d: ByteDict, distinct: string[], probes: string[]): void {
    const probe = fields(probes);
    const found = new Int32Array(probes.length);
    d.lookupMany(probe.all, probe.starts, probe.ends, probe.rows, probes.length, found);
    const index = new Map(distinct.map((v, k) => [v, k]));
    expect(Array.from(found)).toEqual(probes.map((v) => index.get(v) ?? -1));
    expect(d.size).toBe(distinct.length);
  }


  // Mostly one id shape, sometimes far numbers (past the span), sometimes another shape.
  const value = fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: 3000 }).map((n) => `C${String(n).padStart(7, '0')}`) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 9_999_999 }).map((n) => `C${String(n).padStart(7, '0')}`) },
    { weight: 1, arbitrary: fc.constantFrom('C12', 'c0000001', 'C000000x', 'D0000001', 'C00000010', '', 'Zürich', '17850') },
  );

  it('gives the keys and values of first-seen order through internMany batches, intern, lookupMany and remap', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 20 }), fc.array(value, { maxLength: 50 }), (values, cuts, other) => {
        const want = firstSeen(values);
        const { all, starts, ends, rows } = fields(values);
        const d = new ByteDict();
        const got = new Int32Array(values.length);
        for (let b = 0, c = 0; b < values.length; ++c) {
          const size = cuts[c % cuts.length];
          if (size === 1) got[b] = d.intern(all, starts[b], ends[b]);
          else {
            const e = Math.min(values.length, b + size);
            d.internMany(all, starts.subarray(b, e), ends.subarray(b, e), rows.subarray(b, e), e - b, got);
          }
          b += size;
        }
        expect(Array.from(got)).toEqual(want.keys);
        expect(d.values).toEqual(want.distinct);
        // Looking up: every value seen gives its key, every other -1, nothing is added.
        expectLookups(d, want.distinct, [...values, ...other]);
        // Remapping another dictionary adds its new values after, in its order.
        const o = new ByteDict();
        const ol = fields(other);
        o.internMany(ol.all, ol.starts, ol.ends, ol.rows, other.length, new Int32Array(other.length));
        const remap = internAll(o.take(), d);
        const both = firstSeen([...want.distinct, ...other]);
        expect(Array.from(remap)).toEqual(firstSeen(other).distinct.map((v) => both.distinct.indexOf(v)));
        expect(d.values).toEqual(both.distinct);
      }),
      { numRuns: 400 },
    );
  });

  // String ids of every length: a shared 8-byte head and length with tails that differ in
  // one byte anywhere (in a 4-byte word or the bytes after the last), UUIDs, e-mails,
  // empty, long, non-ASCII.
  const head = fc.constantFrom('customer', 'user-id-', 'Zürich-x', '', 'a');
  const tail = fc.string({ unit: fc.constantFrom('0', '1', 'a', 'é', '-', '@', '\u00ff', '日'), maxLength: 40 });
  const stringId = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(head, tail).map(([h, t]) => h + t) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.emailAddress() },
    { weight: 1, arbitrary: fc.string({ minLength: 100, maxLength: 400 }) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'x'.repeat(9), 'x'.repeat(12), `${'x'.repeat(11)}y`, `y${'x'.repeat(11)}`) },
  );

  it('interns string ids of any shape as a Map of their text would, in batches and one by one', () => {
    fc.assert(
      fc.property(fc.array(stringId, { maxLength: 400 }), fc.integer({ min: 1, max: 600 }), (distinct, n) => {
        // Repeats, so found values (tail compares) are checked as well as added ones.
        // Each of a few values also with one character changed, at every position.
        const variants = distinct.slice(0, 4).flatMap((v) => {
          const cs = Array.from(v);
          return cs.map((_, j) => [...cs.slice(0, j), '~', ...cs.slice(j + 1)].join(''));
        });
        const pool = [...distinct, ...variants];
        const values = Array.from({ length: n }, (_, i) => (pool.length ? pool[(i * 7919) % pool.length] : ''));
        const { d: batched, want } = internedAsMap(values);
        expect(batched.values).toEqual(want.distinct);
        const { all, starts, ends } = fields(values);
        const single = new ByteDict();
        expect(values.map((_, i) => single.intern(all, starts[i], ends[i]))).toEqual(want.keys);
      }),
      { numRuns: 300 },
    );
  });

  it('finds repeats by their whole bytes when many values share a head and a length, across windows and growth', () => {
    // UUIDs in both cases and near-UUIDs (one character changed past the first 8, so head
    // and length match and only the tail tells them apart), e-mails, blanks, 007 and 7:
    // repeats come windows after their first row, while the table grows.
    const near = (u: string, j: number) => `${u.slice(0, j)}${u[j] === 'f' ? 'e' : 'f'}${u.slice(j + 1)}`;
    const id = fc.oneof(
      { weight: 4, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
      { weight: 3, arbitrary: fc.tuple(fc.uuid(), fc.integer({ min: 8, max: 35 })).map(([u, j]) => near(u, j)) },
      { weight: 1, arbitrary: fc.emailAddress() },
      { weight: 1, arbitrary: fc.constantFrom('', ' ', '007', '7', '0007', 'aaaaaaaa', 'aaaaaaaab', 'aaaaaaaac') },
    );
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 9 }), (base, n, step) => {
        // Every value with its upper-case twin and one near twin sharing its head.
        const pool = base.flatMap((v) => [v, v.toUpperCase(), v.length > 9 ? near(v, v.length - 1) : `${v}x`]);
        const values = Array.from({ length: n }, (_, i) => pool[(i * step * 7919 + (i >> 9)) % pool.length]);
        const { d, want } = internedAsMap(values);
        expect(d.values).toEqual(want.distinct);
        // Looked up only: values in the pool not interned give -1, even when they share a head.
        expectLookups(d, want.distinct, pool);
      }),
      { numRuns: 200 },
    );
  });

  it('finds repeats of values all of one length (the arena read at key x length) as a Map of their text would', () => {
    // Every value one length, so the arena keeps a fixed stride: UUIDs in both cases and
    // near-UUIDs (one character changed past the first 8), or 9- and 12-byte ids with
    // near twins; repeats come windows after their first row, while the table grows.
    const near = (u: string, j: number) => `${u.slice(0, j)}${u[j] === 'f' ? 'e' : 'f'}${u.slice(j + 1)}`;
    const uuids = fc.oneof(
      { weight: 3, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
      { weight: 2, arbitrary: fc.tuple(fc.uuid(), fc.integer({ min: 8, max: 35 })).map(([u, j]) => near(u, j)) },
    );
    const short = (len: number) => fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: len - 1 })).map(([n, j]) => near(`${'a'.repeat(len - 3)}${String(n).padStart(3, '0')}`, j));
    const pools = fc.oneof(fc.array(uuids, { minLength: 1, maxLength: 300 }), fc.array(short(9), { minLength: 1, maxLength: 300 }), fc.array(short(12), { minLength: 1, maxLength: 300 }));
    fc.assert(
      fc.property(pools, fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 9 }), (pool, n, step) => {
        const values = Array.from({ length: n }, (_, i) => pool[(i * step * 7919 + (i >> 9)) % pool.length]);
        const { d, want } = internedAsMap(values);
        expect(d.values).toEqual(want.distinct);
        expectLookups(d, want.distinct, [...pool, ...pool.map((v) => near(v, v.length - 1))]);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the keys when a million ids by digits meet a value of another shape', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => `C${String((i * 7919) % 150_001).padStart(7, '0')}`);
    values.push('other', values[5], 'C1', values[199_999]);
    const { d, want } = internedAsMap(values);
    expect(d.size).toBe(want.distinct.length);
  });
});
