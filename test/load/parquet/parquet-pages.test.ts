import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { allPresent } from '../../../src/load/parquet/parquet-pages.js';
import { readParquet } from '../../../src/load/parquet/read-parquet.js';
import { cols, tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
const ROWS = 12_000;

// Every type the fast decoder reads, with NULLs, blanks, high- and low-cardinality
// strings (so both PLAIN and dictionary pages), and some it leaves to hyparquet.
const select = `
  SELECT
    i AS int64,
    (i - 6000) * 1234567890123 AS neg64,
    TIMESTAMP '1960-01-01 00:00:00.000007' + to_seconds(i * 61) AS ts_before_1970,
    (i % 1000)::INTEGER AS int32,
    (i % 100)::SMALLINT AS int16,
    (i * 3000000000)::UBIGINT AS uint64,
    (i * 350000)::UINTEGER AS uint32,
    CASE WHEN i % 11 = 0 THEN NULL ELSE i / 7.0 END::DOUBLE AS dbl,
    (i / 3.0)::REAL AS flt,
    DATE '1969-12-25' + (i % 400)::INTEGER AS d,
    CASE WHEN i % 13 = 0 THEN NULL ELSE TIMESTAMP '2020-02-29 23:59:59.123456' + to_seconds(i * 37) END AS ts_us,
    (TIMESTAMP '2021-01-01' + to_seconds(i))::TIMESTAMP_MS AS ts_ms,
    (TIMESTAMP '2021-01-01 00:00:00.000001' + to_seconds(i))::TIMESTAMP_NS AS ts_ns,
    TIMESTAMPTZ '2022-06-01 00:00:00+00' + to_seconds(i * 60) AS tstz,
    'C' || lpad((i * 7919 % 9973)::VARCHAR, 7, '0') AS id,
    CASE WHEN i % 5 = 0 THEN NULL WHEN i % 17 = 0 THEN '' WHEN i % 19 = 0 THEN '  ' ELSE 'cat_' || (i % 9) END AS cat,
    CASE WHEN i % 3 = 0 THEN NULL ELSE 'Zürich ' || i END AS uniq,
    (i / 8.0)::DECIMAL(10, 3) AS dec,
    i % 2 = 0 AS flag,
    [i, i + 1] AS list
  FROM range(${ROWS}) t(i)`;

const variants = [
  ['zstd', 'V1'],
  ['snappy', 'V2'],
  ['uncompressed', 'V2'],
  ['zstd', 'V2'],
  ['gzip', 'V1'],
  ['brotli', 'V2'],
  ['lz4', 'V1'],
] as const;

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  for (const [codec, version] of variants) {
    const path = join(dir, `t-${codec}-${version}.parquet`);
    await conn.run(`COPY (${select}) TO '${path}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 2500, PARQUET_VERSION ${version})`);
  }
  conn.closeSync();
  db.closeSync();
});
afterAll(cleanup);

describe('readParquet: the page decoder reads what hyparquet reads', () => {
  for (const [codec, version] of variants) {
    it(`${codec}, data pages ${version}: same values and kinds, split in two parts or not`, async () => {
      const path = join(dir, `t-${codec}-${version}.parquet`);
      const bytes = readFileSync(path);
      const reference = await readParquet(bytes, { file: 'r.parquet', fast: false });
      const fast = await readParquet(bytes, { file: 'f.parquet' });
      const split = await readParquet(bytes, { file: 's.parquet', path, workers: 'inline', splitBytes: 0 });
      expect(fast.kinds).toEqual(reference.kinds);
      const want = cols(reference);
      expect(cols(fast)).toEqual(want);
      expect(cols(split)).toEqual(want);
      expect(split.kinds).toEqual(reference.kinds);
      // Spot checks against the SQL.
      expect(want.uint64[ROWS - 1]).toBe((ROWS - 1) * 3e9);
      expect(want.d[0]).toBe(Date.UTC(1969, 11, 25));
      expect(want.neg64[0]).toBe(-6000 * 1234567890123);
      expect(want.ts_before_1970[2]).toBe(Date.UTC(1960, 0, 1, 0, 2, 2) + 0.007);
      expect(want.ts_us[1]).toBe(Date.UTC(2020, 1, 29, 23, 59, 59) + 123.456 + 37_000);
      expect(want.cat.slice(0, 6)).toEqual([null, 'cat_1', 'cat_2', 'cat_3', 'cat_4', null]);
      expect(fast.kinds).toMatchObject({ ts_us: 'wallclock', tstz: 'timestamp', d: 'wallclock', id: 'string', flag: 'boolean', list: 'string' });
    });
  }

  it('reads only the columns asked for', async () => {
    const path = join(dir, 't-zstd-V1.parquet');
    const d = await readParquet(readFileSync(path), { file: 'p.parquet', columns: ['tstz', 'id', 'nope'] });
    expect(d.table.columnNames()).toEqual(['tstz', 'id']);
    expect(d.rowsRead).toBe(ROWS);
  });
});

describe('readParquet: row groups split between two parts from both ends', () => {
  it('reads hashed ids, numbered ids and times as one thread does, dictionaries in row order, however many groups this thread takes back', async () => {
    const path = join(dir, 'claims.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    // Many row groups; ids hashed (md5 text, new ones in every group) and numbered.
    await conn.run(`COPY (SELECT md5((i // 97 + (i % 3) * 1000)::VARCHAR) AS h, 'C' || (i * 104729 % 20011) AS id,
      TIMESTAMP '2024-01-01' + to_seconds(i * 7) AS t, CASE WHEN i % 9 = 0 THEN NULL ELSE 'c' || (i % 5) END AS cat
      FROM range(41 * 600) t(i)) TO '${path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 600)`);
    conn.closeSync();
    db.closeSync();
    const bytes = readFileSync(path);
    const values = (d: Awaited<ReturnType<typeof readParquet>>) =>
      Object.fromEntries(['h', 'id', 'cat'].map((n) => [n, (d.table.column(n) as unknown as { values: readonly string[] }).values]));
    const one = await readParquet(bytes, { file: 'c.parquet' });
    const reference = await readParquet(bytes, { file: 'r.parquet', fast: false });
    expect(cols(one)).toEqual(cols(reference));
    // Inline, the second part runs interleaved with the first: each claims groups (one
    // from the front, the other from the back), wherever they meet.
    const nulls = (d: Awaited<ReturnType<typeof readParquet>>) => (d.table.column('cat') as unknown as { nullCount: number }).nullCount;
    expect(nulls(one)).toBe((cols(reference).cat as unknown[]).filter((v) => v === null).length);
    for (const splitBytes of [0, 1, 4096]) {
      const split = await readParquet(bytes, { file: 's.parquet', path, workers: 'inline', splitBytes, split: 'rows' });
      expect(cols(split)).toEqual(cols(reference));
      expect(values(split)).toEqual(values(one));
      expect(nulls(split)).toBe(nulls(one));
    }
  });
});

/** ULEB128 bytes of n. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const b = n % 128;
    n = Math.floor(n / 128);
    out.push(n > 0 ? b | 0x80 : b);
  } while (n > 0);
  return out;
}

describe('allPresent(levels, n)', () => {
  it('is true only when the levels open with a run of n or more 1s, as expanding them shows', () => {
    // Runs: RLE (count, value) or bit-packed groups of 8 levels.
    const run = fc.oneof(
      fc.record({ count: fc.integer({ min: 1, max: 70_000 }), v: fc.integer({ min: 0, max: 1 }) }).map(({ count, v }) => ({ rle: v === 1 ? count : -1, bytes: [...uleb(count * 2), v] })),
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 3 }).map((bytes) => ({ rle: -1, bytes: [...uleb(bytes.length * 2 + 1), ...bytes] })),
    );
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 80_000 }), (runs, n) => {
        const levels = Uint8Array.from(runs.flatMap((r) => r.bytes));
        const want = runs[0].rle >= n;
        expect(allPresent(levels, n)).toBe(want);
        if (want) {
          const expanded = new Uint8Array(n);
          readRleBitPackedHybrid({ view: new DataView(levels.buffer), offset: 0 }, 1, expanded, levels.length);
          expect(expanded.every((d) => d === 1)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    expect(allPresent(Uint8Array.from([...uleb(2 * 122_880), 1]), 122_880)).toBe(true);
    expect(allPresent(Uint8Array.from([...uleb(2 * 122_879), 1]), 122_880)).toBe(false);
    expect(allPresent(Uint8Array.from([...uleb(2 * 122_880), 0]), 122_880)).toBe(false);
    expect(allPresent(Uint8Array.from([...uleb(2 * 122_880)]), 122_880)).toBe(false);
  });
});

