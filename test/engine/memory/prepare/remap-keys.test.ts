import { describe, expect, it } from 'vitest';
import { remapKeys } from '../../../../src/engine/memory/prepare/remap-keys.js';
import { sharedArray } from '../../../../src/parallel/shared-storage.js';

function keysOf(n: number, size: number, shared: boolean): Int32Array {
  const keys = shared ? sharedArray(Int32Array, n) : new Int32Array(n);
  for (let i = 0; i < n; ++i) keys[i] = (i * 2654435761) % size >>> 0;
  return keys;
}

describe('remapKeys(keys, remap)', () => {
  for (const shared of [false, true]) {
    it(`maps every row and counts the unknown and missing ones (${shared ? 'shared, on both threads' : 'one thread'})`, () => {
      const size = 5000;
      const keys = keysOf(1_300_000, size, shared);
      const remap = Int32Array.from({ length: size }, (_, k) => (k % 97 === 0 ? -2 : k % 89 === 0 ? -1 : size - 1 - k));
      const { out, unknown, missing } = remapKeys(keys, remap);
      let wantUnknown = 0;
      let wantMissing = 0;
      for (let i = 0; i < keys.length; ++i) {
        if (out[i] !== remap[keys[i]]) expect(out[i]).toBe(remap[keys[i]]);
        if (remap[keys[i]] === -2) ++wantUnknown;
        if (remap[keys[i]] === -1) ++wantMissing;
      }
      expect(unknown).toBe(wantUnknown);
      expect(missing).toBe(wantMissing);
      expect(out.length).toBe(keys.length);
    });
  }
});
