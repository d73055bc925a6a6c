import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteArena } from '../../../src/load/dict/byte-arena.js';
import { WASM_TABLE_AT, WasmHashTable, setWasmTableAt } from '../../../src/load/dict/wasm-hash-table.js';
import { fields } from '../helpers.js';

/** Keys of `values` in batches of `cuts` (cycled) through one table sized for `expected`, with `bits` bits of hash. */
function internInBatches(values: string[], cuts: number[], expected: number, bits: number): { keys: number[]; table: WasmHashTable; store: ByteArena } {
  const before = WASM_TABLE_AT;
  setWasmTableAt(0, bits);
  try {
    const store = new ByteArena(expected);
    const table = new WasmHashTable(store, expected);
    const { all, starts, ends, rows } = fields(values);
    const out = new Int32Array(values.length);
    for (let b = 0, c = 0; b < values.length; ++c) {
      const e = Math.min(values.length, b + cuts[c % cuts.length]);
      table.many(all, starts, ends, rows, b, e, out, true);
      b = e;
    }
    return { keys: Array.from(out), table, store };
  } finally {
    setWasmTableAt(before);
  }
}

/** First-seen numbering by a Map. */
function firstSeen(values: string[]): { keys: number[]; distinct: string[] } {
  const seen = new Map<string, number>();
  const keys = values.map((v) => seen.get(v) ?? (seen.set(v, seen.size), seen.size - 1));
  return { keys, distinct: [...seen.keys()] };
}

const decoder = new TextDecoder();
const valuesOf = (store: ByteArena): string[] => {
  const { arena, starts, lengths, size } = store.view();
  return Array.from({ length: size }, (_, k) => decoder.decode(arena.subarray(starts[k], starts[k] + lengths[k])));
};

describe('WasmHashTable.many(bytes, starts, ends, rows, from, n, out, add)', () => {
  // Few hash bits: long runs of slots whose tags are equal or differ, so a lookup's first
  // slot with its tag is rarely its home slot, runs wrap past the table's end, and only the
  // bytes tell values apart.
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 300 }).map((n) => `${n.toString(16).padStart(8, '0')}-4a22-9c39-d433d39a74fc`) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 300 }).map((n) => `user.${n}@example.com`) },
    { weight: 2, arbitrary: fc.constantFrom('0', '7', '007', 'a', 'A', 'é', '😀') },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3000 })).map(([n, len]) => `${n}${'x'.repeat(len)}`) },
  );

  it('gives the keys and values of a Map in first-seen order, with colliding hashes, repeats of a new value in a batch, and growth inside a call', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 2_000 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(0, 1, 16),
        fc.constantFrom(1, 3, 6, 64),
        (values, cuts, expected, bits) => {
          const want = firstSeen(values);
          const { keys, table, store } = internInBatches(values, cuts, expected, bits);
          expect(keys).toEqual(want.keys);
          expect(valuesOf(store)).toEqual(want.distinct);
          table.release();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('numbers many distinct ids the table grows for part way through a batch, and each repeat of a new id in a batch gets its first key', () => {
    const distinct = Array.from({ length: 40_000 }, (_, i) => `${(i * 2654435761) >>> 0}-${i}@mail.test`);
    // Each id twice in a row, then all again in reverse: every batch holds repeats of ids it adds.
    const values = [...distinct.flatMap((v) => [v, v]), ...[...distinct].reverse()];
    for (const bits of [64, 4]) {
      const { keys, store } = internInBatches(values, [4096], 16, bits);
      expect(keys).toEqual(firstSeen(values).keys);
      expect(store.count).toBe(40_000);
    }
  });

  it('looks values up without adding them: -1 for those not in', () => {
    const before = WASM_TABLE_AT;
    setWasmTableAt(0, 3);
    try {
      const store = new ByteArena(0);
      const table = new WasmHashTable(store, 0);
      const known = fields(['a', 'bb', '', 'ccc']);
      const out = new Int32Array(4);
      table.many(known.all, known.starts, known.ends, known.rows, 0, 4, out, true);
      const probe = fields(['bb', 'b', '', 'ccc', 'cc', 'a']);
      const found = new Int32Array(6);
      table.many(probe.all, probe.starts, probe.ends, probe.rows, 0, 6, found, false);
      expect(Array.from(found)).toEqual([1, -1, 2, 3, -1, 0]);
      expect(store.count).toBe(4);
    } finally {
      setWasmTableAt(before);
    }
  });
});
