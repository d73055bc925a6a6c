import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigitIndex } from '../../../src/load/dict/digit-index.js';
import { coverNumbers } from '../../../src/load/dict/cover-numbers.js';
import { bytes } from '../helpers.js';

/** Fields of `values` laid end to end, with junk between them (the word reader looks back 8 bytes). */
function fields(values: string[]): { all: Uint8Array; starts: Int32Array; ends: Int32Array } {
  const parts: string[] = [];
  const starts = new Int32Array(values.length);
  const ends = new Int32Array(values.length);
  let o = 9;
  parts.push('#########');
  values.forEach((v, i) => {
    starts[i] = o;
    ends[i] = o += bytes(v).length;
    parts.push(v, '|');
    o += 1;
  });
  return { all: bytes(parts.join('')), starts, ends };
}

/** What DigitIndex.number should give: the digits after the shape's prefix, or -1. */
function reference(shape: string, prefixLength: number, value: string): number {
  if (value.length !== shape.length || value.slice(0, prefixLength) !== shape.slice(0, prefixLength)) return -1;
  const digits = value.slice(prefixLength);
  return /^[0-9]+$/.test(digits) ? Number(digits) : -1;
}

describe('DigitIndex.learn(bytes, start, end)', () => {
  it('takes the value up to its last 9 digits as the prefix, and no value without a final digit', () => {
    const shape = (v: string) => {
      const d = DigitIndex.learn(bytes(v), 0, v.length);
      return d && { prefix: new TextDecoder().decode(d.prefix), length: d.length, lo: d.lo };
    };
    expect(shape('C0000042')).toEqual({ prefix: 'C', length: 8, lo: 42 });
    expect(shape('17850')).toEqual({ prefix: '', length: 5, lo: 17850 });
    expect(shape('user-000123')).toEqual({ prefix: 'user-', length: 11, lo: 123 });
    expect(shape('1234567890123')).toEqual({ prefix: '1234', length: 13, lo: 567890123 });
    expect(shape('7590-VHVEG')).toBeNull();
    expect(shape('')).toBeNull();
  });
});

describe('DigitIndex.numbers(bytes, starts, ends, from, m, ns)', () => {
  // Bytes next to the digits and the prefix letters, where a wrong check would slip.
  const near = fc.constantFrom(...'0123456789/:C D\u00e9');
  const shapes = fc.constantFrom('C0000042', '17850', 'user-000123', 'AB12345678', '123456789012', 'x1', 'ab-12345', 'LONGPREFIX-1234567');

  it('reads every value of the shape, by words and by bytes, and -1 for the others', () => {
    fc.assert(
      fc.property(shapes, fc.array(fc.array(near, { maxLength: 20 }), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 40 }), (shape, junk, keep) => {
        const d = DigitIndex.learn(bytes(shape), 0, shape.length)!;
        const p = d.prefix.length;
        // Mostly values of the shape, with some bytes changed, and some junk.
        const values = junk.map((chars, i) => {
          const k = keep[i] ?? 0;
          if (k % 5 === 0) return chars.join('');
          const digits = String(k).padStart(shape.length - p, '0').slice(-(shape.length - p));
          const v = shape.slice(0, p) + digits;
          if (k % 7 !== 0) return v;
          const at = k % v.length;
          return v.slice(0, at) + (chars[0] ?? '/') + v.slice(at + 1);
        });
        const { all, starts, ends } = fields(values);
        const ns = new Int32Array(values.length);
        const misses = d.numbers(all, starts, ends, 0, values.length, ns);
        const want = values.map((v) => reference(shape, p, v));
        expect(misses).toBe(want.filter((n) => n < 0).length);
        expect(Array.from(ns)).toEqual(want);
        values.forEach((v, i) => expect(d.number(all, starts[i], ends[i])).toBe(want[i]));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('coverNumbers(DigitIndex, min, max, count)', () => {
  it('grows both ways keeping the slots, and refuses a span too big or too sparse', () => {
    const d = DigitIndex.learn(bytes('C0500000'), 0, 8)!;
    d.slots[0] = 7;
    expect(coverNumbers(d, 400_000, 700_000, 3)).toBe(true);
    expect(d.lo).toBeLessThanOrEqual(400_000);
    expect(d.lo + d.slots.length).toBeGreaterThan(700_000);
    expect(d.slots[500_000 - d.lo]).toBe(7);
    expect(coverNumbers(d, 0, 99_999_999, 3)).toBe(false);
    // Ten million numbers for 100,000 values: sparser than one in 64; for 200,000, not.
    expect(coverNumbers(d, 0, 10_000_000, 100_000)).toBe(false);
    expect(coverNumbers(d, 0, 10_000_000, 200_000)).toBe(true);
    expect(d.slots[500_000 - d.lo]).toBe(7);
  });
});
