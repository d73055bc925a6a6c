import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetFooter } from '../../../src/load/parquet/parquet-footer.js';
import { readParquet } from '../../../src/load/parquet/read-parquet.js';
import { readColumnNames } from '../../../src/load/read-column-names.js';
import { tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
const small = join(dir, 'small.parquet');
const big = join(dir, 'big.parquet');

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`COPY (SELECT i AS id, TIMESTAMP '2024-01-01' + to_seconds(i) AS t FROM range(100) r(i)) TO '${small}' (FORMAT parquet)`);
  await conn.run(`COPY (SELECT i AS id, 'c' || (i % 3) AS c FROM range(300) r(i)) TO '${big}' (FORMAT parquet)`);
  conn.closeSync();
  db.closeSync();
});
afterAll(cleanup);

describe('parquetFooter(path)', () => {
  it('parses a footer once for the same bytes: readColumnNames and the load share it', async () => {
    const path = join(dir, 'shared.parquet');
    copyFileSync(small, path);
    expect(await readColumnNames(path)).toEqual(['id', 't']);
    const footer = await parquetFooter(path);
    expect(await parquetFooter(path, await asyncBufferFromFile(path))).toBe(footer);
    // The load takes the footer the schema read left: it reads no byte through its buffer
    // (its column chunks come through its own file handle).
    const file = await asyncBufferFromFile(path);
    const slices: number[][] = [];
    const counted = { byteLength: file.byteLength, slice: (start: number, end?: number) => (slices.push([start, end ?? -1]), file.slice(start, end)) };
    const d = await readParquet(counted, { file: path, path });
    expect(d.rowsRead).toBe(100);
    expect(slices).toEqual([]);
  });

  it('parses the file again when its bytes changed since (another size, another modification time)', async () => {
    const path = join(dir, 'changing.parquet');
    copyFileSync(small, path);
    const first = await parquetFooter(path);
    expect(Number(first.num_rows)).toBe(100);
    copyFileSync(big, path);
    const second = await parquetFooter(path);
    expect(second).not.toBe(first);
    expect(Number(second.num_rows)).toBe(300);
    const d = await readParquet(await asyncBufferFromFile(path), { file: path, path });
    expect(d.rowsRead).toBe(300);
  });

  it('keeps no footer that failed to parse, and fails as before on a file that is not Parquet', async () => {
    const path = join(dir, 'broken.parquet');
    writeFileSync(path, 'not parquet at all');
    await expect(parquetFooter(path)).rejects.toThrow(/PAR1/);
    expect(await readColumnNames(path)).toBeUndefined();
    copyFileSync(small, path);
    expect(Number((await parquetFooter(path)).num_rows)).toBe(100);
  });
});
