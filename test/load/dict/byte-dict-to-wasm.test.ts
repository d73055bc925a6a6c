import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteDict } from '../../../src/load/dict/byte-dict.js';
import { WASM_TABLE_AT, WasmHashTable, setWasmTableAt } from '../../../src/load/dict/wasm-hash-table.js';
import { fields } from '../helpers.js';

describe('ByteDict.internMany(bytes, starts, ends, rows, n, out) moving to the WebAssembly table part way through a load', () => {
  // Numbers (007 is not 7), C0000042-style ids, non-ASCII, empty and 2,000-byte values: a
  // small domain, so values repeat before and after the move.
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('0', '7', '007', '-7', '7.5', '1e3', '17850') },
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 200 }).map((n) => `C${String(n).padStart(7, '0')}`) },
    { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom('a', 'é', '日', '😀'), maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('x', 'é')).map(([n, c]) => `${n}${c.repeat(2000)}`.slice(0, 2000)) },
  );

  it('gives the keys and values of a Map in first-seen order, in batches of 1..200, and looks values up after the move', () => {
    const before = WASM_TABLE_AT;
    let moved = 0;
    try {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 80 }), fc.array(value, { minLength: 60, maxLength: 600 }), fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 10 }), fc.array(value, { maxLength: 40 }), (at, values, cuts, probes) => {
          setWasmTableAt(at);
          const seen = new Map<string, number>();
          const want = values.map((v) => seen.get(v) ?? (seen.set(v, seen.size), seen.size - 1));
          const { all, starts, ends, rows } = fields(values);
          const d = new ByteDict();
          const got = new Int32Array(values.length);
          for (let b = 0, c = 0; b < values.length; ++c) {
            const e = Math.min(values.length, b + cuts[c % cuts.length]);
            d.internMany(all, starts.subarray(b, e), ends.subarray(b, e), rows.subarray(b, e), e - b, got);
            b = e;
          }
          expect(Array.from(got)).toEqual(want);
          expect(d.values).toEqual([...seen.keys()]);
          if ((d as unknown as { hashed: unknown }).hashed instanceof WasmHashTable) moved++;
          // After the move: every value seen gives its key, any other -1, and nothing is added.
          const lookups = [...values, ...probes, 'not-interned-😀'];
          const l = fields(lookups);
          const found = new Int32Array(lookups.length);
          d.lookupMany(l.all, l.starts, l.ends, l.rows, lookups.length, found);
          expect(Array.from(found)).toEqual(lookups.map((v) => seen.get(v) ?? -1));
          expect(d.size).toBe(seen.size);
        }),
        { numRuns: 300 },
      );
    } finally {
      setWasmTableAt(before);
    }
    // The runs did move dictionaries (those not kept by digits, or past `at` values).
    expect(moved).toBeGreaterThan(100);
  });
});
