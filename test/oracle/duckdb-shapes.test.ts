import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, parseArgs } from '../../datasets/generate.mjs';
import { compareRows, normalizeRows } from '../../scripts/bench/compare.mjs';
import { questionSql, shapeEventsLoadSql } from '../../scripts/bench/duckdb-sql.mjs';
import { kohortCommand, readOutput } from '../../scripts/bench/kohort-runner.mjs';
import { runCli } from '../cli/run-cli.js';

// Differential test of the shape benchmark's data and SQL: small events CSVs of other id
// shapes, time shapes, periods and row orders, the classic matrix by kohort and by DuckDB.
const CASES = [
  { idShape: 'int', timeShape: 'date', order: 'shuffled', period: 'week', months: 12 },
  { idShape: 'uuid', timeShape: 'iso-offset', order: 'customer', period: 'month', months: 24 },
  { idShape: 'mixed', timeShape: 'epoch-ms', order: 'time', period: 'day', months: 3 },
  { idShape: 'email', timeShape: 'epoch-s', order: 'time', period: 'week', months: 36 },
  { idShape: 'prefixed', timeShape: 'iso-z', order: 'shuffled', period: 'month', months: 12 },
] as const;

let root: string;
beforeAll(() => { root = mkdtempSync(path.join(tmpdir(), 'kohort-shapes-')); });

async function duckdb(file: string, timeShape: string, period: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run("SET TimeZone = 'UTC'");
  await con.run(shapeEventsLoadSql(file, timeShape));
  return (await con.runAndReadAll(questionSql('classic', { period }))).getRowObjectsJson() as Record<string, unknown>[];
}

describe.each(CASES)('kohort vs DuckDB on shaped data: %o', (c) => {
  it('gives the same classic matrix', async () => {
    const dir = path.join(root, `${c.idShape}-${c.timeShape}-${c.period}`);
    await generate(parseArgs(['--customers', '300', '--events', '4000', '--months', String(c.months), '--id-shape', c.idShape,
      '--time-shape', c.timeShape, '--order', c.order, '--out', dir]));
    const { args, format } = kohortCommand('classic', dir, 'csv', 'first-activity', c.period);
    const out = path.join(dir, `out.${format}`);
    const r = await runCli([...args, '--out', out, '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const theirs = normalizeRows('classic', await duckdb(path.join(dir, 'events.csv'), c.timeShape, c.period), c.period);
    expect(theirs.length).toBeGreaterThan(10);
    expect(compareRows('classic', normalizeRows('classic', await readOutput(out, format), c.period), theirs).problems).toEqual([]);
  });
});
