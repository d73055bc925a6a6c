import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

// The built modules (worker threads run compiled JavaScript), as chunk-worker-start.test.ts;
// a file of its own, so that no earlier test has started the kernels' worker.
const dist = (p: string) => fileURLToPath(new URL(`../../../dist/${p}`, import.meta.url));
const built = existsSync(dist('load/parquet/parquet-worker.js')) && existsSync(dist('engine/memory/chunk-worker.js'));
if (!built) console.warn('test/load/parquet/chunk-worker-unsplit: no build in dist/; skipping');

// chunkWorker() starts no thread on a machine with one CPU (availableParallelism() < 2, e.g.
// under `taskset -c 0`): there the kernels run on the main thread and no worker ever starts.
const canStart = availableParallelism() >= 2;

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe.skipIf(!built)('the kernels worker thread and a big Parquet file read by one thread', () => {
  it('starts while the file loads, as warmChunkWorker would start it for other big inputs', async () => {
    const runChunks = (await import(dist('parallel/run-chunks.js'))) as typeof import('../../../src/parallel/run-chunks.js');
    const { readParquet } = (await import(dist('load/parquet/read-parquet.js'))) as typeof import('../../../src/load/parquet/read-parquet.js');
    // Over 16 MB of random doubles, uncompressed.
    const path = join(dir, 'big.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT random() AS x, i AS n FROM range(1100000) t(i)) TO '${path}' (FORMAT parquet, COMPRESSION uncompressed)`);
    conn.closeSync();
    db.closeSync();
    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThanOrEqual(16 << 20);
    expect(runChunks.chunkWorkerStarted()).toBe(false);
    // Read without its bytes on disk: no worker of any kind.
    await readParquet(bytes, { file: 'big.parquet', columns: ['x'] });
    expect(runChunks.chunkWorkerStarted()).toBe(false);
    // workers: false means no thread at all, the kernels' neither.
    await readParquet(bytes, { file: 'big.parquet', path, columns: ['x'], workers: false });
    expect(runChunks.chunkWorkerStarted()).toBe(false);
    const d = await readParquet(bytes, { file: 'big.parquet', path, columns: ['x'], splitBytes: Number.POSITIVE_INFINITY });
    expect(d.rowsRead).toBe(1_100_000);
    expect(runChunks.chunkWorkerStarted()).toBe(canStart);
  });
});
