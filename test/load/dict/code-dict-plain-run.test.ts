import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeDict } from '../../../src/load/dict/code-dict.js';
import { bytes, fields } from '../helpers.js';

/** `values` as a Parquet PLAIN page of byte arrays: each a 4-byte little-endian length, then its bytes. */
function plainPage(values: readonly string[]): Uint8Array {
  const parts = values.map((v) => bytes(v));
  const page = new Uint8Array(parts.reduce((s, p) => s + 4 + p.length, 0));
  const view = new DataView(page.buffer);
  let o = 0;
  for (const p of parts) {
    view.setInt32(o, p.length, true);
    page.set(p, o + 4);
    o += 4 + p.length;
  }
  return page;
}

/** Codes by internMany alone, in batches of `batch` values (the reference). */
function codesByFields(dict: CodeDict, values: readonly string[], batch: number): Int32Array {
  const { all, starts, ends, rows } = fields(values);
  const codes = new Int32Array(values.length);
  for (let b = 0; b < values.length; b += batch) {
    const e = Math.min(values.length, b + batch);
    dict.internMany(all, starts.subarray(b, e), ends.subarray(b, e), rows.subarray(b, e), e - b, codes);
  }
  return codes;
}

/**
 * Codes as parquet-pages' internPlain takes a page: runs (internPlainRun), each up to
 * `runCap` values, and `between` values by internMany after each run.
 */
function codesByRuns(dict: CodeDict, values: readonly string[], runCap: number, between: number): Int32Array {
  const page = plainPage(values);
  const { all, starts, ends, rows } = fields(values);
  const codes = new Int32Array(values.length);
  let pos = 0;
  for (let v = 0; v < values.length; ) {
    const done = dict.internPlainRun(page, pos, Math.min(runCap, values.length - v), codes, v);
    const m = done < 0 ? values.length - v : Math.min(between, values.length - v - done);
    if (done > 0) {
      for (let i = 0; i < done; ++i) pos += 4 + bytes(values[v + i]).length;
      v += done;
    }
    if (m > 0) {
      dict.internMany(all, starts.subarray(v, v + m), ends.subarray(v, v + m), rows.subarray(v, v + m), m, codes);
      for (let i = 0; i < m; ++i) pos += 4 + bytes(values[v + i]).length;
      v += m;
    }
  }
  return codes;
}

const pad = (prefix: string, n: number, width: number) => `${prefix}${String(n).padStart(width, '0')}`;
// Id shapes of 8 bytes or more (the runs' read words), and values that test their edges:
// a leading-zero twin ("01000123" beside "1000123": two values, and EITHER ids settled by
// it), other widths, numbers so far apart that the span stops (frozen: then hashed), text.
const shapes = [
  fc.integer({ min: 0, max: 5000 }).map((n) => pad('C', n, 7)),
  fc.integer({ min: 0, max: 9_999_999 }).map((n) => pad('C', n, 7)),
  fc.integer({ min: 0, max: 5000 }).map((n) => pad('user-', n, 8)),
  fc.integer({ min: 10_000_000, max: 10_000_060 }).map(String),
  fc.integer({ min: 1_000_000, max: 1_000_060 }).map((n) => pad('', n, 8)),
  fc.integer({ min: 1_000_000, max: 1_000_060 }).map(String),
  fc.oneof(fc.integer({ min: 100_000_000, max: 100_000_100 }), fc.integer({ min: 900_000_000, max: 900_000_100 })).map(String),
  fc.integer({ min: 0, max: 5000 }).map((n) => pad('C', n, 6)),
  fc.constantFrom('0010000000', '01000000', 'C000000x', 'c0000001', 'C00000001', 'Zürich 12345678', '7', '', ' '),
];
// Most values of one shape (the one a dictionary learns), the rest of any.
const values = fc
  .nat({ max: shapes.length - 1 })
  .chain((main) => fc.array(fc.oneof({ weight: 7, arbitrary: shapes[main] }, { weight: 3, arbitrary: fc.oneof(...shapes) }), { maxLength: 400 }));

describe('CodeDict.internPlainRun(page, pos, count, out, row)', () => {
  it('gives the codes, sizes and settled keys internMany gives, however runs and fields alternate', () => {
    fc.assert(
      fc.property(
        values,
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 600 }),
        (values, runCap, between, batch) => {
          const ref = new CodeDict();
          const want = codesByFields(ref, values, batch);
          const dict = new CodeDict();
          const got = codesByRuns(dict, values, runCap, between);
          expect(got).toEqual(want);
          expect(dict.size).toBe(ref.size);
          expect(dict.size).toBe(new Set(values).size);
          const wantKeys = ref.settle(want, want.length);
          const gotKeys = dict.settle(got, got.length);
          expect(gotKeys).toEqual(wantKeys);
          expect(Array.from(gotKeys, (k) => dict.values[k])).toEqual(values);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('numbers a page of prefixed ids in one run, and tells C0000007 from C000007', () => {
    const values = ['C0000042', 'C0000007', 'C0000042', 'C9999999', 'C0000007'];
    const dict = new CodeDict();
    const codes = new Int32Array(values.length + 1);
    expect(dict.internPlainRun(plainPage(values), 0, 5, codes, 0)).toBe(-1); // nothing learnt yet
    const { all, starts, ends, rows } = fields(values);
    dict.internMany(all, starts, ends, rows, 1, codes);
    const page = plainPage(values);
    expect(dict.internPlainRun(page, 12, 4, codes, 1)).toBe(4);
    expect(Array.from(codes.subarray(0, 5))).toEqual([42, 7, 42, 9999999, 7]);
    // Another width: not a number of this shape, for internMany to hash.
    expect(dict.internPlainRun(plainPage(['C000007']), 0, 1, codes, 5)).toBe(0);
    const keys = dict.settle(codes.subarray(0, 5), 5);
    expect(Array.from(keys, (k) => dict.values[k])).toEqual(values);
  });

  it('leaves a leading-zero id to internMany while the shape is undecided, so 01000123 and 1000123 stay two', () => {
    // 10000123 does not tell whether ids are padded; 01000123 settles it (padded), and then
    // 1000123 is another value, not the same number.
    const values = ['10000123', '01000123', '10000124', '1000123', '01000123'];
    const want = codesByFields(new CodeDict(), values, 1);
    for (const runCap of [1, 2, 5]) {
      const dict = new CodeDict();
      const got = codesByRuns(dict, values, runCap, 1);
      expect(got).toEqual(want);
      expect(dict.size).toBe(4);
    }
  });

  it('leaves ids of nine digits to internMany (-1), whose span can stop', () => {
    // Only ids of at most eight digits are read as words; nine-digit ones, whose numbers
    // can be too far apart to number (then hashed), go field by field.
    const values = ['100000001', '900000000', '100000002', '100000000', '100000001'];
    const want = codesByFields(new CodeDict(), values, 1);
    expect(want[3]).toBeLessThan(0);
    const dict = new CodeDict();
    expect(codesByRuns(dict, values, 5, 1)).toEqual(want);
    expect(dict.internPlainRun(plainPage(['100000003']), 0, 1, new Int32Array(1), 0)).toBe(-1);
  });

  it('answers -1 for a dictionary that hashes every value (no run can come)', () => {
    const dict = new CodeDict();
    const { all, starts, ends, rows } = fields(['a5f0c2e1-uuid', 'b']);
    dict.internMany(all, starts, ends, rows, 2, new Int32Array(2));
    expect(dict.internPlainRun(plainPage(['C0000001']), 0, 1, new Int32Array(1), 0)).toBe(-1);
  });
});
