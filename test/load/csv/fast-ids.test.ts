import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCSV } from '../../../src/load/csv/read-csv.js';
import { bytes, col } from '../helpers.js';

/** The id column read from `ids` (one a row, beside a time), unquoted (the fast path) or every id quoted (the general path). */
function read(ids: readonly string[], quoted: boolean) {
  const q = quoted ? '"' : '';
  const text = `id,t\n${ids.map((id, i) => `${q}${id}${q},2024-01-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`).join('\n')}\n`;
  const d = readCSV(bytes(text), { file: 'f.csv', text: ['id'] });
  const column = d.table.column('id') as unknown as { dictionary?: { toArray(): unknown[] }; data?: unknown[] };
  return { rows: col(d, 'id'), keys: JSON.stringify(column.dictionary?.toArray() ?? column.data) };
}

// Ids as databases print them (1..N), zero-padded, of one length, and what breaks each shape:
// leading zeros, another length, 10 digits, signs, spaces, letters, empty.
const odd = fc.constantFrom('007', '0', '00', '7', '1234567890', '-5', '+5', ' 5', '5 ', '5a', 'x', '', '99999999', '123456789', '0000000001',
  'C', 'C7', 'C007', 'C00000007', 'c0000007', 'D0000007', 'user-', 'user-07', 'user-0', 'user-1234567890', 'usr-5');
const shaped = (shape: string, n: number): string =>
  shape === 'free' ? String(n) : shape === 'fixed' ? String(n).padStart(7, '0') : shape === 'either' ? String(100_000 + n)
    : shape === 'prefixed' ? `C${String(n).padStart(7, '0')}` : `user-${n}`;

describe('fastId (through readCSV: unquoted ids, more than a batch)', () => {
  it('gives every row its own text and the dictionary the keys of the general path (every id quoted)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('free', 'fixed', 'either', 'prefixed', 'prefixed-free'),
        fc.array(fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: 3000 }) }, { weight: 1, arbitrary: odd }), { minLength: 520, maxLength: 2000 }),
        (shape, values) => {
          const ids = values.map((v) => (typeof v === 'number' ? shaped(shape, v) : v));
          const fast = read(ids, false);
          const general = read(ids, true);
          expect(fast.rows).toEqual(ids.map((id) => (id.trim() === '' ? null : id)));
          expect(fast.keys).toEqual(general.keys);
        },
      ),
      { numRuns: 30, endOnFailure: true },
    );
  });

  it('gives the same rows and keys when ids come sorted by customer (runs of misses rest the fast path until a flush)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('free', 'fixed', 'prefixed'),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.oneof({ weight: 30, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: odd })), { minLength: 400, maxLength: 1500 }),
        (shape, runs) => {
          const ids = runs.flatMap(([repeat, oddOne], n) => [...Array(repeat).fill(shaped(shape, n + 1)), ...(oddOne === null ? [] : [oddOne])]);
          const fast = read(ids, false);
          const general = read(ids, true);
          expect(fast.rows).toEqual(ids.map((id) => (id.trim() === '' ? null : id)));
          expect(fast.keys).toEqual(general.keys);
        },
      ),
      { numRuns: 20, endOnFailure: true },
    );
  });
});
