import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { chunkOutput, decodeGroups } from '../../../src/load/parquet/parquet-part.js';
import { fastColumn } from '../../../src/load/parquet/parquet-pages.js';
import { readParquet } from '../../../src/load/parquet/read-parquet.js';
import { cols, tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** A Parquet file of PLAIN-encoded ids (no dictionary, as DuckDB writes ids of many values), in small pages and row groups. */
function plainIds(ids: (string | null)[], nullable: boolean, pageSize = 97): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'id', data: ids, type: 'STRING', encoding: 'PLAIN', nullable },
      { name: 'n', data: Float64Array.from(ids, (_, i) => i), type: 'DOUBLE' },
    ],
    codec: 'UNCOMPRESSED',
    pageSize,
    rowGroupSize: pageSize > 97 ? 1 << 20 : 50,
  });
  return new Uint8Array(buffer);
}

const pad = (prefix: string, n: number, width: number) => `${prefix}${String(n).padStart(width, '0')}`;
const shapes = [
  fc.integer({ min: 0, max: 400 }).map((n) => pad('C', n, 7)),
  fc.integer({ min: 0, max: 400 }).map((n) => pad('cust_', n, 8)),
  fc.integer({ min: 10_000_000, max: 10_000_090 }).map(String),
  fc.integer({ min: 1_000_000, max: 1_000_090 }).map((n) => pad('', n, 8)),
  fc.integer({ min: 1_000_000, max: 1_000_090 }).map(String),
  fc.integer({ min: 0, max: 400 }).map((n) => pad('C', n, 6)),
  fc.constantFrom('007', '7', 'C000000x', 'Zürich 12345678', '', ' '),
];
const ids = fc
  .nat({ max: shapes.length - 1 })
  .chain((main) => fc.array(fc.oneof({ weight: 8, arbitrary: shapes[main] }, { weight: 2, arbitrary: fc.oneof(...shapes) }), { minLength: 1, maxLength: 300 }));

describe('readParquet: PLAIN id pages (runs of numbered ids)', () => {
  it('reads every id as hyparquet does, in one thread or split by row groups', async () => {
    await fc.assert(
      fc.asyncProperty(ids, fc.boolean(), async (values, withNulls) => {
        const data = withNulls ? values.map((v, i) => (i % 7 === 3 ? null : v)) : values;
        const bytes = plainIds(data, withNulls);
        const path = join(dir, 'ids.parquet');
        writeFileSync(path, bytes);
        const reference = await readParquet(bytes, { file: 'r.parquet', text: ['id'], fast: false });
        const fast = await readParquet(bytes, { file: 'f.parquet', text: ['id'] });
        const split = await readParquet(bytes, { file: 's.parquet', text: ['id'], path, workers: 'inline', splitBytes: 0, split: 'rows' });
        const want = cols(reference).id;
        // Blank ids are missing; every other id is itself ("007" and "7" stay two).
        expect(want).toEqual(data.map((v) => (v === null || v.trim() === '' ? null : v)));
        expect(cols(fast).id).toEqual(want);
        expect(cols(split).id).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });

  it('reads a file of prefixed ids in many pages: each id one value', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => pad('C', (i * 7919) % 1201, 7));
    values[4000] = 'C000007';
    values[4001] = 'C0000007';
    const d = await readParquet(plainIds(values, false), { file: 'p.parquet', text: ['id'] });
    const col = d.table.column('id') as unknown as { values: readonly string[]; keys: Int32Array };
    expect(cols(d).id).toEqual(values);
    expect(col.values.length).toBe(new Set(values).size);
    // Numbered ids are keyed in numeric order, the others after them.
    expect(col.values[0]).toBe('C0000000');
    expect(col.values[col.values.length - 1]).toBe('C000007');
  });

  it('learns the id shape from a big batch of a page, so a first UUID that ends in digits sets none', async () => {
    // Were the shape learnt from the first few values, every UUID would be checked for
    // digits and coded as a hashed value of a numbered column, to be renumbered at the end.
    const uuid = (i: number) => `${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}-7d2a-4c1b-9e3f-${String(100000000000 + i * 7919)}`;
    const values = Array.from({ length: 3000 }, (_, i) => (i % 97 === 0 ? uuid(0) : uuid(i)));
    values[0] = '0c5b2a10-7d2a-4c1b-9e3f-000000000001';
    const path = join(dir, 'uuid.parquet');
    writeFileSync(path, plainIds(values, false, 1 << 20));
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
    const spec = fastColumn(metadata.schema[1], false)!;
    const out = chunkOutput(spec, values.length);
    await decodeGroups({ path }, metadata, { name: 'id', chunk: 0, spec }, out, 0, metadata.row_groups.length, 0);
    // Codes of a column hashed from the start are its keys: none negative.
    expect(Math.min(...out.i32!)).toBe(0);
    const keys = out.dict!.settle(out.i32!, values.length);
    expect(Array.from(keys, (k) => out.dict!.values[k])).toEqual(values);
  });

  it('keeps 01000005 and 1000005 two ids when the first padded one comes in a later page', async () => {
    // 10000000... do not tell whether ids are padded: 01000005 settles it, pages later.
    const values = [...Array.from({ length: 40 }, (_, i) => String(10_000_000 + i)), '01000005', '1000005', '01000005'];
    const d = await readParquet(plainIds(values, false), { file: 'z.parquet', text: ['id'] });
    expect(cols(d).id).toEqual(values);
    expect((d.table.column('id') as unknown as { values: readonly string[] }).values.length).toBe(42);
  });
});

/** A file of integer ids (INT64 or INT32), PLAIN or dictionary encoded, in small pages and row groups. */
function integerIds(ids: (bigint | number | null)[], type: 'INT64' | 'INT32', encoding: 'PLAIN' | 'RLE_DICTIONARY'): Uint8Array {
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [{ name: 'id', data: ids, type, encoding, nullable: ids.includes(null) }],
      codec: 'SNAPPY',
      pageSize: 211,
      rowGroupSize: 70,
    }),
  );
}

describe('readParquet: integer ids read as text', () => {
  const int64 = fc.oneof(
    { weight: 6, arbitrary: fc.bigInt({ min: 0n, max: 500n }) },
    { weight: 2, arbitrary: fc.bigInt({ min: 999_999_990n, max: 1_000_000_010n }) },
    { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) },
    { weight: 1, arbitrary: fc.constantFrom(-1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 63n - 1n, -(2n ** 63n)) },
  );
  const int32 = fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
  const ids: fc.Arbitrary<(bigint | number)[]>[] = [fc.array(int64, { minLength: 1, maxLength: 400 }), fc.array(int32, { minLength: 1, maxLength: 400 })];

  for (const type of ['INT64', 'INT32'] as const) {
    for (const encoding of ['PLAIN', 'RLE_DICTIONARY'] as const) {
      it(`${type} ${encoding}: each id's exact decimal text, as hyparquet gives it, in one thread or split`, async () => {
        const path = join(dir, `int-${type}-${encoding}.parquet`);
        await fc.assert(
          fc.asyncProperty(ids[type === 'INT64' ? 0 : 1], fc.boolean(), async (values, withNulls) => {
            const data = withNulls ? values.map((v, i) => (i % 5 === 2 ? null : v)) : values;
            const bytes = integerIds(data, type, encoding);
            writeFileSync(path, bytes);
            const reference = await readParquet(bytes, { file: 'r.parquet', text: ['id'], fast: false });
            const fast = await readParquet(bytes, { file: 'f.parquet', text: ['id'] });
            const split = await readParquet(bytes, { file: 's.parquet', text: ['id'], path, workers: 'inline', splitBytes: 0, split: 'rows' });
            const want = data.map((v) => (v === null ? null : String(v)));
            expect(cols(reference).id).toEqual(want);
            expect(cols(fast).id).toEqual(want);
            expect(cols(split).id).toEqual(want);
            expect(fast.kinds.id).toBe('string');
          }),
          { numRuns: 25 },
        );
      });
    }
  }

  it('reads an integer column not named as text as numbers', async () => {
    const d = await readParquet(integerIds([5n, 7n, 2n ** 40n], 'INT64', 'PLAIN'), { file: 'n.parquet' });
    expect(d.kinds.id).toBe('number');
    expect(cols(d).id).toEqual([5, 7, 2 ** 40]);
  });
});

