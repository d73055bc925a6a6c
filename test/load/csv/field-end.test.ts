import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldEnd, repeatByte } from '../../../src/load/csv/field-end.js';

describe('fieldEnd(buf, view, j, delims, stop)', () => {
  it('finds the first delimiter, CR or LF from j, as a byte-by-byte scan does', () => {
    // Bytes next to the ones looked for, and the high ones, where a wrong word test would slip.
    const byte = fc.constantFrom(0x0a, 0x0d, 0x2c, 0x3b, 0x09, 0x0b, 0x0c, 0x0e, 0x2b, 0x2d, 0x00, 0x01, 0x7f, 0x80, 0xff, 0x8a, 0xac, 0x41);
    fc.assert(
      fc.property(fc.array(byte, { minLength: 1, maxLength: 40 }), fc.nat(), fc.constantFrom(0x2c, 0x3b, 0x09, 0x7c), (bytes, at, delim) => {
        const buf = Uint8Array.from([...bytes, 0x0a]);
        const j = at % buf.length;
        const stop = new Uint8Array(256);
        stop[0x0a] = stop[0x0d] = stop[delim] = 1;
        let want = j;
        while (stop[buf[want]] === 0) ++want;
        const view = new DataView(buf.buffer);
        expect(fieldEnd(buf, view, j, repeatByte(delim), stop)).toBe(want);
      }),
      { numRuns: 5000 },
    );
  });
});
