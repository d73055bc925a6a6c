import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { matrix } from '../../../src/api/matrix.js';
import type { MatrixSpec } from '../../../src/spec/types.js';
import { matrixDifferences, matrixViaSql } from './same-matrix.js';

let dir: string;
let conn: SqlConnection;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-sql-'));
  conn = await duckdbConnection();
});
afterAll(async () => conn?.close());

function csv(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const viaSql = (spec: MatrixSpec) => matrixViaSql(conn, spec);

describe('executeMatrixSql on DuckDB', () => {
  it('gives the METRICS.md worked example', async () => {
    const activity = csv(
      'worked.csv',
      'id,time\na,2024-01-05T00:00:00Z\na,2024-02-10T00:00:00Z\na,2024-03-01T00:00:00Z\nb,2024-01-20T00:00:00Z\nb,2024-03-15T00:00:00Z\nc,2024-02-01T00:00:00Z\nc,2024-02-28T00:00:00Z\nd,2024-03-31T23:59:00Z\n',
    );
    const spec: MatrixSpec = { input: { activity }, asOf: '2024-04-01T00:00:00Z' };
    const r = await viaSql(spec);
    expect(r.cohorts.label).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(Array.from(r.cohorts.size)).toEqual([2, 1, 1]);
    expect(Array.from(r.cells.value.subarray(0, 3))).toEqual([1, 0.5, 1]);
    expect(r.cells.complete[1 * 3 + 2]).toBe(0);
    expect(matrixDifferences(await matrix(spec), r)).toEqual([]);
    const u = await viaSql({ ...spec, mode: 'unbounded' });
    expect(Array.from(u.cells.value.subarray(0, 3))).toEqual([1, 1, 1]);
    const early = await viaSql({ ...spec, asOf: '2024-03-20T00:00:00Z' });
    expect(early.cohorts.label).toEqual(['2024-01', '2024-02']);
    expect(early.cells.value[1]).toBe(0.5);
    expect(early.cells.complete[2]).toBe(0);
  });
});

describe('executeMatrixSql, rolling completeness', () => {
  it('gives the METRICS.md rolling example (channel alone)', async () => {
    const activity = csv(
      'rolling.csv',
      'id,time\na,2024-01-05T00:00:00Z\na,2024-02-10T00:00:00Z\na,2024-03-01T00:00:00Z\nb,2024-01-20T00:00:00Z\nb,2024-03-15T00:00:00Z\nc,2024-02-01T00:00:00Z\nc,2024-02-28T00:00:00Z\nd,2024-03-31T23:59:00Z\n',
    );
    const customers = csv('rolling-c.csv', 'id,channel\na,referral\nc,referral\nb,organic\nd,organic\n');
    const spec: MatrixSpec = { input: { activity, customers }, cohort: ['channel'], anchor: 'first-activity', asOf: '2024-04-01T00:00:00Z' };
    const r = await viaSql(spec);
    expect(r.cohorts.attributes[0].values).toEqual(['organic', 'referral']);
    const W = r.width;
    const cell = (h: number, k: number) => [r.cells.value[h * W + k], r.cells.eligible![h * W + k]];
    expect([cell(1, 0), cell(1, 1), cell(1, 2)]).toEqual([[1, 2], [0.5, 2], [1, 1]]);
    expect([cell(0, 0), cell(0, 1), cell(0, 2)]).toEqual([[1, 2], [0, 1], [1, 1]]);
    expect(r.cells.complete[1 * W + 3] ?? 0).toBe(0);
    expect(matrixDifferences(await matrix(spec), r)).toEqual([]);
  });

  it('counts rows past a customer\'s last complete offset as used, as the memory engine does', async () => {
    // d's March row and a's April row lie in no complete cell; the revenue there counts in none.
    const activity = csv('rolling-used.csv', 'id,time,amount\na,2024-01-05T00:00:00Z,5\na,2024-04-01T00:00:00Z,7\nd,2024-03-31T23:59:00Z,3\n');
    const customers = csv('rolling-used-c.csv', 'id,channel\na,referral\nd,organic\n');
    const spec: MatrixSpec = { input: { activity, customers }, columns: { amount: 'amount' }, cohort: ['channel'], mode: 'revenue', asOf: '2024-04-02T00:00:00Z' };
    const m = await matrix(spec);
    const r = await viaSql(spec);
    expect(r.report.rowsUsed).toBe(3);
    expect(r.report.rowsUsed).toBe(m.report.rowsUsed);
    expect(matrixDifferences(m, r)).toEqual([]);
  });
});

describe('executeMatrixSql --strict', () => {
  it('fails on activity ids missing from the customers table, as the memory engine does', async () => {
    const activity = csv('strict-a.csv', 'id,time\na,2024-01-05T00:00:00Z\nzz,2024-01-06T00:00:00Z\n');
    const customers = csv('strict-c.csv', 'id,signup\na,2024-01-01T00:00:00Z\n');
    const spec: MatrixSpec = { input: { activity, customers }, columns: { signup: 'signup' }, strict: true };
    await expect(matrix(spec)).rejects.toThrow(/1 activity id has no row in the customers table, e.g. "zz"/);
    await expect(viaSql(spec)).rejects.toThrow(/1 activity id has no row in the customers table, e.g. "zz"/);
    expect((await viaSql({ ...spec, strict: false })).cohorts.count).toBe(1);
  });
});
