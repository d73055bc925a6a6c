import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SAMPLE = path.resolve(__dirname, '../../datasets/sample');
const activity = path.join(SAMPLE, 'activity.csv');
const customers = path.join(SAMPLE, 'customers.csv');

describe('kohort matrix --engine', () => {
  it('duckdb gives the same tidy CSV as the memory engine', async () => {
    const args = ['matrix', activity, '--customers', customers, '--cohort', 'month,channel', '--anchor', 'first-activity', '--format', 'tidy-csv', '-q'];
    const mem = await runCli(args);
    const duck = await runCli([...args, '--engine', 'duckdb']);
    expect(duck.stderr).toBe('');
    expect(duck.code).toBe(0);
    expect(duck.stdout).toBe(mem.stdout);
    expect(duck.stdout.split('\n').length).toBeGreaterThan(100);
  });

  it('duckdb writes every output format (json, arrow, wide csv)', async () => {
    for (const format of ['json', 'arrow', 'csv']) {
      const r = await runCli(['matrix', activity, '--engine', 'duckdb', '--mode', 'revenue', '--amount', 'amount', '--format', format, '-q']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdoutBytes.length).toBeGreaterThan(100);
    }
  });

  it('duckdb --rejects FILE writes the file (a header: the SQL engines reject no value), replacing an earlier run\'s list, for a command and a report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-sql-rejects-'));
    for (const args of [['matrix', activity], ['report', activity, '--customers', customers, '--out', path.join(dir, 'r.html')]]) {
      const file = path.join(dir, `${args[0]}-rejects.csv`);
      writeFileSync(file, 'file,row,column,value,reason\nold.csv,2,time,x,is not a date or time\n');
      const r = await runCli([...args, '--engine', 'duckdb', '--rejects', file, '-q']);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(file, 'utf8'), args[0]).toBe('file,row,column,value,reason\n');
    }
  });

  it('duckdb refuses a --duration column holding a value that is no number, in words (was DuckDB\'s Conversion Error), for survival and compare', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-sql-durations-'));
    const file = path.join(dir, 'tenure.csv');
    writeFileSync(file, 'id,tenure,churned,plan\na,5,1,x\nb,x7,0,y\nc,3,1,x\nd,10,0,y\n');
    const said = `kohort: ${file}, column "tenure": 1 value of --duration is no number ("x7"): the memory engine leaves such customers out and lists them in --rejects, the SQL engines cannot; correct or blank those values, or use --engine memory\n`;
    for (const args of [['survival', file], ['compare', file, '--by', 'plan']]) {
      const r = await runCli([...args, '--id', 'id', '--duration', 'tenure', '--event', 'churned=1', '--engine', 'duckdb', '-q']);
      expect([r.code, r.stderr], args[0]).toEqual([2, said]);
    }
    // Blank and NA durations are missing, as in memory: the same curve on both engines.
    writeFileSync(file, 'id,tenure,churned\na,5,1\nb,NA,0\nc,3.5,1\nd,,0\ne,10,0\n');
    const args = ['survival', file, '--id', 'id', '--duration', 'tenure', '--event', 'churned=1', '--format', 'csv', '-q'];
    expect((await runCli([...args, '--engine', 'duckdb'])).stdout).toBe((await runCli(args)).stdout);
  });

  it('postgres without --url says what it needs', async () => {
    const r = await runCli(['matrix', '--engine', 'postgres', '--table', 'events']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--engine postgres needs --url/);
  });

  it('the memory engine refuses an input larger than memory, pointing to --engine duckdb', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-fit-'));
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, `customer_id,event_time\n${'c1,2024-01-01\n'.repeat(200_000)}`);
    process.env.KOHORT_MEMORY_MB = '1';
    try {
      const r = await runCli(['matrix', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/needs about \d+ MB in memory.*--engine duckdb/);
    } finally {
      delete process.env.KOHORT_MEMORY_MB;
    }
  });
});

describe('kohort survival and crr --engine duckdb', () => {
  it.each([
    ['survival', customers, '--signup', 'signup_at', '--churn', 'churned_at', '--by', 'channel', '--format', 'json'],
    ['crr', customers, '--signup', 'signup_at', '--churn', 'churned_at', '--period', 'quarter', '--by', 'plan', '--format', 'csv'],
  ])('%s gives the memory engine\'s output', async (...args) => {
    const base = [...args, '--id', 'customer_id', '-q'];
    const mem = await runCli(base);
    const duck = await runCli([...base, '--engine', 'duckdb']);
    expect(duck.stderr).toBe('');
    expect(duck.code).toBe(0);
    const strip = (s: string): string => (args[0] === 'survival' ? JSON.stringify({ ...JSON.parse(s), report: undefined }) : s);
    expect(strip(duck.stdout)).toBe(strip(mem.stdout));
  });
});

describe('kohort sql', () => {
  it.each(['duckdb', 'postgres', 'clickhouse', 'bigquery', 'snowflake', 'trino', 'spark'])('prints the %s SQL', async (dialect) => {
    const r = await runCli(['sql', '--dialect', dialect, '--table', 'analytics.events', '--customers-table', 'crm.customers', '--cohort', 'month,channel', '--tz', 'Europe/Berlin', '--as-of', '2024-07-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-- kohort classic retention matrix/);
    expect(r.stdout).toContain('Europe/Berlin');
    expect(r.stdout).toMatch(/UNION ALL/);
  });

  it('prints the lifetimes SQL of survival and crr (--analysis)', async () => {
    const r = await runCli(['sql', '--dialect', 'postgres', '--analysis', 'survival', '--customers-table', 'customers', '--signup', 'signup_at', '--churn', 'churned_at', '--by', 'plan', '--as-of', '2024-01-01']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^-- kohort survival lifetimes, postgres dialect/);
    expect(r.stdout).toContain('"plan"');
    const c = await runCli(['sql', '--dialect', 'snowflake', '--analysis', 'crr', '--customers-table', 'customers', '--signup', 'signup_at', '--churn', 'churned_at', '--period', 'quarter']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/sp, cp/);
  });

  it('rejects an unknown dialect', async () => {
    const r = await runCli(['sql', '--dialect', 'oracle', '--table', 'events']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/oracle/);
  });
});
