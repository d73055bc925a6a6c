import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);
const rows = 'id;time;amount\n007;2024-01-05;1,5\n7;2024-01-20;2\n007;2024-02-11;3\n';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-sep-'));
  writeFileSync(file('plain.csv'), rows);
  writeFileSync(file('excel.csv'), `sep=;\n${rows}`);
  writeFileSync(file('excel-bom-crlf.csv'), `\ufeffsep=;\r\n${rows.replace(/\n/g, '\r\n')}`);
});

describe("kohort matrix on a CSV that starts with Excel's sep= line", () => {
  it('skips the line and uses its delimiter: the same matrix as without it (memory and DuckDB)', async () => {
    for (const engine of ['memory', 'duckdb']) {
      const args = (f: string) => ['matrix', file(f), '--id', 'id', '--time', 'time', '--as-of', '2024-03-31', '--engine', engine, '--format', 'tidy-csv'];
      const want = await runCli(args('plain.csv'));
      expect(want.code, want.stderr).toBe(0);
      expect(want.stdout).toContain('2024-01');
      for (const f of ['excel.csv', 'excel-bom-crlf.csv']) {
        const got = await runCli(args(f));
        expect(got.code, `${engine} ${f}: ${got.stderr}`).toBe(0);
        expect(got.stdout, `${engine} ${f}`).toBe(want.stdout);
      }
    }
  });

  it('an explicit --delimiter still wins over the line', async () => {
    const r = await runCli(['matrix', file('excel.csv'), '--id', 'id', '--time', 'time', '--delimiter', ',', '--format', 'tidy-csv']);
    expect(r.code).toBe(2);
    // The header "id;time;amount" is one field under ",", so the row "007;2024-01-05;1,5" is ragged.
    expect(r.stderr).toMatch(/excel\.csv, row 1: expected 1 field, found 2/);
  });
});
