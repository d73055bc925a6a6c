import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare } from '../../../src/api/compare.js';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import { executeCompareSql } from '../../../src/engine/sql/execute-compare-sql.js';
import { describeSources, sqlSchema } from '../../../src/engine/sql/execute-matrix-sql.js';
import { comparePlan } from '../../../src/plan/compare-plan.js';
import type { Mode } from '../../../src/spec/types.js';
import type { TestTable } from './load-tables.js';
import { compareDifferences } from './same-compare.js';
import { matrixDifferences } from './same-matrix.js';
import { sameOnEngines } from './same-on-engines.js';
import { startTestServers, type TestServers } from './test-engines.js';

// Activity amounts stored as text with a thousands mark ("1,234.56"), blanks and "NA"
// among them: memory reads them (readAmounts); DuckDB, PostgreSQL and ClickHouse read the
// same numbers (readNumberColumns) in the matrix's revenue modes and compare's revenue.

let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];
const tables: Record<string, TestTable> = {};

const ACTIVITY = [
  'id,time,amount,plan',
  'a,2024-01-05T10:00:00Z,"1,234.56",pro',
  'a,2024-02-05T10:00:00Z,"1,000",pro',
  'b,2024-01-07T10:00:00Z,12.5,free',
  'b,2024-03-01T10:00:00Z,"2,000.25",free',
  'c,2024-02-10T10:00:00Z,7,pro',
  'c,2024-03-10T10:00:00Z,NA,pro',
  'd,2024-01-09T10:00:00Z,"3,500",free',
  'd,2024-02-09T10:00:00Z,,free',
];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-xamt-'));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'tact.csv'), `${ACTIVITY.join('\n')}\n`);
  tables.tact = { name: 'tact', file: path.join(dir, 'tact.csv'), columns: { id: 'text', time: 'time', amount: 'text', plan: 'text' } };
  engines.push({ name: 'duckdb', conn: await duckdbConnection() });
  servers = await startTestServers(tables, { tact: 'id' }, engines);
}, 300_000);

afterAll(() => servers?.stop(), 120_000);

const sameOnEveryEngine = sameOnEngines(engines, tables);
const asOf = '2024-03-20T00:00:00Z';

describe('text amounts on every engine (memory = DuckDB = PostgreSQL = ClickHouse)', () => {
  it.each<Mode>(['ltv', 'revenue', 'gross-revenue'])('matrix --mode %s --amount amount', async (mode) => {
    const { memory } = await sameOnEveryEngine({ activity: 'tact' }, { columns: { id: 'id', time: 'time', amount: 'amount' }, mode, asOf }, matrix, matrixAnalysis, matrixDifferences);
    expect(memory.cohorts.count).toBeGreaterThan(0);
  }, 300_000);

  it('compare --amount amount --by plan: the same revenue per group', async () => {
    const spec = { by: 'plan', columns: { id: 'id', time: 'time', amount: 'amount' }, asOf };
    const mem = await compare({ ...spec, input: { activity: tables.tact.file } });
    expect(mem.revenue?.map((r) => [r.group, r.total])).toEqual([['free', 5512.75], ['pro', 2241.56]]);
    for (const e of engines) {
      const where = e.name === 'duckdb' ? { activity: tables.tact.file } : { activity: 'tact' };
      const src = await describeSources(e.conn, where);
      const r = await executeCompareSql(e.conn, comparePlan({ ...spec, input: where }, sqlSchema(src)), src);
      expect(compareDifferences(mem, r), e.name).toEqual([]);
    }
  }, 300_000);
});
