import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDictionary } from '../../../src/load/dict/dict-column.js';
import { readParquet } from '../../../src/load/parquet/read-parquet.js';
import { col, expectKohortError, tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
const ROWS = 5000;
const day = 86_400_000;

// A TIMESTAMP, a TIMESTAMPTZ, a DATE, a dictionary-heavy string, BIGINT, DOUBLE with
// NULLs, BOOLEAN and a column name with a space, in row groups of 1,000 rows.
const select = `
  SELECT
    i AS id,
    TIMESTAMP '2024-01-01 10:00:00' + to_seconds(i * 60) AS ts,
    TIMESTAMPTZ '2024-01-01 10:00:00+00' + to_seconds(i) AS tstz,
    DATE '2024-01-01' + (i % 40)::INTEGER AS d,
    'country_' || (i % 7) AS country,
    CASE WHEN i % 10 = 0 THEN NULL ELSE i * 0.25 END AS "unit price",
    CASE WHEN i % 9 = 0 THEN NULL ELSE 'v' || (i % 3) END AS maybe,
    (i * 1000000000)::BIGINT AS big,
    i % 2 = 0 AS even
  FROM range(${ROWS}) t(i)`;

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  for (const codec of ['zstd', 'snappy']) {
    const path = join(dir, `t-${codec}.parquet`);
    await conn.run(`COPY (${select}) TO '${path}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 1000)`);
  }
  conn.closeSync();
  db.closeSync();
});
afterAll(cleanup);

describe('readParquet(bytes, {file})', () => {
  for (const codec of ['zstd', 'snappy']) {
    it(`reads a ${codec} file written by DuckDB, column by column`, async () => {
      const d = await readParquet(readFileSync(join(dir, `t-${codec}.parquet`)), { file: 't.parquet' });
      expect(d.rowsRead).toBe(ROWS);
      expect(d.format).toBe('parquet');
      expect(d.kinds).toEqual({
        id: 'number', ts: 'wallclock', tstz: 'timestamp', d: 'wallclock', country: 'string',
        'unit price': 'number', maybe: 'string', big: 'number', even: 'boolean',
      });
      for (const name of ['id', 'ts', 'tstz', 'd', 'unit price', 'big']) expect(d.table.column(name)).toBeInstanceOf(Float64Array);
      const country = d.table.column('country') as unknown as { keys: Int32Array; values: string[] };
      expect(isDictionary(country)).toBe(true);
      expect(country.values).toHaveLength(7);
      const t0 = Date.UTC(2024, 0, 1, 10);
      const rows = [0, 1, 999, 1000, 4999];
      const pick = (name: string) => rows.map((r) => col(d, name)[r]);
      expect(pick('id')).toEqual(rows);
      expect(pick('ts')).toEqual(rows.map((i) => t0 + i * 60_000));
      expect(pick('tstz')).toEqual(rows.map((i) => t0 + i * 1000));
      expect(pick('d')).toEqual(rows.map((i) => Date.UTC(2024, 0, 1) + (i % 40) * day));
      expect(pick('country')).toEqual(rows.map((i) => `country_${i % 7}`));
      expect(pick('unit price')).toEqual(rows.map((i) => (i % 10 === 0 ? NaN : i * 0.25)));
      expect(pick('maybe')).toEqual(rows.map((i) => (i % 9 === 0 ? null : `v${i % 3}`)));
      expect(pick('big')).toEqual(rows.map((i) => i * 1e9));
      expect(pick('even')).toEqual(rows.map((i) => i % 2 === 0));
    });
  }

  it('fails with badFile on a corrupt file', async () => {
    const bad = new TextEncoder().encode('PAR1 this is not parquet at all PAR1');
    const err = await expectKohortError(() => readParquet(bad, { file: 'bad.parquet' }), 'badFile');
    expect(err.message).toMatch(/^bad\.parquet: not a readable Parquet file/);
  });
});

const datasets = new URL('../../../../shared/datasets/', import.meta.url);
const retail = new URL('online_retail/Online_Retail.parquet', datasets);
const retailII = new URL('online_retail_ii/online_retail_ii_2009_2010.parquet', datasets);
const haveData = (() => {
  try {
    readFileSync(retailII).subarray(0, 4);
    return true;
  } catch {
    console.warn('test/load/parquet/read-parquet: ../shared/datasets is absent; skipping the real Parquet files');
    return false;
  }
})();

describe.skipIf(!haveData)('readParquet(real files)', () => {
  it('reads Online_Retail.parquet (zstd, TIMESTAMP NANOS not UTC-adjusted -> wallclock)', async () => {
    const d = await readParquet(readFileSync(retail), { file: 'Online_Retail.parquet' });
    expect(d.rowsRead).toBe(541_909);
    expect(d.kinds.InvoiceDate).toBe('wallclock');
    expect(d.kinds.CustomerID).toBe('number');
    expect(col(d, 'InvoiceDate')[0]).toBe(Date.UTC(2010, 11, 1, 8, 26));
    const ids = d.table.column('CustomerID') as unknown as Float64Array;
    expect(ids.filter((v) => v === v).length).toBe(406_829);
    expect(d.table.get('InvoiceNo', 0)).toBe('536365');
  });

  it('reads online_retail_ii_2009_2010.parquet (snappy, "Customer ID" with a space)', async () => {
    const d = await readParquet(readFileSync(retailII), { file: 'online_retail_ii_2009_2010.parquet' });
    expect(d.rowsRead).toBe(525_461);
    expect(d.kinds['Customer ID']).toBe('number');
    expect(d.kinds.InvoiceDate).toBe('string');
    const ids = d.table.column('Customer ID') as unknown as Float64Array;
    expect(new Set(ids.filter((v) => v === v)).size).toBe(4_383);
  });
});
