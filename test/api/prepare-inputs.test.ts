import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareInputs } from '../../src/api/prepare-inputs.js';
import { tempDir } from '../load/helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

async function warnings(activity: string): Promise<string[]> {
  const lines: string[] = [];
  const prepared = await prepareInputs({ activity }, { warn: (w) => lines.push(w) });
  await prepared.cleanup();
  return lines;
}

describe('prepareInputs(spec, opts)', () => {
  it('warns of a CSV header row of numbers, not of a Parquet schema whose columns are named 0 and 1 (as pandas names them)', async () => {
    const csv = join(dir, 'numbers.csv');
    writeFileSync(csv, '0,1\nc1,2024-01-05\n');
    expect(await warnings(csv)).toEqual([expect.stringContaining('looks like data')]);
    const parquet = join(dir, 'numbers.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT 'c' || i AS "0", DATE '2024-01-05' + i::INTEGER AS "1" FROM range(3) t(i)) TO '${parquet}' (FORMAT parquet)`);
    conn.closeSync();
    db.closeSync();
    expect(await warnings(parquet)).toEqual([]);
  });
});
