import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-attr-'));
  writeFileSync(file('c.csv'), [
    'id,signup_at,churned_at,zip,reason,nps',
    '007,2024-01-05,2024-03-01,02139,01,9',
    '7,2024-01-20,,10001,,3',
    '0070,2024-02-01,2024-02-20,02139,02,10',
    '8,2024-02-10,,02139,,7',
  ].join('\n'));
  writeFileSync(file('a.csv'), 'id,time\n007,2024-01-05\n007,2024-02-10\n7,2024-01-20\n0070,2024-02-01\n8,2024-02-11\n');
});

// A zip code, a product code or a reason code is a label: "02139" must not become 2139.
describe('attribute and segment columns are read as text', () => {
  it('kohort matrix --cohort zip', async () => {
    const r = await runCli(['matrix', file('a.csv'), '--customers', file('c.csv'), '--cohort', 'zip', '--as-of', '2024-04-01', '-q']);
    expect(r.stdout.split('\n').map((l) => l.split(',')[0])).toEqual(['zip', '02139', '10001', '']);
  });

  it('kohort compare --by zip', async () => {
    const r = await runCli(['compare', file('a.csv'), '--customers', file('c.csv'), '--by', 'zip', '--as-of', '2024-04-01', '-q']);
    expect(r.stdout.split('\n')[0]).toMatch(/^offset,02139,10001,/);
  });

  it('kohort reasons --reason reason --by zip', async () => {
    const r = await runCli(['reasons', file('c.csv'), '--reason', 'reason', '--by', 'zip', '-q']);
    expect(r.code).toBe(0);
    // Segment columns come after the reason's, even when named like integers (10001).
    expect(r.stdout.split('\n')[0]).toBe('reason,churned,share_of_all,02139,10001');
    expect(r.stdout.split('\n').slice(1, 3).map((l) => l.split(',')[0])).toEqual(['01', '02']);
  });

  it('kohort value, survival, crr and feedback --by zip', async () => {
    const runs = [
      ['value', file('c.csv'), '--value', 'nps', '--by', 'zip'],
      ['survival', file('c.csv'), '--by', 'zip'],
      ['crr', file('c.csv'), '--by', 'zip'],
      ['feedback', file('c.csv'), '--nps', 'nps', '--by', 'zip'],
    ];
    for (const args of runs) {
      const r = await runCli([...args, '-q']);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(0);
      expect(r.stdout.split('\n')[1], args[0]).toMatch(/^02139,/);
    }
  });

  it('kohort compare --by monthly_price on datasets/sample: a number column keeps number labels 19, 49, 199, as the SQL engines give', async () => {
    const r = await runCli(['compare', 'datasets/sample/activity.csv', '--customers', 'datasets/sample/customers.csv', '--by', 'monthly_price', '--format', 'json', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { groups: { key: string }[] };
    expect(doc.groups.map((g) => g.key).sort()).toEqual(['19', '199', '49']);
  });

  it('kohort matrix --cohort: 0, 0.5 and -1.0 are numbers (DuckDB sniffs a DOUBLE), 007, 00.5 or -01 make the column text', async () => {
    writeFileSync(file('n.csv'), 'id,signup_at,a,b,c,d\n1,2024-01-05,0,7,0.5,-01\n2,2024-01-20,0.5,007,00.5,0.5\n3,2024-02-01,-1.0,7,1,-1\n');
    const first = async (col: string) => {
      const r = await runCli(['matrix', file('a.csv'), '--customers', file('n.csv'), '--cohort', col, '--as-of', '2024-04-01', '-q']);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.split('\n').slice(1).map((l) => l.split(',')[0]).filter(Boolean).sort();
    };
    expect(await first('a')).toEqual(['-1', '0', '0.5']);
    expect(await first('b')).toEqual(['007', '7']);
    expect(await first('c')).toEqual(['0.5', '00.5', '1']);
    expect(await first('d')).toEqual(['-01', '-1', '0.5']);
  });

  // The reviewer's cases: labels merged on memory that DuckDB keeps apart.
  it('kohort matrix --cohort: 19-digit integers, -01 beside -1, and NA or - beside numbers stay distinct labels', async () => {
    writeFileSync(file('m.csv'), [
      'id,signup_at,big,code,tier',
      '007,2024-01-05,1234567890123456781,-01,1',
      '7,2024-01-20,1234567890123456782,5,2',
      '0070,2024-02-01,1234567890123456783,7,NA',
      '8,2024-02-10,99,-1,-',
    ].join('\n'));
    const cohorts = async (col: string) => {
      const r = await runCli(['matrix', file('a.csv'), '--customers', file('m.csv'), '--cohort', col, '--as-of', '2024-04-01', '-q']);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.split('\n').slice(1).filter(Boolean).map((l) => l.split(',').slice(0, 2).join(',')).sort();
    };
    expect(await cohorts('big')).toEqual(['1234567890123456781,1', '1234567890123456782,1', '1234567890123456783,1', '99,1']);
    expect(await cohorts('code')).toEqual(['-01,1', '-1,1', '5,1', '7,1']);
    expect(await cohorts('tier')).toEqual(['-,1', '1,1', '2,1', 'NA,1']);
  });

  it('a column that is also filtered by order stays a label: 02139 and 2139 apart, the filter compares their numbers', async () => {
    writeFileSync(file('z.csv'), 'id,signup_at,zip\n007,2024-01-05,02139\n7,2024-01-20,2139\n0070,2024-02-01,02139\n8,2024-02-10,10001\n');
    const r = await runCli(['matrix', file('a.csv'), '--customers', file('z.csv'), '--cohort', 'zip', '--where', 'zip < 5000', '--as-of', '2024-04-01', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['zip,cohort_size', '02139,2', '2139,1']);
  });
});
