import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalChoice } from '../../src/cli/loose-choices.js';
import { runCli } from './run-cli.js';

let dir: string;
let events: string;
let excel: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-choices-'));
  events = path.join(dir, 'events.csv');
  writeFileSync(events, 'customer_id,event_time\na,2024-01-05\nb,2024-01-10\na,2024-02-10\nb,2024-03-01\n');
  excel = path.join(dir, 'excel.csv');
  // 45296 = 2024-01-05, 45332 = 2024-02-10, 45301 = 2024-01-10, 45352 = 2024-03-01
  writeFileSync(excel, 'customer_id,event_time\na,45296\nb,45301\na,45332\nb,45352\n');
});

describe('canonicalChoice(value, choices)', () => {
  it('names the one choice equal ignoring case, "_" and spaces', () => {
    expect(canonicalChoice('excel', ['YYYYMMDD', 'EXCEL'])).toBe('EXCEL');
    expect(canonicalChoice(' Tidy_CSV ', ['csv', 'tidy-csv'])).toBe('tidy-csv');
    expect(canonicalChoice('Month', ['day', 'month'])).toBe('month');
  });
  it('leaves the value as given when no choice or several match', () => {
    expect(canonicalChoice('weekly', ['week', 'month'])).toBe('weekly');
    expect(canonicalChoice('a', ['A', 'a '])).toBe('a');
    expect(canonicalChoice('b', ['B', 'b '])).toBe('b');
  });
});

describe('kohort choice flags in any case', () => {
  it('--date-format excel reads Excel serials as --date-format EXCEL does', async () => {
    const lower = await runCli(['matrix', excel, '--date-format', 'excel', '--format', 'csv', '-q']);
    const upper = await runCli(['matrix', excel, '--date-format', 'EXCEL', '--format', 'csv', '-q']);
    expect(lower.stderr).not.toContain('invalid');
    expect(lower.code).toBe(0);
    expect(lower.stdout).toBe(upper.stdout);
    expect(lower.stdout).toContain('2024-01');
  });
  it.each([
    [['--period', 'Week'], ['--period', 'week']],
    [['--mode', 'UNBOUNDED'], ['--mode', 'unbounded']],
    [['--completeness', 'Rolling'], ['--completeness', 'rolling']],
    [['--format', 'TIDY-CSV'], ['--format', 'tidy-csv']],
    [['--offsets', 'Elapsed'], ['--offsets', 'elapsed']],
  ])('matrix %j = %j', async (loose, exact) => {
    const base = ['matrix', events, '-q'];
    const a = await runCli([...base, ...loose, ...(loose[0] === '--format' ? [] : ['--format', 'csv'])]);
    const b = await runCli([...base, ...exact, ...(exact[0] === '--format' ? [] : ['--format', 'csv'])]);
    expect(a.stderr).not.toContain('invalid');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
  it('compare --adjust BH and survival --ci Log-Log are read', async () => {
    const c = await runCli(['compare', events, '--by', 'customer_id', '--inactive-after', '30d', '--adjust', 'BH', '--format', 'json', '-q']);
    expect(c.stderr).not.toContain('Allowed choices');
    const s = await runCli(['survival', events, '--inactive-after', '30d', '--ci', 'LOG-LOG', '--format', 'csv', '-q']);
    expect(s.stderr).not.toContain('invalid');
    expect(s.code).toBe(0);
  });
  it('an unknown value is still refused, with the choices listed', async () => {
    const r = await runCli(['matrix', events, '--period', 'fortnight']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'fortnight' is invalid");
    expect(r.stderr).toMatch(/Allowed choices are .*week.*month/);
  });
});
