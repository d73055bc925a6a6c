import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareRows, normalizeRows } from '../../scripts/bench/compare.mjs';
import { CUSTOMER_COLUMNS, EVENT_COLUMNS, loadSql, questionSql, QUESTION_TABLES } from '../../scripts/bench/duckdb-sql.mjs';
import { kohortCommand, readOutput } from '../../scripts/bench/kohort-runner.mjs';
import { runCli } from '../cli/run-cli.js';

// Differential test: the same questions answered by kohort and by SQL written straight
// from METRICS.md and run in DuckDB, on the bundled sample (2,000 customers, 40,000 events).
const QUESTIONS = ['classic', 'unbounded', 'revenue', 'channel', 'survival', 'crr', 'compare'] as const;
const COLUMNS: Record<string, Record<string, string>> = { events: EVENT_COLUMNS, customers: CUSTOMER_COLUMNS };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-oracle-'));
  const sample = path.resolve(__dirname, '../../datasets/sample');
  copyFileSync(path.join(sample, 'activity.csv'), path.join(dir, 'events.csv'));
  copyFileSync(path.join(sample, 'customers.csv'), path.join(dir, 'customers.csv'));
});

async function duckdb(question: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  for (const table of QUESTION_TABLES[question as keyof typeof QUESTION_TABLES]) {
    await con.run(loadSql(table, path.join(dir, `${table}.csv`), COLUMNS[table]));
  }
  const reader = await con.runAndReadAll(questionSql(question, { anchor: 'first-activity' }));
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

describe.each(QUESTIONS)('kohort vs DuckDB SQL on the sample: %s', (question) => {
  it('gives the same cells (counts exactly, values to 1e-9)', async () => {
    const { args, format } = kohortCommand(question, dir, 'csv');
    const out = path.join(dir, `${question}.${format}`);
    const r = await runCli([...args, '--out', out, '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const mine = normalizeRows(question, await readOutput(out, format));
    const theirs = normalizeRows(question, await duckdb(question));
    expect(theirs.length).toBeGreaterThan(10);
    const cmp = compareRows(question, mine, theirs);
    expect(cmp.problems).toEqual([]);
  });
});
