import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdb } from '../../../src/engine/sql/dialects/duckdb.js';
import { value } from '../../../src/api/value.js';
import { valueOnEngine } from '../../../src/api/engines.js';

// DuckDB adds a group's values in whatever order its threads meet them: a floating sum then
// differs in its last bits from run to run. Value's totals are exact integer sums instead
// (Dialect.sumExact), the same bits in any order and memory's (fsum): shown by reading the
// same rows in two orders (0.1 + 0.2 + 0.3 is 0.6000000000000001, 0.3 + 0.2 + 0.1 is 0.6).

let dir: string;
let conn: SqlConnection;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-sqlsum-'));
  conn = await duckdbConnection();
});
afterAll(async () => conn?.close());

const AMOUNTS = [0.1, 0.2, 0.3, 1e-12, 123456.78, 0.07, -0.05, 2.675];

describe('duckdb.sumExact', () => {
  it('gives the same bits in any order, the exact sum rounded once', async () => {
    const sum = async (xs: number[]): Promise<number> =>
      Number((await conn.query(`SELECT ${duckdb.sumExact!('x')} AS s FROM (VALUES ${xs.map((x) => `(CAST('${x}' AS DOUBLE))`).join(', ')}) AS t(x)`))[0].s);
    const forward = await sum(AMOUNTS);
    expect(await sum([...AMOUNTS].reverse())).toBe(forward);
    expect(await sum([0.3, 0.2, 0.1])).toBe(await sum([0.1, 0.2, 0.3]));
    expect(await sum([0.1, 0.2, 0.3])).toBe(0.6);
    // Values that are no finite number are skipped (memory's missing amounts); none at all is NULL.
    expect(await sum([1.5, Infinity, NaN, 2])).toBe(3.5);
  });
});

describe('executeValueSql totals on DuckDB', () => {
  it('are memory\'s (fsum: the exact sum rounded once), whatever the order of the rows', async () => {
    // In file order 0.1 + 0.2 + 0.3 + 0.4 is 1, in reverse 0.9999999999999999; the exact sum is 1.
    const rows = [0.1, 0.2, 0.3, 0.4].map((v, i) => `c${i},Churned,${v}`);
    for (const lines of [rows, [...rows].reverse()]) {
      const file = path.join(dir, `value-${lines[0].slice(0, 2)}.csv`);
      writeFileSync(file, `id,status,revenue\n${lines.join('\n')}\n`);
      const spec = { input: { customers: file }, columns: { id: 'id' }, event: 'status=Churned', value: 'revenue' };
      const mem = await value(spec);
      const sql = await valueOnEngine(spec, { engine: 'duckdb' });
      expect(mem.overall.total[0]).toBe(1);
      expect(sql.overall.total[0]).toBe(mem.overall.total[0]);
    }
  });
});
