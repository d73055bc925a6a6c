import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupedNumbers } from '../../../../src/load/csv/grouped-numbers.js';
import { loadFile } from '../../../../src/load/load-file.js';
import { runCli } from '../../../cli/run-cli.js';

// A CSV amount column of "1.000"-like values reads as numbers with a decimal point (1), and
// may be thousands grouped with "." (1000): the run warns, naming the file, the column, a
// value and --decimal, instead of guessing silently.

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-grouped-'));
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('groupedNumbers(firstText, values)', () => {
  it('tells "1.000"-like columns from prices', () => {
    expect(groupedNumbers('1.000', Float64Array.of(1, 2.5, 12.345, NaN, -3))).toBe(true);
    expect(groupedNumbers('1.000', Float64Array.of(1, 1500))).toBe(false);
    expect(groupedNumbers('1.000', Float64Array.of(1, 0.5))).toBe(false);
    expect(groupedNumbers('1.000', Float64Array.of(1, 2.0001))).toBe(false);
    expect(groupedNumbers('0.500', Float64Array.of(0.5))).toBe(false);
    expect(groupedNumbers('1.5', Float64Array.of(1.5))).toBe(false);
    expect(groupedNumbers('12', Float64Array.of(12))).toBe(false);
  });
});

describe('loadFile: the first value of a "1.000"-like number column is kept for the warning', () => {
  it('marks the column, and not a column of prices', async () => {
    const p = file('marks.csv', 'id,a,b\n1,1.000,82.29\n2,2.500,1500\n3,,3\n');
    const d = await loadFile(p);
    expect(d.groupedNumbers).toEqual({ a: '1.000' });
  });
});

describe('kohort matrix --mode revenue on amounts written "1.000"', () => {
  const events = file('events.csv', 'id,time,amount\na,2024-01-05,1.000\nb,2024-01-07,2.000\na,2024-02-05,1.500\n');

  it('warns with the file, the column, a value and --decimal', async () => {
    const r = await runCli(['matrix', events, '--mode', 'revenue', '--amount', 'amount', '--format', 'csv', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`kohort: warning: ${events}, column "amount": every value is written like "1.000", read with a decimal point ("1.000" = 1); if "." groups thousands there (1.000 = one thousand), pass --decimal ,`);
  });

  it('reads a thousand with --decimal , and keeps the decimal reading with --decimal ., both without the warning', async () => {
    const comma = await runCli(['matrix', events, '--mode', 'revenue', '--amount', 'amount', '--decimal', ',', '--format', 'tidy-csv', '-q']);
    expect(comma.code, comma.stderr).toBe(0);
    expect(comma.stderr).not.toContain('written like');
    expect(comma.stdout).toContain('3000');
    const dot = await runCli(['matrix', events, '--mode', 'revenue', '--amount', 'amount', '--decimal', '.', '--format', 'csv', '-q']);
    expect(dot.code, dot.stderr).toBe(0);
    expect(dot.stderr).not.toContain('written like');
  });
});
