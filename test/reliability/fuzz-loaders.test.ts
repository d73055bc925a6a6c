import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { KohortError } from '../../src/errors.js';
import { loadBytes } from '../../src/load/load-file.js';

/*
 * Fuzzing the loaders (issue 11): valid files of each format, mutated byte by byte
 * (flips, cuts, inserted and repeated runs), must load or fail with a KohortError,
 * never throw anything else. Bounded: a fixed seed and number of runs per format.
 */

const CSV = 'id,time,amount,plan\n"a,1",2024-01-05,"1,000.50",pro\nb,2024-01-20T10:00:00Z,12,basic\n007,20240210,,"x ""y"""\n';
const NDJSON = '{"id":"a","time":"2024-01-05","amount":1.5}\n{"id":7,"time":1704412800,"tags":["x"],"n":{"k":1}}\n{"id":"b","time":null}\n';
const seeds: Record<string, Uint8Array> = {};

beforeAll(async () => {
  seeds['data.csv'] = Buffer.from(CSV);
  seeds['data.ndjson'] = Buffer.from(NDJSON);
  seeds['data.csv.gz'] = gzipSync(CSV);
  seeds['data.arrow'] = tableToIPC(
    tableFromArrays({ id: ['a', 'b', 'a'], n: BigInt64Array.of(1n, 9007199254740993n, -3n), t: Float64Array.of(1.7e12, 1.71e12, NaN) }),
    'file',
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-fuzz-'));
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const file = path.join(dir, 'data.parquet');
  await conn.run(`COPY (SELECT 'c' || i AS id, TIMESTAMP '2024-01-01' + INTERVAL (i) DAY AS time, i * 1.5 AS amount, (i % 3)::BIGINT AS k
    FROM range(50) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 20)`);
  conn.closeSync();
  db.closeSync();
  seeds['data.parquet'] = readFileSync(file);
});

/** A mutation of a byte string: flip bytes, cut, insert random bytes, repeat a run. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }), times: fc.integer({ min: 1, max: 4 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(seed: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = Buffer.from(seed);
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'flip' && b.length) b[at] = m.value;
    else if (m.kind === 'cut') b = b.subarray(0, at);
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    else if (m.kind === 'repeat') {
      const run = b.subarray(at, at + m.length);
      b = Buffer.concat([b.subarray(0, at), ...Array.from({ length: m.times }, () => run), b.subarray(at)]);
    }
  }
  return new Uint8Array(b);
}

describe('fuzzed bytes to every loader: only KohortError comes out', () => {
  it.each(['data.csv', 'data.ndjson', 'data.csv.gz', 'data.arrow', 'data.parquet'])('%s', async (name) => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
        const bytes = mutate(seeds[name], ms);
        try {
          await loadBytes(bytes, { file: name, progress: false });
        } catch (e) {
          if (!(e instanceof KohortError)) throw new Error(`${name}: ${(e as Error).stack}`);
        }
      }),
      { numRuns: 250, seed: 11, endOnFailure: true },
    );
  });

  it('a seed file itself loads', async () => {
    for (const [name, bytes] of Object.entries(seeds)) {
      const d = await loadBytes(bytes, { file: name });
      expect(d.rowsRead, name).toBeGreaterThan(0);
    }
  });
});
