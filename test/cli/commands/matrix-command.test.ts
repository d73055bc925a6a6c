import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);
const EXAMPLE = [
  'id,time',
  'a,2024-01-05', 'a,2024-02-10', 'a,2024-03-01',
  'b,2024-01-20', 'b,2024-03-15',
  'c,2024-02-01', 'c,2024-02-28',
  'd,2024-03-31T23:59Z',
].join('\n');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-cli-'));
  writeFileSync(file('example.csv'), EXAMPLE);
  writeFileSync(file('example.csv.gz'), gzipSync(EXAMPLE));
  writeFileSync(file('empty.csv'), 'id,time\n');
  writeFileSync(file('notimes.csv'), 'id,time\na,yesterday\nb,soon\n');
});

describe('kohort matrix (outputs)', () => {
  it('prints the wide CSV of the METRICS.md example', async () => {
    const r = await runCli(['matrix', file('example.csv'), '--as-of', '2024-04-01', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'cohort,cohort_size,0,1,2\n2024-01,2,1,0.5,1\n2024-02,1,1,0,\n2024-03,1,1,,\n',
    );
  });

  it('--out - writes to standard output (as - reads standard input), never a file named "-"', async () => {
    const r = await runCli(['matrix', file('example.csv'), '--as-of', '2024-04-01', '--out', '-', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('cohort,cohort_size,0,1,2\n2024-01,2,1,0.5,1\n2024-02,1,1,0,\n2024-03,1,1,,\n');
    expect(existsSync('-')).toBe(false);
  });

  it('--partial in the wide CSV warns that its cells carry no complete flag (the table marks them *, tidy-csv has complete)', async () => {
    const warning = 'kohort: warning: --partial: the wide csv cannot flag incomplete cells, so they read as observed; use --format tidy-csv (column "complete"), json or arrow, or the table (marks them *)';
    // As of March 20th, 2024-01 at k=2 and 2024-02 at k=1 are March, not over yet.
    const wide = await runCli(['matrix', file('example.csv'), '--as-of', '2024-03-20', '--partial', '--quiet']);
    expect(wide.stdout).toBe('cohort,cohort_size,0,1,2\n2024-01,2,1,0.5,1\n2024-02,1,1,0,\n');
    expect(wide.stderr.trim()).toBe(warning);
    const tidy = await runCli(['matrix', file('example.csv'), '--as-of', '2024-03-20', '--partial', '--quiet', '--format', 'tidy-csv']);
    expect(tidy.stderr).toBe('');
    expect((await runCli(['matrix', file('example.csv'), '--quiet'])).stderr).toBe('');
  });

  it('reads gzip transparently and gives the same tidy CSV', async () => {
    const a = await runCli(['matrix', file('example.csv'), '--format', 'tidy-csv', '-q']);
    const b = await runCli(['matrix', file('example.csv.gz'), '--format', 'tidy-csv', '-q']);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout.split('\n')[0]).toBe('cohort,offset,cohort_size,active,value,complete,period,cohort_start,period_start');
  });

  it('writes JSON with spec, as_of, rows, report (snake_case keys, as every command)', async () => {
    const r = await runCli(['matrix', file('example.csv'), '--format', 'json', '-q']);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['spec', 'as_of', 'rows', 'average', 'report']);
    expect(doc.as_of).toBe('2024-04-01T00:00:00.000Z');
    expect(doc.rows[1]).toEqual({
      cohort: '2024-01', offset: 1, cohort_size: 2, active: 1, value: 0.5, complete: true, period: '2024-02',
    });
    expect(doc.report.rows_used).toBe(8);
  });

  it('writes Arrow IPC that apache-arrow reads, atomically, leaving no temp file', async () => {
    const out = file('m.arrow');
    const r = await runCli(['matrix', file('example.csv'), '--format', 'arrow', '--out', out, '-q']);
    expect(r.code).toBe(0);
    const t = tableFromIPC(readFileSync(out));
    expect(t.numRows).toBe(6);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['cohort', 'offset', 'cohort_size', 'active', 'value', 'complete', 'period', 'cohort_start', 'period_start']);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('defaults to a table on a terminal, with the load report on stderr', async () => {
    const r = await runCli(['matrix', file('example.csv')], { tty: true });
    expect(r.stdout).toContain('average');
    expect(r.stdout).toContain('50.0%');
    expect(r.stderr).toContain('read 8 rows of activity');
  });

  it('prints timings as one JSON line', async () => {
    const r = await runCli(['matrix', file('example.csv'), '--timings', '-q']);
    const line = r.stderr.split('\n').find((l) => l.startsWith('timings '))!;
    expect(Object.keys(JSON.parse(line.slice(8)))).toEqual(['load', 'compute', 'export', 'total']);
  });
});

describe('kohort matrix --cohort (a customers column of text)', () => {
  it('keeps a cohort column whose every value is a missing-value marker ("-", "N/A", "NaN") as its text, not one blank cohort', async () => {
    writeFileSync(file('marker-events.csv'), 'id,t\n1,2024-01-02\n2,2024-02-03\n3,2024-02-04\n');
    for (const marker of ['-', 'N/A', 'NaN']) {
      writeFileSync(file('marker-customers.csv'), `id,signup,channel\n1,2024-01-01,${marker}\n2,2024-01-05,${marker}\n3,2024-02-01,${marker}\n`);
      const r = await runCli(['matrix', file('marker-events.csv'), '--customers', file('marker-customers.csv'), '--id', 'id', '--signup', 'signup', '--time', 't', '--cohort', 'channel', '--format', 'csv', '-q']);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n').slice(0, 2)).toEqual(['channel,cohort_size,0,1', `${marker},3,0.5,`]);
    }
  });
});

describe('kohort matrix (bad input: exit 2, one line naming file and column, nothing written)', () => {
  const cases: [string, string[], RegExp][] = [
    ['a missing column', ['--time', 'when'], /example\.csv, column "when": no column "when" for activity time; the columns are "id", "time"/],
    ['an unknown --mode', ['--mode', 'weekly'], /--mode.*weekly.*(invalid|not one of)/],
    ['a bad --max-offset', ['--max-offset', 'x'], /--max-offset expects a whole number/],
    ['a bad --where', ['--where', 'time'], /--where "time" is not/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const out = file('never.csv');
    const r = await runCli(['matrix', file('example.csv'), ...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('--time on a column of small whole numbers (tenure 0-72): refused, naming the column and kohort survival --duration, not a matrix "as of 1970-01-02"', async () => {
    writeFileSync(file('tenure.csv'), 'id,tenure,Churn\na,0,Yes\nb,10,No\nc,72,Yes\nd,5,No\n');
    const r = await runCli(['matrix', file('tenure.csv'), '--id', 'id', '--time', 'tenure']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `kohort: ${file('tenure.csv')}, column "tenure": the column holds only whole numbers, 0 to 72, not times (as epoch seconds they would all fall in the first days of 1970). ` +
        'If they are lifetimes (such as months of tenure), kohort survival --duration "tenure" --event "<column>=<value>" draws their survival curves; ' +
        'years (2024) or year-months (202401) are no times either: write them as dates (2024-01-01); only if they really are seconds since 1970, pass --date-format EPOCH-S\n',
    );
    // A column of years: no thousands separator in the numbers, and no advice that reads them as other dates.
    writeFileSync(file('years.csv'), 'id,year\na,2019\nb,2021\n');
    const years = await runCli(['matrix', file('years.csv'), '--id', 'id', '--time', 'year']);
    expect(years.stderr).toContain('only whole numbers, 2019 to 2021, not times');
    expect(years.stderr).not.toContain('EXCEL');
    // Real epoch seconds still read.
    writeFileSync(file('epoch.csv'), 'id,t\na,1704067200\nb,1706745600\n');
    expect((await runCli(['matrix', file('epoch.csv'), '--id', 'id', '--time', 't', '-q'])).stdout.split('\n')[1]).toMatch(/^2024-01,1,/);
  });

  it('--time on a column of small whole numbers, --engine duckdb: the same refusal as memory\'s, real epoch seconds still read', async () => {
    writeFileSync(file('tenure-sql.csv'), 'id,tenure,Churn\na,0,Yes\nb,10,No\nc,72,Yes\nd,5,No\n');
    const args = (f: string, t: string): string[] => ['matrix', file(f), '--id', 'id', '--time', t, '--format', 'csv', '--out', '-', '-q'];
    const memory = await runCli(args('tenure-sql.csv', 'tenure'));
    const duckdb = await runCli([...args('tenure-sql.csv', 'tenure'), '--engine', 'duckdb']);
    expect(duckdb.code).toBe(2);
    expect(duckdb.stdout).toBe('');
    expect(duckdb.stderr).toBe(memory.stderr);
    expect(duckdb.stderr).toMatch(/column "tenure": the column holds only whole numbers, 0 to 72, not times/);
    writeFileSync(file('epoch-sql.csv'), 'id,t\na,1704067200\nb,1706745600\n');
    const epoch = await runCli([...args('epoch-sql.csv', 't'), '--engine', 'duckdb']);
    expect(epoch.stdout).toBe((await runCli(args('epoch-sql.csv', 't'))).stdout);
    expect(epoch.stdout.split('\n')[1]).toMatch(/^2024-01,1,/);
  });

  it('a mistyped --cohort or --where column with --customers: each file\'s columns under its own name, the suggestion from both', async () => {
    writeFileSync(file('people.csv'), 'id,signup,channel\na,2024-01-01,ads\nb,2024-01-02,seo\n');
    const people = `${file('people.csv')} are "id", "signup", "channel"`;
    const events = `${file('example.csv')} are "id", "time"`;
    const args = ['matrix', file('example.csv'), '--customers', file('people.csv'), '--signup', 'signup'];
    const cohort = await runCli([...args, '--cohort', 'chanel']);
    expect(cohort.code).toBe(2);
    expect(cohort.stderr).toBe(`kohort: column "chanel": no column "chanel" for cohort attribute; the columns of ${people}; those of ${events}. Did you mean "channel"?\n`);
    const where = await runCli([...args, '--where', 'tmie > 2024-01-01']);
    expect(where.stderr).toBe(`kohort: column "tmie": no column "tmie" for filter (--where); the columns of ${events}; those of ${people}. Did you mean "time"?\n`);
  });

  it.each([
    ['an unreadable file', 'nope.csv', /nope\.csv: cannot read the file \(no such file/],
    ['an empty file', 'empty.csv', /empty\.csv: the file has no data rows/],
    ['a file where no time parses', 'notimes.csv', /notimes\.csv, column "time": no value of the time column could be read as a date, e.g. "yesterday"/],
  ])('%s', async (_name, name, message) => {
    const out = file('never.csv');
    const r = await runCli(['matrix', file(name), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses binary Arrow on a terminal', async () => {
    const r = await runCli(['matrix', file('example.csv'), '--format', 'arrow'], { tty: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format arrow is binary');
  });
});
