import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyBounds, keepBounds, mergeBounds, widenBounds } from '../../../src/load/parquet/page-bounds.js';
import { readParquet } from '../../../src/load/parquet/read-parquet.js';
import { knownBounds } from '../../../src/time/known-bounds.js';
import { instantBounds } from '../../../src/time/scan-instants.js';
import { tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** What the scan finds in a copy (a copy has no bounds remembered). */
function scanned(values: Float64Array) {
  const { min, max, missing } = instantBounds(values.slice());
  return { min, max, missing };
}

describe('widenBounds, mergeBounds', () => {
  it('give the min, max and NaN count of the values however they are cut into pages and parts', () => {
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(NaN), fc.integer().map((x) => x * 1000));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), fc.array(fc.nat(40), { maxLength: 20 }), (xs, cuts) => {
        const values = Float64Array.from(xs);
        const total = emptyBounds();
        let part = emptyBounds();
        let at = 0;
        for (const c of [...cuts, values.length]) {
          const to = Math.min(values.length, at + c);
          widenBounds(values, at, to, part);
          if (c % 3 === 0) {
            mergeBounds(total, part);
            part = emptyBounds();
          }
          at = to;
          if (at === values.length) break;
        }
        widenBounds(values, at, values.length, part);
        mergeBounds(total, part);
        const want = scanned(values);
        expect([total[0], total[1], total[2], total[3]]).toEqual([want.min, want.max, want.missing, values.length]);
      }),
      { numRuns: 300 },
    );
  });

  it('keepBounds hands them to instantBounds only when they cover every row and no bound is a zero', () => {
    const values = Float64Array.of(5, NaN, -3);
    const b = emptyBounds();
    widenBounds(values, 0, 2, b);
    keepBounds(values, b);
    expect(knownBounds(values)).toBeUndefined();
    widenBounds(values, 2, 3, b);
    keepBounds(values, b);
    expect(knownBounds(values)).toEqual({ min: -3, max: 5, missing: 1 });
    expect(instantBounds(values)).toMatchObject({ min: -3, max: 5, missing: 1 });
    const zeros = Float64Array.of(-0, 4);
    const z = emptyBounds();
    widenBounds(zeros, 0, 2, z);
    keepBounds(zeros, z);
    expect(knownBounds(zeros)).toBeUndefined();
  });
});

describe('readParquet: number columns carry the bounds of their values', () => {
  const ms = fc.oneof(fc.integer({ min: -2e12, max: 4e12 }), fc.constant(null));
  it('as a scan finds them: INT64 timestamps and numbers, DOUBLE, INT32, PLAIN or dictionary, with nulls, in one part or split in two', async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(ms, { minLength: 1, maxLength: 400 }),
        fc.constantFrom('PLAIN', 'RLE_DICTIONARY') as fc.Arbitrary<'PLAIN' | 'RLE_DICTIONARY'>,
        fc.boolean(),
        async (xs, encoding, nullable) => {
          const data = nullable ? xs : xs.map((x) => x ?? 7);
          const big = data.map((x) => (x === null ? null : BigInt(x)));
          const bytes = parquetWriteBuffer({
            columnData: [
              { name: 't', data: big.map((x) => (x === null ? null : new Date(Number(x)))), type: 'TIMESTAMP', encoding, nullable },
              { name: 'n', data: big, type: 'INT64', encoding, nullable },
              { name: 'd', data: data.map((x) => (x === null ? null : x / 7)), type: 'DOUBLE', encoding, nullable },
              { name: 'i', data: data.map((x) => (x === null ? null : x % 100_000)), type: 'INT32', encoding, nullable },
            ],
            codec: 'SNAPPY',
            pageSize: 307,
            rowGroupSize: 53,
          });
          const path = join(dir, `b${file++}.parquet`);
          writeFileSync(path, new Uint8Array(bytes));
          for (const opts of [{}, { path, workers: 'inline' as const, splitBytes: 0 }, { path, workers: 'inline-first' as const, splitBytes: 0 }]) {
            const d = await readParquet(new Uint8Array(bytes), { file: path, ...opts });
            for (const name of ['t', 'n', 'd', 'i']) {
              const values = d.table.column(name) as unknown as { data?: unknown };
              const arr = (values.data ?? values) as Float64Array;
              expect(arr).toBeInstanceOf(Float64Array);
              const known = knownBounds(arr);
              const want = scanned(arr);
              // Remembered unless a bound is a zero (then the scan decides).
              if (want.min === 0 || want.max === 0) expect(known).toBeUndefined();
              else expect(known).toEqual(want);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
