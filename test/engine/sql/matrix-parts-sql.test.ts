import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';

// Gross revenue caps each period's revenue at the offset-0 revenue (METRICS.md). A period
// whose amounts are all missing sums to 0 in memory (missing skipped); SQL's sum of NULLs
// is NULL, and least(NULL, x) is x in DuckDB: the cap itself was counted.

let dir = '';
const file = (name: string): string => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-parts-'));
  writeFileSync(file('blank.csv'), 'id,time,amount\na,2024-01-05,100\na,2024-02-05,\nb,2024-01-07,12.5\nb,2024-03-01,3\nc,2024-01-08,\nc,2024-02-08,4\n');
});

describe('matrixParts (gross revenue)', () => {
  it.each([[[]], [['--completeness', 'rolling']]])('a period of missing amounts only counts 0 in --mode gross-revenue on duckdb, as in memory %j', async (more) => {
    const args = ['matrix', file('blank.csv'), '--mode', 'gross-revenue', '--amount', 'amount', '--as-of', '2024-03-02', '--format', 'csv', '--out', '-', '-q', ...more];
    const memory = await runCli(args);
    const duckdb = await runCli([...args, '--engine', 'duckdb']);
    expect(memory.code, memory.stderr).toBe(0);
    // Offset 1: a's amount is missing (0), c's 4 is capped at its missing offset-0 amount (0): 0 of 112.5.
    expect(memory.stdout.split('\n')[1]).toBe('2024-01,3,1,0,');
    expect(duckdb.stdout).toBe(memory.stdout);
  });
});
