import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ByteDict } from '../../../src/load/dict/byte-dict.js';
import { textsOf } from '../../../src/load/dict/dict-bytes.js';
import { DigitIndex } from '../../../src/load/dict/digit-index.js';
import { settledValues } from '../../../src/load/dict/settled-values.js';
import { writeNumbers } from '../../../src/load/dict/write-numbers.js';
import { bytes } from '../helpers.js';

vi.mock('../../../src/load/dict/write-numbers.js', async (original) => {
  const actual = await original<typeof import('../../../src/load/dict/write-numbers.js')>();
  return { writeNumbers: vi.fn(actual.writeNumbers) };
});

/** The bits of `numbers` (from 0), as a settling CodeDict marks them. */
function bitsOf(numbers: readonly number[]): Int32Array {
  const present = new Int32Array((Math.max(0, ...numbers) >> 5) + 1);
  for (const n of numbers) present[n >> 5] |= 1 << (n & 31);
  return present;
}

/** A dictionary of ids "C" + 7 digits, its numbers `numbers` and its hashed values `others`. */
function settledOf(numbers: readonly number[], others: readonly string[], order: Int32Array | null = null) {
  const d = DigitIndex.learn(bytes('C0000001'), 0, 8, true)!;
  const h = new ByteDict();
  for (const v of others) h.intern(bytes(v), 0, bytes(v).length);
  return settledValues(d, bitsOf(numbers), new Set(numbers).size, h.take(), order);
}

const id = (n: number) => `C${String(n).padStart(7, '0')}`;

describe('settledValues(d, present, numbered, h, order)', () => {
  it('writes the numbers\' texts only when the bytes are first read, once', () => {
    const write = vi.mocked(writeNumbers);
    write.mockClear();
    const b = settledOf([3, 4, 5, 40, 1000], ['x', 'yy']);
    expect(b.size).toBe(7);
    expect(b.numbers?.count).toBe(5);
    expect(b.ascii).toBe(true);
    expect(write).not.toHaveBeenCalled();
    expect(textsOf(b)).toEqual([id(3), id(4), id(5), id(40), id(1000), 'x', 'yy']);
    expect(b.arena.length).toBe(5 * 8 + 3);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('gives, when read, the texts of the numbers in numeric order, then the hashed values in key order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 200 }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }).filter((s) => !/^C\d{7}$/.test(s)), { maxLength: 20 }),
        fc.boolean(),
        (numbers, others, reorder) => {
          const order = reorder ? Int32Array.from(others, (_, i) => others.length - 1 - i) : null;
          const b = settledOf(numbers, others, order);
          const hashed = order === null ? others : [...others].reverse();
          expect(textsOf(b)).toEqual([...[...numbers].sort((x, y) => x - y).map(id), ...hashed]);
          expect(b.ascii).toBe(others.every((s) => !/[^\x00-\x7f]/.test(s)));
          // Back to back in key order, as DictBytes readers expect.
          for (let k = 1; k < b.size; ++k) expect(b.starts[k]).toBe(b.starts[k - 1] + b.lengths[k - 1]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
