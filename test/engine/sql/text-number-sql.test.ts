import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';

// Amounts written as text with a thousands mark ("1,234.56" quoted in a comma CSV) or a
// decimal comma ("1.234,56" in a ; CSV): memory reads them (readAmounts); the SQL engines
// read them by the same rules (readNumberColumns), for the matrix's revenue modes and
// compare's revenue, as they did for kohort value already.

let dir = '';
const file = (name: string): string => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-textnum-'));
  const rows = [
    ['a', '2024-01-05', '1,234.56', 'pro'],
    ['a', '2024-02-05', '1,000', 'pro'],
    ['b', '2024-01-07', '12.5', 'free'],
    ['b', '2024-03-01', '2,000.25', 'free'],
    ['c', '2024-02-10', '7', 'pro'],
    ['d', '2024-01-09', '3,500', 'free'],
    ['d', '2024-02-09', '', 'free'],
  ];
  writeFileSync(file('comma.csv'), `id,time,amount,plan\n${rows.map((r) => r.map((x, i) => (i === 2 && x.includes(',') ? `"${x}"` : x)).join(',')).join('\n')}\n`);
  // The same amounts with a decimal comma and "." grouping thousands.
  const semi = (x: string): string => x.replace(/,/g, '_').replace(/\./g, ',').replace(/_/g, '.');
  writeFileSync(file('semi.csv'), `id;time;amount;plan\n${rows.map((r) => r.map((x, i) => (i === 2 ? semi(x) : x)).join(';')).join('\n')}\n`);
  writeFileSync(file('word.csv'), 'id,time,amount\na,2024-01-05,"1,234.56"\nb,2024-01-07,lots\n');
});

const sameOnDuckdb = async (args: string[]): Promise<string> => {
  const memory = await runCli(args);
  const duckdb = await runCli([...args, '--engine', 'duckdb']);
  expect(memory.code, memory.stderr).toBe(0);
  expect(duckdb.stderr).not.toMatch(/Conversion Error/);
  expect(duckdb.code, duckdb.stderr).toBe(0);
  expect(duckdb.stdout).toBe(memory.stdout);
  return memory.stdout;
};

describe('readNumberColumns (text amounts on the SQL engines)', () => {
  it.each([
    ['comma.csv', []],
    ['semi.csv', []],
    ['semi.csv', ['--decimal', ',']],
  ])('kohort matrix %s %j --mode ltv | revenue | gross-revenue --amount amount: duckdb gives memory\'s matrix', async (f, more) => {
    for (const mode of ['ltv', 'revenue', 'gross-revenue']) {
      const out = await sameOnDuckdb(['matrix', file(f), '--mode', mode, '--amount', 'amount', '--as-of', '2024-03-02', '--format', 'csv', '--out', '-', '-q', ...more]);
      // (1,234.56 + 12.5 + 3,500) / 3, then + 1,000 (d's amount at offset 1 is missing).
      if (mode === 'ltv') expect(out.split('\n')[1]).toBe('2024-01,3,1582.35333333,1915.68666667,');
    }
  });

  it.each([['comma.csv'], ['semi.csv']])('kohort compare %s --amount amount --by plan: duckdb gives memory\'s revenue per group', async (f) => {
    const out = await sameOnDuckdb(['compare', file(f), '--amount', 'amount', '--by', 'plan', '--as-of', '2024-03-02', '--format', 'json', '--out', '-', '-q']);
    const revenue = (JSON.parse(out) as { revenue: { group: string; total: number }[] }).revenue;
    expect(revenue.map((r) => [r.group, r.total])).toEqual([['free', 5512.75], ['pro', 2241.56]]);
  });

  it('an amount text that is no number ("lots"): refused on duckdb with the value and column, no conversion error', async () => {
    const r = await runCli(['matrix', file('word.csv'), '--mode', 'ltv', '--amount', 'amount', '--format', 'csv', '--out', '-', '--engine', 'duckdb']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `kohort: ${file('word.csv')}, column "amount": 1 value of --amount is no number ("lots"): the memory engine rejects such rows (within --max-rejects), the SQL engines cannot; correct or blank those values, or use --engine memory\n`,
    );
  });

  it('the refusal is its own catalogue entry, sqlAmountNotNumber, naming the table and the column', async () => {
    const { readNumberColumns } = await import('../../../src/engine/sql/text-number-sql.js');
    const { KohortError } = await import('../../../src/errors.js');
    const { duckdb } = await import('../../../src/engine/sql/dialects/duckdb.js');
    // Shapes "1" (a number), "lots" twice and "many" (no number), as readTextNumbers' one query returns them.
    const conn = { dialect: duckdb, query: async () => [{ s: '1', x: '1', n: 1 }, { s: 'lots', x: 'lots', n: 2 }, { s: 'many', x: 'many', n: 1 }] };
    const table = { name: 'events', from: 'events', types: { amount: 'text' } };
    const e = await readNumberColumns(conn as never, table as never, ['amount'], undefined).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KohortError);
    expect((e as InstanceType<typeof KohortError>).code).toBe('sqlAmountNotNumber');
    expect((e as Error).message).toBe(
      'events, column "amount": 3 values of amount are no number (such as "lots", "many"): the memory engine rejects such rows (within maxRejects), the SQL engines cannot; correct or blank those values, or use engine memory',
    );
  });
});
