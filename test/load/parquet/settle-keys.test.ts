import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CodeDict } from '../../../src/load/dict/code-dict.js';
import { translateCodes } from '../../../src/load/dict/code-translation.js';
import { keyChunkCount, keyChunks, keyJob, keyNulls, KEYS_ALREADY } from '../../../src/load/parquet/key-rows.js';
import { FastParquetColumn } from '../../../src/load/parquet/parquet-columns.js';
import { settleKeys } from '../../../src/load/parquet/settle-keys.js';
import type { ParquetWorkerJob, ParquetWorkerReply } from '../../../src/load/parquet/parquet-worker.js';
import type { JobWorker } from '../../../src/parallel/worker-job.js';
import { cols, fields, tempDir } from '../helpers.js';

// Ids of one shape (numbered), ids of the same digits written otherwise ('007' and '7'
// stay two customers), case, other text, and missing values (null: code -1).
const id = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 4000 }).map((n) => `C${String(n).padStart(7, '0')}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 }).map((n) => `C${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('007', '7', 'c0000007', 'C0000007', 'other', 'Zürich') },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** A dictionary and its codes for `values` (null: -1), the last `part` rows read by a second dictionary and absorbed, as a split read does. */
function coded(values: (string | null)[], part: number): { dict: CodeDict; codes: Int32Array } {
  const codesOf = (dict: CodeDict, vs: (string | null)[], out: Int32Array, at: number) => {
    const present = vs.map((v, i) => [v, i] as const).filter(([v]) => v !== null);
    const { all, starts, ends } = fields(present.map(([v]) => v!));
    const rows = Int32Array.from(present, ([, i]) => at + i);
    out.fill(-1, at, at + vs.length);
    dict.internMany(all, starts, ends, rows, present.length, out);
  };
  const split = values.length - Math.min(part, values.length);
  const dict = new CodeDict();
  const codes = new Int32Array(new SharedArrayBuffer(4 * values.length));
  codesOf(dict, values.slice(0, split), codes, 0);
  const other = new CodeDict();
  codesOf(other, values.slice(split), codes, split);
  const t = dict.absorb(other.take());
  if (t) translateCodes(codes, split, values.length, t);
  return { dict, codes };
}

/** A shared string column holding `values` as a split read leaves it (see coded). */
function column(values: (string | null)[], part: number, shared = true): FastParquetColumn {
  const col = new FastParquetColumn('id', 'string', { name: 'id', chunk: 0, spec: { type: 'BYTE_ARRAY', maxDef: 1, multiply: 1, divide: 1, unsigned: false } }, values.length, shared);
  const { dict, codes } = coded(values, part);
  col.out.i32!.set(codes);
  (col.out as { dict?: CodeDict }).dict = dict;
  return col;
}

const texts = (c: FastParquetColumn) => {
  const values = c.finish().values as unknown as { keys: Int32Array; dictionary: readonly string[]; length: number; at(i: number): unknown };
  return Array.from({ length: values.length }, (_, i) => values.at(i));
};

/** A worker stand-in: `act` runs on the job (here, on this thread) before it answers. */
function fakeWorker(act: (job: ParquetWorkerJob) => ParquetWorkerReply): JobWorker<ParquetWorkerJob, ParquetWorkerReply> & { jobs: number } {
  const w = {
    jobs: 0,
    run: async (job: ParquetWorkerJob) => (++w.jobs, act(job)),
    stop: async () => undefined,
  };
  return w;
}

describe('CodeDict.settleMap + codesToKeys by chunks + settled', () => {
  it('gives the keys, values and missing count of settle(codes, n, true), chunk by chunk and in any order of claims', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 400 }), fc.nat(400), fc.integer({ min: 1, max: 64 }), (values, part, chunk) => {
        const ref = coded(values, part);
        const refKeys = ref.dict.settle(ref.codes, values.length, true);
        const { dict, codes } = coded(values, part);
        const map = dict.settleMap(codes, values.length);
        const missing = dict.size;
        const job = keyJob([{ codes, n: values.length, map: map ?? KEYS_ALREADY, missing }], chunk);
        // The values settled before the rows are keys, as this thread does while the worker turns them.
        if (map !== null) dict.settled();
        keyChunks(job);
        // settle leaves missing values -1 when the codes were keys already (its caller keys them).
        expect(Array.from(codes)).toEqual(Array.from(refKeys, (k) => (k < 0 ? missing : k)));
        expect(dict.values).toEqual(ref.dict.values);
        const nulls = keyNulls(job)![0];
        expect(nulls).toBe(values.filter((v) => v === null).length);
        expect(Array.from(codes, (k) => (k === missing ? null : dict.values[k]))).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });
});

describe('keyChunks', () => {
  it('turns each chunk once across the threads that claim them, and keyNulls counts the missing values of each column', () => {
    const a = Int32Array.from({ length: 1000 }, (_, i) => (i % 9 === 0 ? -1 : 100 + (i % 50)));
    const b = Int32Array.from({ length: 333 }, (_, i) => (i % 2 ? -1 : i));
    const base = { direct: false, numbered: 200, base: 100, ranks: null, lo: 0, order: null };
    const job = keyJob([{ codes: a.slice(), n: a.length, map: base, missing: 200 }, { codes: b.slice(), n: b.length, map: KEYS_ALREADY, missing: 999 }], 64);
    expect(keyChunkCount(job)).toBe(16 + 6);
    keyChunks(job);
    keyChunks(job);
    expect(keyNulls(job)).toEqual([a.filter((c) => c === -1).length, b.filter((c) => c === -1).length]);
    expect(Array.from(job.columns[0].codes)).toEqual(Array.from(a, (c) => (c === -1 ? 200 : c - 100)));
    expect(Array.from(job.columns[1].codes)).toEqual(Array.from(b, (c) => (c === -1 ? 999 : c)));
  });

  it('keyNulls is null while a claimed chunk is not done (a worker that stopped on the way)', () => {
    const job = keyJob([{ codes: new Int32Array(300).fill(-1), n: 300, map: KEYS_ALREADY, missing: 0 }], 100);
    Atomics.add(job.state, 0, 1);
    keyChunks(job);
    expect(keyNulls(job)).toBeNull();
  });
});

describe('settleKeys', () => {
  const values = Array.from({ length: 1500 }, (_, i) => (i % 17 === 0 ? null : i % 5 === 0 ? `C${i % 40}` : `C${String((i * 7919) % 3001).padStart(7, '0')}`));
  const expected = texts(column(values, 500));

  it('settles with the worker taking chunks: the column finishes as settle alone finishes it', async () => {
    const col = column(values, 500);
    const worker = fakeWorker((job) => {
      if ('keys' in job) keyChunks(job.keys);
      return { keys: true };
    });
    await settleKeys([col], worker);
    expect(worker.jobs).toBe(1);
    expect(texts(col)).toEqual(expected);
  });

  it('does all the chunks here when the worker takes none (it stopped before the job)', async () => {
    const col = column(values, 500);
    await settleKeys([col], fakeWorker(() => ({ error: 'the worker stopped' })));
    expect(texts(col)).toEqual(expected);
  });

  it('fails when the worker stopped inside a chunk it had claimed (its rows are half keys)', async () => {
    const col = column(values, 500);
    const worker = fakeWorker((job) => {
      if ('keys' in job) Atomics.add(job.keys.state, 0, 1);
      return { error: 'the worker stopped' };
    });
    await expect(settleKeys([col], worker)).rejects.toThrow(/stopped while it turned ids into keys/);
  });

  it('leaves columns to finish alone without a worker, or when their codes are not shared', async () => {
    const worker = fakeWorker(() => ({ keys: true }));
    const unshared = column(values, 500, false);
    await settleKeys([unshared], worker);
    expect(worker.jobs).toBe(0);
    expect(texts(unshared)).toEqual(expected);
    const alone = column(values, 500);
    await settleKeys([alone], undefined);
    expect(texts(alone)).toEqual(expected);
  });
});

// The worker runs the build in dist/ (see test/load/worker-threads.test.ts).
const dist = (p: string) => fileURLToPath(new URL(`../../../dist/load/${p}`, import.meta.url));
const built = existsSync(dist('parquet/parquet-worker.js'));
if (!built) console.warn('test/load/parquet/settle-keys: no build in dist/; skipping the worker-thread test');

describe.skipIf(!built)('readParquet with a real worker', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('turns ids into keys on both threads (several chunks of rows) as one thread does, nulls and other shapes included', async () => {
    const { readParquet } = (await import(dist('parquet/read-parquet.js'))) as typeof import('../../../src/load/parquet/read-parquet.js');
    const path = join(dir, 'keys.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT CASE WHEN i % 101 = 0 THEN NULL WHEN i % 37 = 0 THEN (i % 9)::VARCHAR WHEN i % 41 = 0 THEN '00' || (i % 9)
        ELSE 'C' || lpad((i * 7919 % 200003)::VARCHAR, 7, '0') END AS id, i AS n, CASE WHEN i % 3 = 0 THEN 'a' ELSE 'B' END AS g
      FROM range(700000) t(i)) TO '${path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 50000)`);
    conn.closeSync();
    db.closeSync();
    const bytes = readFileSync(path);
    const one = await readParquet(bytes, { file: 'keys.parquet', workers: false });
    for (const split of ['rows', 'columns'] as const) {
      const two = await readParquet(bytes, { file: 'keys.parquet', path, splitBytes: 0, sharedRows: 0, split });
      expect((two.table.column('id') as unknown as { keys: Int32Array }).keys.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(cols(two)).toEqual(cols(one));
      const dict = (d: typeof one) => (d.table.column('id') as unknown as { values: readonly string[] }).values;
      expect(dict(two)).toEqual(dict(one));
    }
  }, 60_000);
});
