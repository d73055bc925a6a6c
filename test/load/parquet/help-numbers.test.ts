import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { readParquet } from '../../../src/load/parquet/read-parquet.js';
import { knownBounds } from '../../../src/time/known-bounds.js';
import { cols, tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('readParquet: a worker done first decodes the number columns of this thread\'s last row groups', () => {
  it('gives the values, dictionary and bounds of one thread (ids `007` / `7`, case, nulls; split by rows in any share)', async () => {
    let file = 0;
    const id = fc.oneof(fc.constantFrom('007', '7', 'c1', 'C1', 'x'), fc.integer({ min: 0, max: 500 }).map((n) => `C${String(n).padStart(5, '0')}`), fc.constant(null));
    const t = fc.oneof(fc.integer({ min: 1.5e12, max: 1.8e12 }), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(id, t), { minLength: 1, maxLength: 600 }), fc.integer({ min: 7, max: 90 }), async (rows, groupSize) => {
        const bytes = parquetWriteBuffer({
          columnData: [
            { name: 'id', data: rows.map(([i]) => i), type: 'STRING', nullable: true },
            { name: 't', data: rows.map(([, x]) => (x === null ? null : new Date(x))), type: 'TIMESTAMP', nullable: true },
            { name: 'n', data: rows.map(([, x], i) => (x === null ? null : BigInt(i * 3 - 100))), type: 'INT64', nullable: true },
          ],
          rowGroupSize: groupSize,
        });
        const path = join(dir, `h${file++}.parquet`);
        writeFileSync(path, new Uint8Array(bytes));
        const one = await readParquet(new Uint8Array(bytes), { file: path });
        const first = await readParquet(new Uint8Array(bytes), { file: path, path, workers: 'inline-first', splitBytes: 0, split: 'rows' });
        expect(cols(first)).toEqual(cols(one));
        expect((first.table.column('id') as unknown as { values: readonly string[] }).values).toEqual((one.table.column('id') as unknown as { values: readonly string[] }).values);
        for (const name of ['t', 'n']) {
          const a = first.table.column(name) as unknown as Float64Array;
          const b = one.table.column(name) as unknown as Float64Array;
          expect(knownBounds(a)).toEqual(knownBounds(b));
        }
      }),
      { numRuns: 60 },
    );
  });
});
