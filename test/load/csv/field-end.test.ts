import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldEnd, repeatByte, skipFields, stopFloor } from '../../../src/load/csv/field-end.js';

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
        expect(fieldEnd(buf, view, j, repeatByte(delim), stop, stopFloor(delim))).toBe(want);
      }),
      { numRuns: 5000 },
    );
  });

  it('with a floor, finds the stop in fields of bytes at and just around it (ids, digits, text with spaces)', () => {
    // Runs of bytes that pass the quick test ('-' is ',' + 1), broken by ones that do not.
    const byte = fc.constantFrom(0x2d, 0x2d, 0x30, 0x39, 0x41, 0x2e, 0xc3, 0x80, 0xff, 0x2c, 0x2b, 0x20, 0x0e, 0x0d, 0x0a, 0x0b, 0x09, 0x7c);
    fc.assert(
      fc.property(fc.array(byte, { minLength: 1, maxLength: 64 }), fc.nat(), fc.constantFrom(0x2c, 0x09, 0x3b, 0x7c, 0x00), (bytes, at, delim) => {
        const buf = Uint8Array.from([...bytes, 0x0a]);
        const j = at % buf.length;
        let want = j;
        while (buf[want] !== delim && buf[want] !== 0x0a && buf[want] !== 0x0d) ++want;
        const stop = new Uint8Array(256);
        stop[0x0a] = stop[0x0d] = stop[delim] = 1;
        expect(fieldEnd(buf, new DataView(buf.buffer), j, repeatByte(delim), stop, stopFloor(delim))).toBe(want);
      }),
      { numRuns: 20000 },
    );
  });
});

describe('stopFloor(delim)', () => {
  it('is the byte above the delimiter, CR and LF in each byte of a word, or 0 when digits would fall below it', () => {
    expect(stopFloor(0x2c)).toBe(0x2d2d2d2d);
    expect(stopFloor(0x09)).toBe(0x0e0e0e0e);
    expect(stopFloor(0x2f)).toBe(0x30303030);
    expect(stopFloor(0x3b)).toBe(0);
    expect(stopFloor(0x7c)).toBe(0);
  });
});

describe('skipFields(buf, view, j, n, delims)', () => {
  it('is past the n-th delimiter from j, or -1 where a quote, CR or LF comes first or a quote follows, as a byte-by-byte scan', () => {
    // '-' (0x2d) and '#' (0x23) sit one above ',' and '"': a borrowing word test would count them.
    const byte = fc.constantFrom(0x2c, 0x2c, 0x2d, 0x22, 0x23, 0x0a, 0x0d, 0x0b, 0x0e, 0x3b, 0x3c, 0x09, 0x7c, 0x00, 0x01, 0x80, 0xff, 0xac, 0xa2, 0x41);
    fc.assert(
      fc.property(fc.array(byte, { minLength: 1, maxLength: 48 }), fc.nat(), fc.integer({ min: 1, max: 6 }), fc.constantFrom(0x2c, 0x3b, 0x09, 0x7c), fc.boolean(), (bytes, at, n, delim, lf) => {
        const buf = Uint8Array.from(lf ? [...bytes, 0x0a] : bytes);
        const j = at % buf.length;
        let want = -1;
        for (let p = j, left = n; p < buf.length; ++p) {
          const b = buf[p];
          if (b === delim) {
            if (--left === 0) {
              want = buf[p + 1] === 0x22 ? -1 : p + 1;
              break;
            }
          } else if (b === 0x0a || b === 0x0d || b === 0x22) break;
        }
        expect(skipFields(buf, new DataView(buf.buffer), j, n, repeatByte(delim))).toBe(want);
      }),
      { numRuns: 20000 },
    );
  });
});
