import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';

// A Parquet id column typed DOUBLE (pandas writes an int column with a null as float64)
// against a customers CSV of text ids: memory reads a number id as its shortest text
// (String(v): 7.0 is "7"; -0 is "-0"), so the SQL engines' text of it must be the same for the join.

let dir = '';
const file = (name: string): string => path.join(dir, name);
const IDS: [sql: string, text: string][] = [
  ['7.0', '7'],
  ['8.0', '8'],
  ['9.5', '9.5'],
  ['-0.0', '-0'],
  ['1e21', '1e+21'],
  ['0.1', '0.1'],
  // Where DuckDB's text is not JS's: 1e+16, 1.2345678901234567e+19, 2.5e-07, 1e-05.
  ['1e16', '10000000000000000'],
  ['12345678901234567000', '12345678901234567000'],
  ['2.5e-7', '2.5e-7'],
  ['0.00001', '0.00001'],
];
const day = (i: number): string => String(i + 1).padStart(2, '0');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-idsql-'));
  const rows = IDS.flatMap(([id], i) => [
    `(${id}::DOUBLE, TIMESTAMP '2024-01-${day(i)} 10:00:00')`,
    `(${id}::DOUBLE, TIMESTAMP '2024-02-${day(i)} 10:00:00')`,
  ]);
  rows.push(`(NULL, TIMESTAMP '2024-01-19 10:00:00')`);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`COPY (SELECT * FROM (VALUES ${rows.join(', ')}) t(id, time)) TO '${file('act.parquet')}' (FORMAT PARQUET)`);
  conn.closeSync();
  db.closeSync();
  writeFileSync(file('cus.csv'), `id,signup\n${IDS.map(([, t], i) => `${t},2024-01-${day(i)}`).join('\n')}\n`);
});

describe('idSql (a number id joined as text)', () => {
  it.each([
    ['signup anchor', ['--signup', 'signup']],
    ['first-activity anchor', []],
    ['--strict', ['--strict']],
  ])('a Parquet DOUBLE id (7.0, 8.0, 9.5, -0.0, 1e21, 0.1, 1e16, 2.5e-7, ..., read by memory as "7", "8", "9.5", "-0", "1e+21", "0.1", "10000000000000000", "2.5e-7") joins the customers\' text ids as memory joins them, on duckdb (%s)', async (_, more) => {
    const args = ['matrix', file('act.parquet'), '--customers', file('cus.csv'), '--id', 'id', '--time', 'time', '--as-of', '2024-02-20', '--format', 'csv', '--out', '-', ...more];
    const memory = await runCli(args);
    const duckdb = await runCli([...args, '--engine', 'duckdb']);
    expect(memory.code).toBe(0);
    expect(memory.stderr).toMatch(/used 20 of 21 activity rows/);
    expect(memory.stderr).toMatch(/10 customers in cohorts/);
    expect(memory.stderr).not.toMatch(/not in the customers table/);
    expect(duckdb.code).toBe(0);
    expect(duckdb.stdout).toBe(memory.stdout);
    expect(duckdb.stderr).toBe(memory.stderr);
  });
});
