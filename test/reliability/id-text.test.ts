import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);

/** customers in cohorts, from the JSON report of a run. */
async function customers(args: string[]): Promise<number> {
  // --partial: one day of data has no complete cell, and its warning is not what is checked here.
  const r = await runCli(['matrix', ...args, '--format', 'json', '--partial', '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).report.customers.in_cohorts;
}

const big = Array.from({ length: 1000 }, (_, i) => (9007199254740993n + BigInt(i) * 2n).toString());

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-ids-'));
  writeFileSync(file('lz.csv'), 'id,time\n007,2024-01-05\n7,2024-01-06\n007,2024-02-06\n');
  writeFileSync(file('forms.csv'), 'id,time\n1.5,2024-01-05\n1.50,2024-01-05\n1e3,2024-01-05\n1000,2024-01-05\n0,2024-01-05\n-0,2024-01-05\n');
  writeFileSync(file('big.csv'), `id,time\n${big.map((b) => `${b},2024-01-05`).join('\n')}\n`);
  writeFileSync(file('cust.csv'), 'id,signup\n007,2024-01-01\n7,2024-01-02\n');
  writeFileSync(file('act.csv'), 'id,time\n7,2024-02-01\n');
  writeFileSync(file('forms.ndjson'), '{"id":1.5,"time":"2024-01-05"}\n{"id":1.50,"time":"2024-01-05"}\n{"id":1e3,"time":"2024-01-05"}\n{"id":1000,"time":"2024-01-05"}\n{"id":"007","time":"2024-01-05"}\n{"id":7,"time":"2024-01-05"}\n');
  writeFileSync(file('big.ndjson'), big.map((b) => `{"id":${b},"time":"2024-01-05"}`).join('\n'));
  const t = tableFromArrays({ id: BigInt64Array.from(big, (b) => BigInt(b)), time: Float64Array.from(big, () => Date.UTC(2024, 0, 5)) });
  writeFileSync(file('big.arrow'), tableToIPC(t, 'file'));
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`COPY (SELECT (9007199254740993 + 2 * i)::BIGINT AS id, DATE '2024-01-05' AS time FROM range(1000) t(i)) TO '${file('big.parquet')}' (FORMAT parquet)`);
  conn.closeSync();
  db.closeSync();
});

describe('ids are text in every loader', () => {
  it('CSV: 007 and 7 are two customers (the issue repro)', async () => {
    const r = await runCli(['matrix', file('lz.csv'), '--id', 'id', '--time', 'time', '--as-of', '2024-03-01', '--format', 'tidy-csv', '-q']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').slice(1, 3);
    expect(rows[0]).toMatch(/^2024-01,0,2,2,1,true,2024-01(,|$)/);
    expect(rows[1]).toMatch(/^2024-01,1,2,1,0.5,true,2024-02(,|$)/);
  });

  it('CSV: 1.5/1.50, 1e3/1000, 0/-0 are six customers', async () => {
    expect(await customers([file('forms.csv'), '--id', 'id', '--time', 'time'])).toBe(6);
  });

  it('CSV: 1,000 distinct 19-digit ids stay 1,000 customers', async () => {
    expect(await customers([file('big.csv'), '--id', 'id', '--time', 'time'])).toBe(1000);
  });

  it('CSV customers table: 7 is not a duplicate of 007', async () => {
    const r = await runCli(['matrix', file('act.csv'), '--customers', file('cust.csv'), '--id', 'id', '--time', 'time', '--signup', 'signup', '--format', 'json', '-q']);
    const doc = JSON.parse(r.stdout);
    expect(doc.report.customers.excluded.duplicate_id).toBe(0);
    expect(doc.report.customers.in_cohorts).toBe(2);
  });

  it('NDJSON: number forms and 007/7 stay distinct', async () => {
    expect(await customers([file('forms.ndjson'), '--id', 'id', '--time', 'time'])).toBe(6);
  });

  it('NDJSON: 19-digit numbers stay distinct', async () => {
    expect(await customers([file('big.ndjson'), '--id', 'id', '--time', 'time'])).toBe(1000);
  });

  it('Arrow: int64 ids never go through a double', async () => {
    expect(await customers([file('big.arrow'), '--id', 'id', '--time', 'time'])).toBe(1000);
  });

  it('Parquet: int64 ids never go through a double', async () => {
    expect(await customers([file('big.parquet'), '--id', 'id', '--time', 'time'])).toBe(1000);
  });
});
