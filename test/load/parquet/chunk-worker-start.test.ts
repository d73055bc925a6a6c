import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

// The built modules (worker threads run compiled JavaScript), as test/load/worker-threads.test.ts.
const dist = (p: string) => fileURLToPath(new URL(`../../../dist/${p}`, import.meta.url));
const built = existsSync(dist('load/parquet/parquet-worker.js')) && existsSync(dist('engine/memory/chunk-worker.js'));
if (!built) console.warn('test/load/parquet/chunk-worker-start: no build in dist/; skipping');

// chunkWorker() starts no thread on a machine with one CPU (availableParallelism() < 2, e.g.
// under `taskset -c 0`): there the kernels run on the main thread and no worker ever starts.
const canStart = availableParallelism() >= 2;

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe.skipIf(!built)('the kernels worker thread and a Parquet load', () => {
  it('does not start while a big Parquet file loads (warmChunkWorker), but once the Parquet worker is done', async () => {
    const runChunks = (await import(dist('parallel/run-chunks.js'))) as typeof import('../../../src/parallel/run-chunks.js');
    const { warmChunkWorker } = (await import(dist('api/matrix.js'))) as typeof import('../../../src/api/matrix.js');
    const { readParquet } = (await import(dist('load/parquet/read-parquet.js'))) as typeof import('../../../src/load/parquet/read-parquet.js');
    expect(runChunks.chunkWorkerStarted()).toBe(false);
    const big = join(dir, 'big.parquet');
    writeFileSync(big, new Uint8Array(17 << 20));
    await warmChunkWorker(big);
    expect(runChunks.chunkWorkerStarted()).toBe(false);
    const path = join(dir, 'events.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT 'C' || (i % 997) AS id, TIMESTAMP '2024-01-01' + to_seconds(i * 61) AS t FROM range(40000) t(i))
      TO '${path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 4000)`);
    conn.closeSync();
    db.closeSync();
    await readParquet(readFileSync(path), { file: 'events.parquet', path, splitBytes: 0, sharedRows: 0 });
    expect(runChunks.chunkWorkerStarted()).toBe(canStart);
  });
});
