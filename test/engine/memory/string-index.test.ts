import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringIndex } from '../../../src/engine/memory/string-index.js';

describe('new StringIndex()', () => {
  it('answers like a Map for any sequence of sets and gets (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 300 }), fc.array(fc.string({ maxLength: 6 })), (sets, gets) => {
        const idx = new StringIndex(4);
        const map = new Map<string, number>();
        for (const [k, v] of sets) {
          idx.set(k, v);
          map.set(k, v);
        }
        expect(idx.size).toBe(map.size);
        for (const k of [...gets, ...map.keys()]) expect(idx.get(k)).toBe(map.get(k));
      }),
      { numRuns: 300 },
    );
  });

  it('grows past its expected size and keeps every key', () => {
    const idx = new StringIndex(2);
    for (let i = 0; i < 100_000; ++i) idx.set(`C${String(i).padStart(7, '0')}`, i);
    expect(idx.size).toBe(100_000);
    expect(idx.get('C0099999')).toBe(99_999);
    expect(idx.get('C0100000')).toBeUndefined();
  });
});
