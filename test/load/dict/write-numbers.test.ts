import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigitIndex } from '../../../src/load/dict/digit-index.js';
import { EITHER, FIXED, FREE, type DigitMode } from '../../../src/load/dict/digit-mode.js';
import { writeNumbers } from '../../../src/load/dict/write-numbers.js';
import { bytes } from '../helpers.js';

/** What writeNumbers must give: d.write of each number, one by one. */
function oneByOne(d: DigitIndex, numbers: number[]): { text: string[]; starts: number[] } {
  const out = new Uint8Array(numbers.length * (d.prefix.length + 10));
  const text: string[] = [];
  const starts: number[] = [];
  let o = 0;
  for (const n of numbers) {
    const end = d.write(n, out, o);
    starts.push(o);
    text.push(new TextDecoder().decode(out.subarray(o, end)));
    o = end;
  }
  return { text, starts };
}

describe('writeNumbers(d, present, out, starts, lengths)', () => {
  it('writes each number seen as DigitIndex.write does, for free and fixed digits, runs, gaps and carries', () => {
    const shape = fc.oneof(
      fc.record({ mode: fc.constant<DigitMode>(FREE), prefix: fc.constantFrom('', 'C', 'user-'), digits: fc.constant(0) }),
      fc.record({ mode: fc.constantFrom<DigitMode>(FIXED, EITHER), prefix: fc.constantFrom('', 'C', 'CU'), digits: fc.integer({ min: 1, max: 9 }) }),
    );
    // Runs of consecutive numbers (carries through 9s, 99s) and gaps small and large.
    const runs = fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 150 })), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 99_999_000 }), runs, ({ mode, prefix, digits }, base, spans) => {
        const limit = mode === FREE ? 999_999_999 : 10 ** digits - 1;
        const set = new Set<number>();
        let n = Math.min(base, limit);
        for (const [gap, len] of spans) {
          n += gap;
          for (let i = 0; i < len && n <= limit; ++i) set.add(n++);
        }
        if (set.size === 0) return;
        const numbers = [...set].sort((a, b) => a - b);
        const d = DigitIndex.marking(bytes(prefix), prefix.length + digits, numbers[0], mode);
        const present = new Int32Array(((numbers.at(-1)! - d.lo) >> 5) + 1);
        for (const x of numbers) present[(x - d.lo) >> 5] |= 1 << ((x - d.lo) & 31);
        const out = new Uint8Array(numbers.length * d.textLength(numbers.at(-1)!));
        const starts = new Int32Array(numbers.length);
        const lengths = new Int32Array(numbers.length);
        const end = writeNumbers(d, present, out, starts, lengths);
        const want = oneByOne(d, numbers);
        expect(Array.from(numbers, (_, k) => new TextDecoder().decode(out.subarray(starts[k], starts[k] + lengths[k])))).toEqual(want.text);
        expect(Array.from(starts)).toEqual(want.starts);
        expect(end).toBe(want.text.reduce((s, t) => s + t.length, 0));
      }),
      { numRuns: 300 },
    );
  });
});
