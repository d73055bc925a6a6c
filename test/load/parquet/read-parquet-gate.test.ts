import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers.js';

// A quiet or a busy machine, as the test says (backgroundHoldPays reads the load average).
const load = vi.hoisted(() => ({ avg: 0 }));
vi.mock('node:os', async (original) => ({
  ...(await original<typeof import('node:os')>()),
  availableParallelism: () => 2,
  loadavg: () => [load.avg, 0, 0],
}));

// The built modules (the Parquet worker runs compiled JavaScript), as chunk-worker-start.test.ts.
const dist = (p: string) => fileURLToPath(new URL(`../../../dist/${p}`, import.meta.url));
const built = existsSync(dist('load/parquet/parquet-worker.js'));
if (!built) console.warn('test/load/parquet/read-parquet-gate: no build in dist/; skipping');

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe.skipIf(!built)('readParquet(input, opts) and the background gate', () => {
  it('holds the gate while it and the Parquet worker decode a split file (quiet machine), not on a busy one, and releases it', async () => {
    const { readParquet } = (await import(dist('load/parquet/read-parquet.js'))) as typeof import('../../../src/load/parquet/read-parquet.js');
    const { backgroundGate } = (await import(dist('parallel/background-gate.js'))) as typeof import('../../../src/parallel/background-gate.js');
    const path = join(dir, 'events.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT 'C' || (i % 997) AS id, TIMESTAMP '2024-01-01' + to_seconds(i * 61) AS t FROM range(40000) t(i))
      TO '${path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 4000)`);
    conn.closeSync();
    db.closeSync();
    const gate = backgroundGate();
    for (const [avg, held] of [[0, 1], [10.7, 0]]) {
      load.avg = avg;
      const seen: number[] = [];
      const progress = { update: () => void seen.push(Atomics.load(gate, 0)), done: () => undefined };
      const data = await readParquet(readFileSync(path), { file: 'events.parquet', path, splitBytes: 0, sharedRows: 0, progress });
      expect(data.rowsRead).toBe(40000);
      expect(seen.length).toBeGreaterThan(0);
      expect(Math.min(...seen)).toBe(held);
      expect(Atomics.load(gate, 0)).toBe(0);
    }
  });
});
