import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { readParquet } from '../../../src/load/parquet/read-parquet.js';
import { cols, tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** A Parquet file of PLAIN-encoded ids (no dictionary, as DuckDB writes ids of many values), in small pages and row groups. */
function plainIds(ids: (string | null)[], nullable: boolean): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'id', data: ids, type: 'STRING', encoding: 'PLAIN', nullable },
      { name: 'n', data: Float64Array.from(ids, (_, i) => i), type: 'DOUBLE' },
    ],
    codec: 'UNCOMPRESSED',
    pageSize: 97,
    rowGroupSize: 50,
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

  it('keeps 01000005 and 1000005 two ids when the first padded one comes in a later page', async () => {
    // 10000000... do not tell whether ids are padded: 01000005 settles it, pages later.
    const values = [...Array.from({ length: 40 }, (_, i) => String(10_000_000 + i)), '01000005', '1000005', '01000005'];
    const d = await readParquet(plainIds(values, false), { file: 'z.parquet', text: ['id'] });
    expect(cols(d).id).toEqual(values);
    expect((d.table.column('id') as unknown as { values: readonly string[] }).values.length).toBe(42);
  });
});
