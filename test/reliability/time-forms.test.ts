import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);
const run = (f: string, ...more: string[]) => runCli(['matrix', file(f), '--id', 'id', '--time', 'time', '--format', 'tidy-csv', ...more]);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-times-'));
  // 2024-01-05 in seconds, 2024-02-06 in milliseconds.
  writeFileSync(file('epochs.csv'), 'id,time\na,1704412800\nb,1704412800\na,1707177600000\n');
  writeFileSync(file('epoch-text.csv'), 'id,time\na,"1704412800"\nb,x\na,"1707177600000"\n');
  writeFileSync(file('epochs.ndjson'), '{"id":"a","time":1704412800}\n{"id":"a","time":1707177600000}\n');
  writeFileSync(file('forms.csv'), 'id,time\na,2024-01-05\nb,2024-01-06\na,16/02/2024\n');
  writeFileSync(file('slash.csv'), 'id,time\na,2024/01/05\nb,2024/01/06\na,2024/02/11\n');
  writeFileSync(file('dmy.csv'), 'id,time\na,15/01/2024\nb,16/01/2024\na,11/02/2024\n');
});

describe('time columns that mix forms', () => {
  it('epoch seconds and milliseconds in a number column: exit 2 naming two rows (no 1970 cohort)', async () => {
    const r = await run('epochs.csv');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      `kohort: ${file('epochs.csv')}, column "time": the time column mixes epoch seconds (row 1: "1704412800") and epoch milliseconds (row 3: "1707177600000"); pass --date-format to say which is meant`,
    );
  });

  it('the same in text and in NDJSON', async () => {
    for (const f of ['epoch-text.csv', 'epochs.ndjson']) {
      const r = await run(f, '--max-rejects', '50%');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/mixes epoch seconds \(row 1: "1704412800"\) and epoch milliseconds \(row [23]: "1707177600000"\)/);
    }
  });

  it('--date-format EPOCH-S reads them all as seconds (the millisecond row is then far after --as-of)', async () => {
    const r = await run('epochs.csv', '--date-format', 'EPOCH-S', '--max-rejects', '50%', '--as-of', '2024-03-01');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('left out 1: after --as-of');
    expect(r.stdout.split('\n')[1]).toMatch(/^2024-01,0,2,2,1,/);
  });

  it('ISO dates and D/M/YYYY dates: exit 2 naming a row of each', async () => {
    const r = await run('forms.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mixes YYYY-MM-DD (row 1: "2024-01-05") and D/M/YYYY (row 3: "16/02/2024")');
  });

  it('with --date-format the other form is rejected by the policy', async () => {
    expect((await run('forms.csv', '--date-format', 'YYYY-MM-DD')).code).toBe(2);
    const r = await run('forms.csv', '--date-format', 'YYYY-MM-DD', '--max-rejects', '1');
    expect(r.code).toBe(0);
  });

  it('reads 2024/02/11 (unambiguous year first)', async () => {
    const r = await run('slash.csv', '--as-of', '2024-03-01', '-q');
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').slice(1, 3);
    expect(rows[0]).toMatch(/^2024-01,0,2,2,1,true,2024-01(,|$)/);
    expect(rows[1]).toMatch(/^2024-01,1,2,1,0.5,true,2024-02(,|$)/);
    const given = await run('slash.csv', '--as-of', '2024-03-01', '-q', '--date-format', 'YYYY/MM/DD');
    expect(given.stdout).toBe(r.stdout);
  });

  it('one form throughout is fine (D/M/YYYY)', async () => {
    const r = await run('dmy.csv', '--as-of', '2024-03-01', '-q');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^2024-01,0,2,2,1,true,2024-01(,|$)/);
  });
});

describe('spreadsheet date-times', () => {
  it('a US export with a 12-hour clock (1/25/2024 11:30 PM) lands on its day, in the zone', async () => {
    writeFileSync(file('us-ampm.csv'), 'id,time\na,1/25/2024 11:30 PM\nb,1/31/2024 11:30 PM\na,2/14/2024 12:15 AM\n');
    const utc = await run('us-ampm.csv', '--as-of', '2024-03-01', '--period', 'day', '--cohort', 'day', '--max-offset', '0', '-q');
    expect(utc.code, utc.stderr).toBe(0);
    expect(utc.stdout.split('\n').slice(1, 3).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['2024-01-25,0,1,1', '2024-01-31,0,1,1']);
    // 11:30 PM in New York is the next day in UTC: read as New York wall clock, the day stays.
    const ny = await run('us-ampm.csv', '--as-of', '2024-03-01', '--tz', 'America/New_York', '--max-offset', '1', '-q');
    expect(ny.stdout.split('\n').slice(1, 3).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['2024-01,0,2,2', '2024-01,1,2,1']);
  });

  it('a year first with 1-digit month and day (2024/1/5, Excel in ja/zh locales)', async () => {
    writeFileSync(file('ja.csv'), 'id,time\na,2024/1/5\nb,2024/1/31 9:05\na,2024/2/6\n');
    const r = await run('ja.csv', '--as-of', '2024-03-01', '-q');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(1, 3).map((l) => l.split(',').slice(0, 5).join(','))).toEqual(['2024-01,0,2,2,1', '2024-01,1,2,1,0.5']);
  });
});

describe('database exports that write NULL for an absent time', () => {
  it('kohort crr: a churn column of NULL and \\N is "not churned", not 7 unreadable rows', async () => {
    writeFileSync(
      file('crm.csv'),
      'id,signup_at,churned_at\na,2024-01-05,NULL\nb,2024-01-07,2024-02-10\nc,2024-02-01,\\N\nd,2024-02-03,NULL\ne,2024-02-04,NaT\n',
    );
    const r = await runCli(['crr', file('crm.csv'), '--signup', 'signup_at', '--churn', 'churned_at', '--as-of', '2024-04-01', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('5 of 5 customers used: 1 churned, 4 censored');
    expect(r.stdout.split('\n')[2]).toBe('2024-02,2,3,4,1,1,50,50,50,2024-02-01');
  });
});
