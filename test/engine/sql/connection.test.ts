import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { columnType } from '../../../src/engine/sql/connection.js';
import { runCli } from '../../cli/run-cli.js';

describe('columnType(dbType)', () => {
  it('reads every integer type as a number, unsigned ones too (DuckDB UBIGINT .. UTINYINT, ClickHouse UInt64)', () => {
    for (const t of ['UBIGINT', 'UINTEGER', 'USMALLINT', 'UTINYINT', 'UHUGEINT', 'BIGINT', 'INTEGER', 'HUGEINT', 'Nullable(UInt64)', 'int8', 'DECIMAL(18,2)']) {
      expect(columnType(t), t).toBe('number');
    }
    expect(columnType('VARCHAR')).toBe('text');
    expect(columnType('TIMESTAMP WITH TIME ZONE')).toBe('instant');
  });

  it('lets --engine duckdb read a Parquet file whose ids are unsigned 64-bit integers, as memory does', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-ubigint-'));
    const file = path.join(dir, 'events.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`COPY (SELECT * FROM (VALUES (9009007199254740993::UBIGINT, TIMESTAMP '2024-01-05 10:00:00'), (9009007199254740992::UBIGINT, TIMESTAMP '2024-01-06 10:00:00'),
      (9009007199254740992::UBIGINT, TIMESTAMP '2024-02-06 10:00:00'), (7::UBIGINT, TIMESTAMP '2024-03-07 10:00:00')) t(id, ts)) TO '${file}' (FORMAT parquet)`);
    con.closeSync();
    const args = ['matrix', file, '--id', 'id', '--time', 'ts', '--format', 'tidy-csv', '-q'];
    const memory = await runCli(args);
    const duckdb = await runCli([...args, '--engine', 'duckdb']);
    expect(duckdb.stderr).toBe('');
    expect(memory.stdout.split('\n')[1]).toMatch(/^2024-01,0,2,2,/);
    expect(duckdb.stdout).toBe(memory.stdout);
  }, 60_000);
});
