import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);

/** 200 activity rows over two months; `bad` of them have an unreadable time. */
function timesWithBad(bad: number, missing = 0): string {
  const rows = ['id,time'];
  for (let i = 0; i < 200; i++) {
    const t = i < bad ? `2024-13-${10 + i}` : i < bad + missing ? '' : `2024-0${1 + (i % 2)}-1${i % 10}`;
    rows.push(`c${i % 40},${t}`);
  }
  return `${rows.join('\n')}\n`;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-rejects-'));
  writeFileSync(file('en.csv'), 'id,time,amount\na,2024-01-05,"1,000.50"\na,2024-02-05,500.25\nb,2024-01-07,"2,000.00"\n');
  writeFileSync(file('de.csv'), 'id;time;amount\na;2024-01-05;1.000,50\na;2024-02-05;500,25\nb;2024-01-07;2.000,00\n');
  writeFileSync(file('comma.csv'), 'id;time;amount\na;2024-01-05;2,5\na;2024-02-05;1,25\nb;2024-01-07;3\n');
  writeFileSync(file('mixed-marks.csv'), 'id,time,amount\na,2024-01-05,"1,000.50"\na,2024-02-05,"2,5"\n');
  writeFileSync(file('no-amounts.csv'), 'id,time,amount\na,2024-01-05,abc\na,2024-02-05,n/k\nb,2024-01-07,\n');
  writeFileSync(file('thousands.csv'), 'id,time,amount\na,2024-01-05,"1,000"\na,2024-02-05,"2,000"\n');
  writeFileSync(file('de-thousands.csv'), 'id;time;amount\na;2024-01-05;1.000\na;2024-02-05;2.000\n');
  writeFileSync(file('bad1.csv'), timesWithBad(1));
  writeFileSync(file('bad3.csv'), timesWithBad(3));
  writeFileSync(file('missing.csv'), timesWithBad(0, 100));
  writeFileSync(file('bad-amount.csv'), `id,time,amount\n${Array.from({ length: 200 }, (_, i) => `c${i % 9},2024-01-0${1 + (i % 9)},${i === 7 ? 'twelve' : i}`).join('\n')}\n`);
});

const revenue = (f: string, ...more: string[]) =>
  runCli(['matrix', file(f), '--id', 'id', '--time', 'time', '--amount', 'amount', '--mode', 'revenue', '--as-of', '2024-03-01', '--format', 'tidy-csv', '-q', ...more]);

/** The value of the cell at offset 1 of the first cohort, from tidy CSV. */
const offset1 = (csv: string): number => Number(csv.split('\n')[2].split(',')[4]);

describe('locale numbers in amounts', () => {
  it('reads "1,000.50" (thousands, decimal point): revenue retention is not 0', async () => {
    const r = await revenue('en.csv');
    expect(r.code).toBe(0);
    expect(offset1(r.stdout)).toBeCloseTo(500.25 / 3000.5, 12);
  });

  it('sniffs "1.000,50" (decimal comma) in a semicolon file', async () => {
    const r = await revenue('de.csv');
    expect(r.code).toBe(0);
    expect(offset1(r.stdout)).toBeCloseTo(500.25 / 3000.5, 12);
  });

  it('sniffs "2,5" as two and a half', async () => {
    const r = await revenue('comma.csv');
    expect(r.code).toBe(0);
    expect(offset1(r.stdout)).toBeCloseTo(1.25 / 5.5, 12);
  });

  it('fails on a column needing both marks, naming both, unless --decimal is given', async () => {
    const r = await revenue('mixed-marks.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"1,000.50".*"2,5".*--decimal/);
    const given = await revenue('mixed-marks.csv', '--decimal', '.', '--max-rejects', '100%');
    expect(given.code).toBe(0);
  });

  it('reads "1.000" as a thousand with --decimal , although the CSV column looks like numbers', async () => {
    const r = await revenue('de-thousands.csv', '--decimal', ',');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1].split(',')[6]).toBe('1000');
    expect(offset1(r.stdout)).toBeCloseTo(2, 12);
  });

  it('asks for --decimal when every value reads both ways ("1,000"), and reads it when given', async () => {
    const r = await revenue('thousands.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"1,000"');
    const dot = await revenue('thousands.csv', '--decimal', '.');
    expect(offset1(dot.stdout)).toBeCloseTo(2, 12);
    const comma = await revenue('thousands.csv', '--decimal', ',');
    expect(offset1(comma.stdout)).toBeCloseTo(2, 12);
  });

  it('fails when no amount at all can be read (exit 2, not a revenue of 0)', async () => {
    const r = await revenue('no-amounts.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no-amounts.csv, row 1, column "amount": no value of the amount column could be read as a number, e.g. "abc"/);
  });
});

describe('the reject policy', () => {
  const matrix = (f: string, ...more: string[]) => runCli(['matrix', file(f), '--id', 'id', '--time', 'time', '--as-of', '2024-03-01', ...more]);

  it('skips and reports 1 unreadable time in 200 rows (0.5%, under the default 1%)', async () => {
    const r = await matrix('bad1.csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('rejected 1 row with unreadable values ("time" 1; within --max-rejects 1%)');
  });

  it('fails on 3 in 200 (1.5%) with one line naming the file, row, column and value', async () => {
    const r = await matrix('bad3.csv');
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`kohort: ${file('bad3.csv')}, row 1, column "time": "2024-13-10" is not a date or time; unreadable values in 3 of 200 rows, more than --max-rejects 1%; pass --rejects FILE to list them, or --max-rejects to skip them`);
  });

  it.each([
    ['5%', 'bad3.csv', 0],
    ['1000', 'bad3.csv', 0],
    ['3', 'bad3.csv', 0],
    ['2', 'bad3.csv', 2],
    ['0', 'bad1.csv', 2],
    ['0%', 'bad1.csv', 2],
  ])('--max-rejects %s on %s exits %i', async (limit, f, code) => {
    expect((await matrix(f, '--max-rejects', limit, '-q')).code).toBe(code);
  });

  it.each(['abc', '-1', '101%', '5 %', '1.5', '', '1e3', '%'])('refuses --max-rejects %j with exit 2', async (limit) => {
    const r = await matrix('bad1.csv', '--max-rejects', limit);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-rejects');
  });

  it.each([';', 'x', '..', ''])('refuses --decimal %j with exit 2', async (mark) => {
    const r = await matrix('bad1.csv', '--decimal', mark);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--decimal');
  });

  it('never fails on missing values: 100 empty times of 200 are left out and counted', async () => {
    const r = await matrix('missing.csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('left out 100: missing time');
  });

  it('--rejects FILE lists each rejected value with its row, column and reason (also when the run fails)', async () => {
    const out = file('rejects.csv');
    const r = await matrix('bad3.csv', '--rejects', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('listed in the --rejects file');
    expect(readFileSync(out, 'utf8')).toBe(
      'file,row,column,value,reason\n' +
        [1, 2, 3].map((i) => `${file('bad3.csv')},${i},time,2024-13-${9 + i},is not a date or time`).join('\n') + '\n',
    );
  });

  it('--rejects FILE is written also when a year-9999 time then refuses the run (no --as-of)', async () => {
    writeFileSync(file('never.csv'), 'id,time\na,2023-01-05\na,2023-02-30\nb,2023-01-20\nb,9999-12-31\nc,2023-02-01\n');
    const out = file('never-rejects.csv');
    const r = await runCli(['matrix', file('never.csv'), '--rejects', out, '--max-rejects', '50%']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"9999-12-31" is a date in the year 9999');
    expect(readFileSync(out, 'utf8')).toBe(`file,row,column,value,reason\n${file('never.csv')},2,time,2023-02-30,is not a date or time\n`);
  });

  // Before: the refusal came while parsing, before the rejects were listed, and a stale file stayed in place (DuckDB wrote it).
  it('--rejects FILE is written (header only) also when a column is refused while read: ymdExceptRows, smallNumbersNotTimes', async () => {
    writeFileSync(file('ymd-bad.csv'), 'id,time\na,20230105\na,20230210\nb,20230230\nc,20230201\n');
    writeFileSync(file('small.csv'), 'id,time\na,5\na,20\nb,3\nc,40\n');
    for (const [name, code] of [['ymd-bad.csv', 'YYYYMMDD dates'], ['small.csv', 'only whole numbers']]) {
      const out = file(`stale-${name}`);
      writeFileSync(out, 'stale\n');
      const r = await runCli(['matrix', file(name), '--rejects', out]);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toContain(code);
      expect(readFileSync(out, 'utf8'), name).toBe('file,row,column,value,reason\n');
    }
    // The rejects of a column read before the refused one are listed.
    writeFileSync(file('act-reject.csv'), 'id,time\na,2023-01-05\na,2023-02-30\nb,2023-01-20\n');
    writeFileSync(file('cus-ymd-bad.csv'), 'id,signup\na,20230105\nb,20230230\nc,20230201\n');
    const out = file('two-rejects.csv');
    const r = await runCli(['matrix', file('act-reject.csv'), '--customers', file('cus-ymd-bad.csv'), '--signup', 'signup', '--anchor', 'signup', '--rejects', out, '--max-rejects', '50%']);
    expect(r.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe(`file,row,column,value,reason\n${file('act-reject.csv')},2,time,2023-02-30,is not a date or time\n`);
  });

  it('an unreadable amount is a reject: skipped in sums and reported', async () => {
    const r = await runCli(['matrix', file('bad-amount.csv'), '--id', 'id', '--time', 'time', '--amount', 'amount', '--mode', 'revenue', '--rejects', file('amount-rejects.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('rejected 1 row with unreadable values ("amount" 1');
    expect(readFileSync(file('amount-rejects.csv'), 'utf8').split('\n')[1]).toBe(`${file('bad-amount.csv')},8,amount,twelve,is not a number`);
  });
});
