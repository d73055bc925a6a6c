import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { cols, tempDir } from './helpers.js';

// Worker threads run compiled JavaScript: these tests use the build in dist/ (made
// by `npm install`/`npm run build`), comparing its worker path with its one-thread
// path, so a stale build cannot make them disagree. Without a build they are skipped.
const dist = (p: string) => fileURLToPath(new URL(`../../dist/load/${p}`, import.meta.url));
const built = existsSync(dist('csv/csv-worker.js')) && existsSync(dist('parquet/parquet-worker.js'));
if (!built) console.warn('test/load/worker-threads: no build in dist/; skipping the worker-thread tests');

const { dir, cleanup } = tempDir();
afterAll(cleanup);

// Where bin/kohort.js leaves a worker it started ahead (csv-prestart.ts, parquet-prestart.ts).
const key = Symbol.for('kohort.prestarted-worker');
const g = globalThis as { [key]?: unknown };

/** Start a worker of the script at `url` as bin/kohort.js does, and leave it there. */
function start(url: URL) {
  const worker = new Worker(url);
  worker.unref();
  const entry = { url: url.href, worker, online: false };
  worker.once('online', () => (entry.online = true));
  g[key] = entry;
  return entry;
}

type Loaded = { table: { columnNames(): string[]; column(n: string): unknown }; kinds: unknown; rowsRead: number };
const dicts = (d: Loaded) =>
  Object.fromEntries(d.table.columnNames().map((n) => [n, (d.table.column(n) as { values?: unknown }).values ?? null]));

describe.skipIf(!built)('loading with a real worker thread', () => {
  it('reads a CSV file split between two threads as one thread does', async () => {
    const { readCsvFile } = (await import(dist('csv/csv-split.js'))) as typeof import('../../src/load/csv/csv-split.js');
    const lines = ['customer_id,event_time,amount,note'];
    const base = Date.UTC(2023, 5, 1);
    for (let i = 0; i < 60_000; ++i) {
      const t = new Date(base + i * 91_000).toISOString().slice(0, 19).replace('T', ' ');
      const note = i % 13 === 0 ? '"a, ""quoted""\nnote"' : i === 45_000 ? 'late text' : String(i % 50);
      lines.push(`C${String((i * 7919) % 9001).padStart(6, '0')},${t},${(i % 400) / 8},${note}`);
    }
    const path = join(dir, 'w.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const size = readFileSync(path).length;
    const one = await readCsvFile(path, size, { file: 'w.csv' }, { runner: 'none' });
    const two = await readCsvFile(path, size, { file: 'w.csv' }, { runner: 'worker', splitBytes: 0, headBytes: 4096 });
    expect(two.kinds).toEqual(one.kinds);
    expect(cols(two)).toEqual(cols(one));
    expect(dicts(two)).toEqual(dicts(one));
    expect(one.kinds).toEqual({ customer_id: 'string', event_time: 'wallclock', amount: 'number', note: 'string' });
    // The worker handing its text values over as it reads (see early-values.ts), when this thread is done first.
    const early = await readCsvFile(path, size, { file: 'w.csv' }, { runner: 'worker', splitBytes: 0, headBytes: 4096, mainShare: 0.1, earlyMin: 1 });
    expect(cols(early)).toEqual(cols(one));
    expect(dicts(early)).toEqual(dicts(one));
  });

  it('readCsvFile hands text ids over early from a real worker (absorbEarly runs), and falls back to the plain absorb when it throws', async () => {
    const { readCsvFile } = (await import(dist('csv/csv-split.js'))) as typeof import('../../src/load/csv/csv-split.js');
    const { absorbEarly } = (await import(dist('csv/early-values.js'))) as typeof import('../../src/load/csv/early-values.js');
    const hex = (n: number) => (Math.imul(n, 2654435761) >>> 0).toString(16).padStart(8, '0');
    const lines = ['customer_id,event_time'];
    for (let i = 0; i < 120_000; ++i) {
      const c = (i * 7919) % 60_013;
      lines.push(`${hex(c)}-${hex(c + 1).slice(0, 4)}-4${hex(c + 2).slice(1, 4)}-8${hex(c + 3).slice(1, 4)}-${hex(c + 4)}${hex(c + 5).slice(0, 4)},2024-0${1 + (i % 9)}-1${i % 10} 0${i % 10}:15:00`);
    }
    const path = join(dir, 'uuid.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const size = readFileSync(path).length;
    const one = await readCsvFile(path, size, { file: 'uuid.csv' }, { runner: 'none' });
    const how = { runner: 'worker', splitBytes: 0, headBytes: 4096, mainShare: 0.1, earlyMin: 1 } as const;
    let calls = 0;
    const counted = await readCsvFile(path, size, { file: 'uuid.csv' }, { ...how, absorbEarly: (p, note) => (++calls, absorbEarly(p, note)) });
    expect(calls).toBeGreaterThan(0);
    expect(cols(counted)).toEqual(cols(one));
    expect(dicts(counted)).toEqual(dicts(one));
    // An absorb that throws (in the worker's message listener) abandons the hand-over: the same codes.
    let thrown = 0;
    const failing = await readCsvFile(path, size, { file: 'uuid.csv' }, {
      ...how,
      absorbEarly: (p, note) => {
        if (thrown++ === 0) throw new Error('injected absorb failure');
        absorbEarly(p, note);
      },
    });
    expect(thrown).toBeGreaterThan(0);
    expect(cols(failing)).toEqual(cols(one));
    expect(dicts(failing)).toEqual(dicts(one));
  });

  it('reads a CSV file with the worker started ahead by bin/kohort.js (csv-prestart), once, as one thread does', async () => {
    const { readCsvFile } = (await import(dist('csv/csv-split.js'))) as typeof import('../../src/load/csv/csv-split.js');
    const lines = ['customer_id,event_time'];
    for (let i = 0; i < 30_000; ++i) lines.push(`${(i * 7919) % 5003},2024-0${1 + (i % 9)}-1${i % 10} 0${i % 10}:15:00`);
    const path = join(dir, 'pre.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const size = readFileSync(path).length;
    // A worker of another script is left alone.
    const other = start(new URL('../../dist/load/hash-worker.js', import.meta.url));
    const one = await readCsvFile(path, size, { file: 'pre.csv' }, { runner: 'none' });
    await readCsvFile(path, size, { file: 'pre.csv' }, { runner: 'worker', splitBytes: 0, headBytes: 4096 });
    expect(g[key]).toBe(other);
    await other.worker.terminate();
    const entry = start(new URL('../../dist/load/csv/csv-worker.js', import.meta.url));
    let exited = false;
    entry.worker.once('exit', () => (exited = true));
    const two = await readCsvFile(path, size, { file: 'pre.csv' }, { runner: 'worker', splitBytes: 0, headBytes: 4096 });
    // Taken (and stopped after its part, as a worker started by the read would be).
    expect(g[key]).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(exited).toBe(true);
    expect(cols(two)).toEqual(cols(one));
    expect(dicts(two)).toEqual(dicts(one));
    expect(two.kinds).toEqual(one.kinds);
    expect(two.kinds).toEqual({ customer_id: 'number', event_time: 'wallclock' });
  });

  it('reads a Parquet file with the worker started ahead by bin/kohort.js (parquet-prestart), once, as one thread does', async () => {
    const { readParquet } = (await import(dist('parquet/read-parquet.js'))) as typeof import('../../src/load/parquet/read-parquet.js');
    const path = join(dir, 'pre.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT 'C' || lpad((i * 7919 % 5003)::VARCHAR, 6, '0') AS id, TIMESTAMP '2024-01-01' + to_seconds(i * 61) AS t
      FROM range(60000) t(i)) TO '${path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 6000)`);
    conn.closeSync();
    db.closeSync();
    const one = await readParquet(readFileSync(path), { file: 'pre.parquet', workers: false });
    // A worker of another script (the CSV one) is left alone.
    const other = start(new URL('../../dist/load/csv/csv-worker.js', import.meta.url));
    await readParquet(readFileSync(path), { file: 'pre.parquet', path, splitBytes: 0, sharedRows: 0 });
    expect(g[key]).toBe(other);
    await other.worker.terminate();
    const entry = start(new URL('../../dist/load/parquet/parquet-worker.js', import.meta.url));
    let exited = false;
    entry.worker.once('exit', () => (exited = true));
    const two = await readParquet(readFileSync(path), { file: 'pre.parquet', path, splitBytes: 0, sharedRows: 0 });
    // Taken (and stopped after its part, as a worker started by the read would be).
    expect(g[key]).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(exited).toBe(true);
    expect(cols(two)).toEqual(cols(one));
    expect(dicts(two as Loaded)).toEqual(dicts(one as Loaded));
    expect(two.kinds).toEqual(one.kinds);
  });

  // Every codec's decoder in the worker (brotli and uncompressed: parquet-pages.test.ts, split on one thread).
  for (const codec of ['zstd', 'snappy', 'gzip', 'lz4']) it(`decodes Parquet row groups (${codec}) in a worker as hyparquet does on one thread`, async () => {
    const { readParquet } = (await import(dist('parquet/read-parquet.js'))) as typeof import('../../src/load/parquet/read-parquet.js');
    const path = join(dir, `w-${codec}.parquet`);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT 'C' || (i * 7919 % 5003) AS id, TIMESTAMP '2024-01-01' + to_seconds(i * 61) AS t,
      CASE WHEN i % 7 = 0 THEN NULL ELSE i / 4 END AS v FROM range(50000) t(i))
      TO '${path}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 8192)`);
    conn.closeSync();
    db.closeSync();
    const bytes = readFileSync(path);
    const reference = await readParquet(bytes, { file: 'w.parquet', fast: false });
    const split = await readParquet(bytes, { file: 'w.parquet', path, splitBytes: 0 });
    expect(split.kinds).toEqual(reference.kinds);
    expect(cols(split)).toEqual(cols(reference));
    // The worker decoding straight into shared storage (as for files of millions of rows).
    const shared = await readParquet(bytes, { file: 'w.parquet', path, splitBytes: 0, sharedRows: 0 });
    expect((shared.table.column('t') as unknown as Float64Array).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(cols(shared)).toEqual(cols(reference));
    // Split by columns: this thread the dictionary column, the worker the others.
    const byColumns = await readParquet(bytes, { file: 'w.parquet', path, splitBytes: 0, sharedRows: 0, split: 'columns' });
    expect(cols(byColumns)).toEqual(cols(reference));
    const byRows = await readParquet(bytes, { file: 'w.parquet', path, splitBytes: 0, sharedRows: 0, split: 'rows' });
    expect(cols(byRows)).toEqual(cols(reference));
    // Ids of the first one's shape (C + one digit here) are keyed by number, the others
    // hashed: the same dictionary however the file is split.
    const oneThread = await readParquet(bytes, { file: 'w.parquet' });
    const ids = dicts(oneThread as Loaded).id as string[];
    expect(ids.slice(0, 10)).toEqual(['C0', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9']);
    expect(new Set(ids)).toEqual(new Set(cols(reference).id as string[]));
    for (const d of [split, shared, byColumns, byRows]) expect(dicts(d as Loaded)).toEqual(dicts(oneThread as Loaded));
  });
});
