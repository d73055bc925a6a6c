import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

/** A folder holding the named files. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-shared-load-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Run a spec of the given analyses over `input` in `dir`; each analysis writes CSV to out<i>.csv. */
async function runSpec(dir: string, input: object, analyses: object[]): Promise<string[]> {
  const spec = { input, analyses: analyses.map((a, i) => ({ ...a, asOf: '2024-04-01', outputs: [{ format: 'csv', file: path.join(dir, `out${i}.csv`) }] })) };
  const file = path.join(dir, `spec${analyses.length}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const r = await runCli(['run', file, '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return analyses.map((_, i) => readFileSync(path.join(dir, `out${i}.csv`), 'utf8'));
}

describe('runAnalyses (kohort run): analyses of the same files share one load', () => {
  it('ids stay text: 007 and 7 are two customers with two analyses as with one, and as kohort matrix counts them', async () => {
    const dir = folder({ 'a.csv': 'id,time\n007,2024-01-05\n007,2024-02-10\n7,2024-01-20\n7,2024-03-15\n' });
    const input = { activity: path.join(dir, 'a.csv') };
    const [alone] = await runSpec(dir, input, [{ kind: 'matrix' }]);
    const [classic, unbounded] = await runSpec(dir, input, [{ kind: 'matrix' }, { kind: 'matrix', mode: 'unbounded' }]);
    const matrix = await runCli(['matrix', input.activity, '--as-of', '2024-04-01', '-q', '--format', 'csv']);
    expect(alone).toMatch(/^cohort,cohort_size,.*\n2024-01,2,/);
    expect(classic).toBe(alone);
    expect(classic).toBe(matrix.stdout);
    expect(unbounded).toMatch(/\n2024-01,2,/);
  });

  it('label columns stay text: zip 02139 and 2139 are two cohorts with two analyses as with one', async () => {
    const dir = folder({
      'a.csv': 'id,time\na,2024-01-05\na,2024-02-10\nb,2024-01-20\nb,2024-03-15\nc,2024-02-01\n',
      'c.csv': 'id,signup,zip,month\na,2024-01-05,02139,1\nb,2024-01-20,2139,1\nc,2024-02-01,02139,2\n',
    });
    const input = { activity: path.join(dir, 'a.csv'), customers: path.join(dir, 'c.csv') };
    const [alone] = await runSpec(dir, input, [{ kind: 'matrix', cohort: ['zip'] }]);
    const [zip] = await runSpec(dir, input, [{ kind: 'matrix', cohort: ['zip'] }, { kind: 'matrix', cohort: ['month'] }]);
    expect(alone).toMatch(/\n02139,2,/);
    expect(alone).toMatch(/\n2139,1,/);
    expect(zip).toBe(alone);
  });

  it('a column one analysis labels and another filters by order (zip < 5000): each output is its analysis run alone', async () => {
    const dir = folder({
      'a.csv': 'id,time\na,2024-01-05\na,2024-02-10\nb,2024-01-20\nb,2024-03-15\nc,2024-02-01\nd,2024-02-01\n',
      'c.csv': 'id,signup,zip,month\na,2024-01-05,02139,1\nb,2024-01-20,2139,1\nc,2024-02-01,02139,2\nd,2024-02-01,10001,2\n',
    });
    const input = { activity: path.join(dir, 'a.csv'), customers: path.join(dir, 'c.csv') };
    const label = { kind: 'matrix', cohort: ['zip'] };
    const ordered = { kind: 'matrix', where: ['zip < 5000'] };
    const [labelAlone] = await runSpec(dir, input, [label]);
    const [orderedAlone] = await runSpec(dir, input, [ordered]);
    expect(await runSpec(dir, input, [label, ordered])).toEqual([labelAlone, orderedAlone]);
    expect(orderedAlone).toMatch(/\n2024-01,2,/);
  });

  describe('a column two analyses read in two ways: each output is its analysis run alone', () => {
    const dir = folder({
      'a.csv': [
        'id,ref,time,day,amount,qty',
        '007,r1,2024-01-05,2024-01-05,10.50,1',
        '007,r1,2024-02-10,2024-02-10,10.5,2',
        '7,r2,2024-01-20,2024-01-20,007,1',
        '7,r2,2024-03-15,2024-03-15,1e1,3',
        '08,r3,2024-02-01,2024-02-01,19.00,1',
        '8,r3,2024-02-03,2024-02-03,19,2',
        '',
      ].join('\n'),
      'c.csv': [
        'id,signup,zip,plan_start,price,code',
        '007,2024-01-05,02139,2024-01-05,19.00,007',
        '7,2024-01-20,2139,2024-01-20,19,7',
        '08,2024-02-01,10001,2024-02-01,49.50,08',
        '8,2024-02-03,0,2024-02-03,49.5,8',
        '',
      ].join('\n'),
    });
    const input = { activity: path.join(dir, 'a.csv'), customers: path.join(dir, 'c.csv') };
    const alone = async (analyses: object[]): Promise<string[]> => {
      const out: string[] = [];
      for (const a of analyses) out.push(...(await runSpec(dir, input, [a])));
      return out;
    };
    const pairs: [string, object, object][] = [
      ['a date column as a label and as an ordered filter', { kind: 'matrix', cohort: ['plan_start'] }, { kind: 'matrix', where: ['plan_start >= 2024-01-15'] }],
      ['a price as a label (19.00 and 19) and as an ordered filter', { kind: 'matrix', cohort: ['price'] }, { kind: 'matrix', where: ['price > 20'] }],
      ['an id-like code as a label (007, 7, 08, 8) and as an ordered filter', { kind: 'matrix', cohort: ['code'] }, { kind: 'matrix', where: ['code < 8'] }],
      ['the activity time column as the time of one and a label of the other', { kind: 'matrix', columns: { time: 'day' } }, { kind: 'compare', by: 'day > 2024-02-01', columns: { time: 'time' } }],
      ['an amount column summed by one and compared by the other', { kind: 'matrix', mode: 'revenue', columns: { amount: 'amount' } }, { kind: 'compare', by: 'amount', columns: { amount: 'qty' } }],
      ['an amount column summed by one and filtered by order in the other', { kind: 'matrix', mode: 'revenue', columns: { amount: 'amount' } }, { kind: 'matrix', where: ['amount >= 10.5'] }],
      ['a column read as the id by one and as a label by the other', { kind: 'matrix', columns: { id: 'ref' }, input: { activity: input.activity } }, { kind: 'compare', by: 'ref' }],
    ];
    it.each(pairs)('%s', async (_name, a, b) => {
      const together = await runSpec(dir, input, [a, b]);
      expect(together).toEqual(await alone([a, b]));
      expect(await runSpec(dir, input, [b, a])).toEqual((await alone([b, a])));
    });
  });
});

