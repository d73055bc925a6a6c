import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SAMPLE = path.resolve(__dirname, '../../datasets/sample');
const activity = path.join(SAMPLE, 'activity.csv');
const customers = path.join(SAMPLE, 'customers.csv');

describe('kohort run with an engine section', () => {
  it('replays `kohort matrix --engine duckdb --print-spec` to the same bytes, and the memory run gives them too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-engine-spec-'));
    const args = ['matrix', activity, '--customers', customers, '--cohort', 'month,channel', '--anchor', 'first-activity', '--format', 'csv', '-q'];
    const direct = path.join(dir, 'direct.csv');
    expect((await runCli([...args, '--engine', 'duckdb', '--duckdb-memory', '1GB', '--out', direct])).code).toBe(0);
    const printed = await runCli([...args, '--engine', 'duckdb', '--duckdb-memory', '1GB', '--out', path.join(dir, 'replay.csv'), '--print-spec']);
    expect(printed.code, printed.stderr).toBe(0);
    const spec = JSON.parse(printed.stdout);
    expect(spec.engine).toEqual({ name: 'duckdb', memoryLimit: '1GB' });
    writeFileSync(path.join(dir, 'spec.json'), printed.stdout);
    const run = await runCli(['run', path.join(dir, 'spec.json'), '-q']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'replay.csv'), 'utf8')).toBe(readFileSync(direct, 'utf8'));
    // The same spec on the memory engine (--engine overrides the section): the same numbers.
    const mem = await runCli(['run', path.join(dir, 'spec.json'), '--engine', 'memory', '-q']);
    expect(mem.code, mem.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'replay.csv'), 'utf8')).toBe(readFileSync(direct, 'utf8'));
  });

  it('runs every analysis of a spec on duckdb: the same outputs as in memory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-engine-spec-'));
    const spec = (engine: string, out: string) => ({
      input: { activity, customers },
      engine: { name: engine },
      analyses: [
        { kind: 'matrix', cohort: ['month', 'channel'], anchor: 'first-activity', outputs: [{ format: 'csv', table: 'tidy', file: path.join(dir, `${out}-m.csv`) }] },
        { kind: 'survival', columns: { signup: 'signup_at', churn: 'churned_at' }, by: ['plan'], outputs: [{ format: 'csv', file: path.join(dir, `${out}-s.csv`) }] },
        { kind: 'crr', columns: { signup: 'signup_at', churn: 'churned_at' }, period: 'quarter', outputs: [{ format: 'csv', file: path.join(dir, `${out}-c.csv`) }] },
      ],
    });
    for (const [engine, out] of [['memory', 'mem'], ['duckdb', 'duck']]) {
      writeFileSync(path.join(dir, `${out}.json`), JSON.stringify(spec(engine, out)));
      const r = await runCli(['run', path.join(dir, `${out}.json`), '-q']);
      expect(r.code, r.stderr).toBe(0);
    }
    for (const part of ['m', 's', 'c']) {
      const mem = readFileSync(path.join(dir, `mem-${part}.csv`), 'utf8');
      expect(mem.split('\n').length).toBeGreaterThan(5);
      expect(readFileSync(path.join(dir, `duck-${part}.csv`), 'utf8'), part).toBe(mem);
    }
  });

  it('names the spec field when the section is wrong, and the flag on the command line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-engine-spec-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ engine: { name: 'postgres', table: 'events' }, analyses: [{ kind: 'matrix', outputs: [{ format: 'csv' }] }] }));
    const r = await runCli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: engine\.url: missing: "postgres" needs the server/);
    writeFileSync(file, JSON.stringify({ engine: { name: 'sqlite' }, analyses: [{ kind: 'matrix', outputs: [{ format: 'csv' }] }] }));
    expect((await runCli(['run', file])).stderr).toMatch(/engine\.name: must be one of "memory", "duckdb", "postgres", "clickhouse"/);
    writeFileSync(file, JSON.stringify({ input: { activity }, analyses: [{ kind: 'matrix', outputs: [{ format: 'csv' }] }] }));
    const flag = await runCli(['run', file, '--engine', 'postgres', '--table', 'events']);
    expect(flag.stderr).toMatch(/--engine postgres needs --url/);
  });
});

describe('--print-spec with a server engine', () => {
  it('prints the engine section without the password of --url, and says so', async () => {
    const r = await runCli(['matrix', '--engine', 'postgres', '--url', 'postgres://ana:s3cret@db:5432/app', '--table', 'events', '--customers-table', 'customers', '--print-spec']);
    expect(r.code, r.stderr).toBe(0);
    const spec = JSON.parse(r.stdout);
    expect(spec.engine).toEqual({ name: 'postgres', url: 'postgres://ana@db:5432/app', table: 'events', customersTable: 'customers' });
    expect(spec.analyses[0].input).toBeUndefined();
    expect(r.stdout + r.stderr).not.toContain('s3cret');
    expect(r.stderr).toMatch(/password of --url is left out of the printed spec; kohort run reads it from PGPASSWORD/);
  });
});

describe('kohort report --engine duckdb', () => {
  it('writes the memory engine\'s page, and names on stderr a part the engine cannot compute yet', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-engine-report-'));
    const base = ['report', activity, '--customers', customers, '--by', 'plan', '--modes', 'classic,revenue', '--amount', 'amount'];
    const mem = await runCli([...base, '--out', path.join(dir, 'mem.html')]);
    expect(mem.code, mem.stderr).toBe(0);
    const duck = await runCli([...base, '--out', path.join(dir, 'duck.html'), '--engine', 'duckdb']);
    expect(duck.code, duck.stderr).toBe(0);
    expect(duck.stderr).toContain('read 2,000 rows of customers');
    const html = (f: string): string => readFileSync(path.join(dir, f), 'utf8');
    // Every part up to the tables of reasons and value; those are the SQL engine's own once it
    // computes them, else left out with a note naming them.
    const cut = (s: string): string => s.slice(0, Math.max(s.indexOf('<section id="table-'), s.indexOf('<section id="notes"')));
    expect(cut(html('mem.html'))).toMatch(/<section id="survival"/);
    expect(cut(html('duck.html'))).toBe(cut(html('mem.html')));
    if (!html('duck.html').includes('<section id="table-')) {
      expect(duck.stderr).toMatch(/note: left out of the report: Value of churned and retained customers: not computed on the duckdb engine yet/);
    } else {
      expect(html('duck.html')).toBe(html('mem.html'));
    }
  }, 300_000);

  it('runs on a server from --table / --customers-table without input files (and says what it needs)', async () => {
    const r = await runCli(['report', '--engine', 'postgres', '--table', 'events']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--engine postgres needs --url/);
  });
});

describe('the run summary of a SQL engine', () => {
  it.each([
    ['survival', customers, '--signup', 'signup_at', '--churn', 'churned_at', '--by', 'plan'],
    ['crr', customers, '--signup', 'signup_at', '--churn', 'churned_at', '--period', 'quarter'],
  ])('%s --engine duckdb says what the memory engine says (rows read, customers found and used)', async (...args) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-engine-summary-'));
    const run = (engine: string) => runCli([...args, '--format', 'csv', '--out', path.join(dir, `${engine}.csv`), '--engine', engine]);
    const mem = await run('memory');
    const duck = await run('duckdb');
    expect(mem.stderr).toMatch(/read 2,000 rows of customers .*\ncolumns: customers id "customer_id", signup "signup_at", churn "churned_at"\n2,000 of 2,000 customers used/);
    expect(duck.stderr).toBe(mem.stderr);
  });
});

describe('a server that cannot be reached', () => {
  it('is named in the message without the password of --url', async () => {
    for (const [engine, url] of [['postgres', 'postgres://ana:s3cret@127.0.0.1:1/db'], ['clickhouse', 'http://ana:s3cret@127.0.0.1:1/'], ['clickhouse', 'http://127.0.0.1:1/?password=s3cret']]) {
      const r = await runCli(['matrix', '--engine', engine, '--url', url, '--table', 'events']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^kohort: ${engine}: .*127\\.0\\.0\\.1`));
      expect(r.stderr).not.toContain('s3cret');
    }
  });
});

describe('kohort run --check with an engine section', () => {
  it('plans every analysis against the tables the engine describes, without computing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-engine-check-'));
    const file = path.join(dir, 'spec.json');
    const spec = (cohort: string[]) => ({
      input: { activity, customers },
      engine: { name: 'duckdb' },
      analyses: [{ kind: 'matrix', cohort, outputs: [{ format: 'csv', file: path.join(dir, 'm.csv') }] }],
    });
    writeFileSync(file, JSON.stringify(spec(['month', 'channel'])));
    const ok = await runCli(['run', '--check', file]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/ok, 1 analysis and 1 output\n$/);
    writeFileSync(file, JSON.stringify(spec(['month', 'chanel'])));
    const bad = await runCli(['run', '--check', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/analyses\[0\]: .*"chanel"/);
  });
});
