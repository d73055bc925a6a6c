import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedDataset, sharedDataset } from '../shared-datasets.js';
import { runCli } from './run-cli.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);
const SURVEY = path.resolve(__dirname, '../fixtures/feedback/survey.csv');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-outcomes-cli-'));
  writeFileSync(
    file('customers.csv'),
    [
      'id,plan,status,category,reason,revenue,nps',
      '1,basic,Churned,Price,Too expensive,100,3',
      '2,basic,Churned,Price,Too expensive,50,9',
      '3,basic,Stayed,,,300,10',
      '4,pro,Churned,Competitor,Better offer,500,6',
      '5,pro,Stayed,,,1000,8',
      '6,pro,Churned,,,20,',
      '7,basic,Joined,,,,7',
    ].join('\n'),
  );
  writeFileSync(file('events.csv'), 'id,time\n1,2024-01-05\n1,2024-02-10\n2,2024-01-20\n3,2024-01-02\n3,2024-02-03\n4,2024-02-01\n5,2024-01-09\n5,2024-02-11\n');
});

const STATUS = ['--id', 'id', '--event', 'status=Churned'];

describe('kohort reasons', () => {
  it('writes every format: tidy-csv, csv (wide), json, arrow, table', async () => {
    const args = ['reasons', file('customers.csv'), ...STATUS, '--reason', 'category,reason', '--by', 'plan', '-q'];
    const tidy = await runCli([...args, '--format', 'tidy-csv']);
    expect(tidy.code).toBe(0);
    expect(tidy.stdout.trim().split('\n')).toEqual([
      'plan,category,reason,churned,share,share_of_all,segment_churned,segment_customers',
      'basic,Price,Too expensive,2,1,0.5,2,4',
      'pro,Competitor,Better offer,1,0.5,0.25,2,3',
      'pro,(none),(none),1,0.5,0.25,2,3',
    ]);
    const wide = await runCli([...args, '--format', 'csv']);
    expect(wide.stdout.trim().split('\n')[0]).toBe('category,reason,churned,share_of_all,basic,pro');
    const json = JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
    expect(json).toMatchObject({ by: ['plan'], reasons: ['category', 'reason'], customers: 7, churned: 4, as_of: null });
    expect(json.segments).toEqual([
      { key: { plan: 'basic' }, customers: 4, churned: 2 },
      { key: { plan: 'pro' }, customers: 3, churned: 2 },
    ]);
    expect(json.overall.map((r: Record<string, unknown>) => r.churned)).toEqual([2, 1, 1]);
    const out = file('reasons.arrow');
    expect((await runCli([...args, '--format', 'arrow', '--out', out])).code).toBe(0);
    const t = tableFromIPC(readFileSync(out));
    expect(t.schema.fields.map((f) => f.name)).toEqual(['plan', 'category', 'reason', 'churned', 'share', 'share_of_all', 'segment_churned', 'segment_customers']);
    expect(t.numRows).toBe(3);
    const table = await runCli([...args, '--format', 'table']);
    expect(table.stdout).toContain('plan = pro: 3 customers, 2 churned (66.7%)');
    expect(table.stdout).toMatch(/Competitor\s+Better offer\s+1\s+50\.0%\s+25\.0%/);
  });

  it('tells no reason ("(none)") from the reason text "(none)" (quoted) in every format', async () => {
    writeFileSync(file('none.csv'), 'id,plan,status,reason\n1,a,Churned,(none)\n2,a,Churned,\n3,a,Churned,\n4,(none),Churned,Price\n5,,Churned,Price\n6,a,Stayed,\n');
    const args = ['reasons', file('none.csv'), ...STATUS, '--reason', 'reason', '--by', 'plan', '-q'];
    const tidy = await runCli([...args, '--format', 'tidy-csv']);
    expect(tidy.stdout.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      '(none),Price,1', 'a,"""(none)""",1', 'a,(none),2', ',Price,1', // no reason last
    ]);
    const wide = (await runCli([...args, '--format', 'csv'])).stdout.trim().split('\n');
    // Segment columns too: the plan "(none)" and the customers without a plan.
    expect(wide[0]).toBe('reason,churned,share_of_all,"""(none)""",a,(none)');
    expect(wide.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['Price,2', '"""(none)""",1', '(none),2']);
    const json = JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
    expect(json.overall.map((r: Record<string, unknown>) => [r.reason, r.churned])).toEqual([['Price', 2], ['"(none)"', 1], ['(none)', 2]]);
    const out = file('none.arrow');
    await runCli([...args, '--format', 'arrow', '--out', out]);
    expect(tableFromIPC(readFileSync(out)).getChild('reason')!.toArray()).toEqual(['Price', '"(none)"', '(none)', 'Price']);
    const table = (await runCli([...args, '--format', 'table'])).stdout;
    expect(table).toMatch(/\n {2}\(none\)\s+2\s+66\.7%/);
    expect(table).toMatch(/\n {2}"\(none\)"\s+1\s+33\.3%/);
  });

  it('reports on stderr, and fails with one line naming the problem', async () => {
    const ok = await runCli(['reasons', file('customers.csv'), ...STATUS, '--reason', 'reason']);
    expect(ok.stderr).toContain('7 of 7 customers used: 4 churned');
    const noReason = await runCli(['reasons', file('customers.csv'), ...STATUS]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toMatch(/--reason/);
    const badColumn = await runCli(['reasons', file('customers.csv'), ...STATUS, '--reason', 'why']);
    expect(badColumn.code).toBe(2);
    expect(badColumn.stderr).toMatch(/customers\.csv, column "why": no column "why" for churn reason/);
    const badValue = await runCli(['reasons', file('customers.csv'), '--id', 'id', '--event', 'status=Gone', '--reason', 'reason']);
    expect(badValue.stderr).toMatch(/"Gone" never occurs/);
  });
});

describe('kohort value', () => {
  it('writes every format', async () => {
    const args = ['value', file('customers.csv'), ...STATUS, '--value', 'revenue', '--by', 'plan', '-q'];
    const tidy = await runCli([...args, '--format', 'tidy-csv']);
    expect(tidy.stdout.trim().split('\n')).toEqual([
      'plan,status,customers,mean,median,total,share_of_total,missing',
      // Text formats carry at most 12 significant digits (issue 12).
      'basic,churned,2,75,75,150,0.333333333333,0',
      'basic,retained,2,300,300,300,0.666666666667,1',
      'pro,churned,2,260,260,520,0.342105263158,0',
      'pro,retained,1,1000,1000,1000,0.657894736842,0',
    ]);
    const wide = await runCli([...args, '--format', 'csv']);
    expect(wide.stdout.trim().split('\n')[1]).toBe('basic,2,2,75,300,75,300,150,300,0,1');
    const json = JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
    expect(json).toMatchObject({ by: ['plan'], value: 'revenue' });
    expect(json.overall).toHaveLength(2);
    const out = file('value.arrow');
    await runCli([...args, '--format', 'arrow', '--out', out]);
    expect(tableFromIPC(readFileSync(out)).numRows).toBe(4);
    expect((await runCli([...args, '--format', 'table'])).stdout).toMatch(/pro\s+retained\s+1\s+1,000\.00/);
  });

  it('sums activity amounts with --activity and --amount', async () => {
    writeFileSync(file('orders.csv'), 'id,time,amount\n1,2024-01-05,10\n1,2024-02-10,5\n4,2024-02-01,7\n5,2024-01-09,3\n');
    const r = await runCli(['value', file('customers.csv'), '--activity', file('orders.csv'), ...STATUS, '--amount', 'amount', '--format', 'tidy-csv', '-q']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n').slice(1)).toEqual(['churned,4,5.5,3.5,22,0.88,0', 'retained,3,1,0,3,0.12,0']);
  });
});

describe('kohort feedback', () => {
  it('the command line of the issue works, in every format', async () => {
    const args = ['feedback', SURVEY, '--id', 'id', '--by', 'segment', '--nps', 'nps', '--csat', 'csat', '--ces', 'ces'];
    const csv = await runCli([...args, '-q']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('segment,answers,nps,nps_lower,nps_upper,nps_n,promoters,passives,detractors,csat,csat_mean,csat_n,ces,ces_n,rejected');
    expect(lines.map((l) => l.split(',')[0]).slice(1)).toEqual(['enterprise', 'mid', 'smb']);
    expect((await runCli([...args, '-q', '--format', 'tidy-csv'])).stdout).toBe(csv.stdout);
    const json = JSON.parse((await runCli([...args, '-q', '--format', 'json'])).stdout);
    expect(json).toMatchObject({ by: ['segment'], scales: { nps: '0-10', csat: '1-5', ces: '1-7' }, conf_level: 0.95 });
    expect(json.report.rejected.nps.count).toBe(3);
    const out = file('feedback.arrow');
    await runCli([...args, '-q', '--format', 'arrow', '--out', out]);
    expect(tableFromIPC(readFileSync(out)).numRows).toBe(3);
    const table = await runCli([...args, '--format', 'table']);
    expect(table.stdout).toMatch(/^segment\s+answers\s+NPS \[95% CI\]/);
    expect(table.stderr).toContain('rejected 3 NPS scores not on 0-10 in column "nps" (row 10: "11", row 20: "-1", row 30: "7.5")');
    expect(table.stderr).toContain('left out 1 row repeating an earlier id');
  });

  it('fails without a score, and on a bad scale', async () => {
    expect((await runCli(['feedback', SURVEY])).stderr).toMatch(/needs at least one score column/);
    const bad = await runCli(['feedback', SURVEY, '--ces', 'ces', '--ces-scale', 'seven']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--ces-scale "seven" is not a scale/);
  });
});

describe('nps_class as a cohort key in every command', () => {
  it('matrix --cohort nps_class --nps nps, crr and survival --by nps_class', async () => {
    const m = await runCli(['matrix', file('events.csv'), '--customers', file('customers.csv'), '--anchor', 'first-activity', '--cohort', 'month,nps_class', '--nps', 'nps', '--as-of', '2024-03-01', '--format', 'tidy-csv', '-q']);
    // The events end 2024-02-11: the only message is the warning that February counts as complete.
    expect(m.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('kohort: warning: --as-of 2024-03-01 is 18 days past'))).toEqual([]);
    const k0 = m.stdout.trim().split('\n').slice(1).filter((l) => l.split(',')[2] === '0');
    expect(k0.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['2024-01,detractor', '2024-01,passive', '2024-01,promoter', '2024-02,detractor']);
    const s = await runCli(['survival', file('events.csv'), '--inactive-after', '20d', '--customers', file('customers.csv'), '--by', 'nps_class', '--nps', 'nps', '--format', 'json', '-q']);
    expect(JSON.parse(s.stdout).groups.map((g: { key: Record<string, string> }) => g.key.nps_class)).toEqual(['detractor', 'passive', 'promoter']);
    const r = await runCli(['reasons', file('customers.csv'), ...STATUS, '--reason', 'category', '--by', 'nps_class', '--nps', 'nps', '--format', 'tidy-csv', '-q']);
    expect(r.stdout.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'detractor,Competitor,1', 'detractor,Price,1', 'promoter,Price,1', ',(none),1', // ties by name; 6 has no NPS: no class
    ]);
    const missing = await runCli(['matrix', file('events.csv'), '--customers', file('customers.csv'), '--cohort', 'nps_class']);
    expect(missing.stderr).toMatch(/"nps_class" is the NPS class of an NPS column: name it with --nps <column>/);
  });
});

describe('--print-spec and kohort run', () => {
  it.each([
    ['reasons', ['reasons', '<customers>', ...STATUS, '--reason', 'category,reason', '--by', 'plan'], 'csv'],
    ['reasons', ['reasons', '<customers>', ...STATUS, '--reason', 'category', '--by', 'plan'], 'parquet'],
    ['value', ['value', '<customers>', ...STATUS, '--value', 'revenue', '--by', 'plan'], 'arrow'],
    ['feedback', ['feedback', SURVEY, '--id', 'id', '--by', 'segment', '--nps', 'nps', '--csat', 'csat', '--ces', 'ces'], 'parquet'],
  ])('a %s command line and its spec file write the same bytes (%#)', async (_kind, line, format) => {
    const args = line.map((a) => (a === '<customers>' ? file('customers.csv') : a));
    const direct = file(`direct-${_kind}.${format}`);
    const replay = file(`replay-${_kind}.${format}`);
    expect((await runCli([...args, '--format', format, '--out', direct, '-q'])).code).toBe(0);
    const spec = await runCli([...args, '--format', format, '--out', replay, '--print-spec']);
    expect(spec.code).toBe(0);
    const specFile = file(`spec-${_kind}.json`);
    writeFileSync(specFile, spec.stdout);
    const run = await runCli(['run', specFile, '-q']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(Buffer.compare(readFileSync(direct), readFileSync(replay))).toBe(0);
  });
});

const MAVEN = 'maven_telecom/telecom_customer_churn.csv';
describe.skipIf(!hasSharedDataset(MAVEN))('the command lines of issue 13 on maven_telecom', () => {
  it('kohort reasons telecom_customer_churn.csv --id "Customer ID" --event "Customer Status=Churned" --reason "Churn Category" --by Contract', async () => {
    const r = await runCli(['reasons', sharedDataset(MAVEN), '--id', 'Customer ID', '--event', 'Customer Status=Churned', '--reason', 'Churn Category', '--by', 'Contract', '-q']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Churn Category,churned,share_of_all,Month-to-Month,One Year,Two Year');
    expect(lines[1]).toMatch(/^Competitor,841,0\.44997/);
  });
  it('kohort value telecom_customer_churn.csv --id "Customer ID" --event "Customer Status=Churned" --value "Total Revenue"', async () => {
    const r = await runCli(['value', sharedDataset(MAVEN), '--id', 'Customer ID', '--event', 'Customer Status=Churned', '--value', 'Total Revenue', '--format', 'tidy-csv', '-q']);
    const [churned, retained] = r.stdout.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(churned.slice(0, 2)).toEqual(['churned', '1869']);
    expect(retained.slice(0, 2)).toEqual(['retained', '5174']);
    expect(Number(churned[4]) + Number(retained[4])).toBeCloseTo(21371131.69, 1);
  });
});

it('fixture script sits beside the survey', () => {
  expect(existsSync(path.resolve(__dirname, '../fixtures/feedback/make-survey.mjs'))).toBe(true);
});
