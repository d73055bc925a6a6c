import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import * as aq from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompareJSON } from '../../../src/result/compare-result.js';
import { SYNTHETIC_AS_OF, syntheticGroups } from '../../synthetic-groups.js';
import { runCli } from '../run-cli.js';

let dir: string;
let events: string;
let customers: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-compare-'));
  const data = syntheticGroups({ seed: 7, months: 12, groups: { referral: [300, 0.05], organic: [500, 0.12], social: [80, 0.1] } });
  events = path.join(dir, 'events.csv');
  customers = path.join(dir, 'customers.csv');
  writeFileSync(events, aq.toCSV(data.activity));
  // The column names: signup, channel.
  writeFileSync(customers, aq.toCSV(data.customers.rename({ signup_at: 'signup' })));
});

// The command line of issue 13, as users will type it.
const line = (): string[] => [
  'compare', events, '--customers', customers, '--signup', 'signup', '--by', 'channel', '--groups', 'referral,organic',
  '--reference', 'organic', '--period', 'month', '--inactive-after', '45d', '--as-of', SYNTHETIC_AS_OF, '-q',
];

describe('kohort compare events.csv --customers customers.csv --signup signup --by channel ...', () => {
  it('json: {groups, differences, survival, revenue, summary} in the documented shape', async () => {
    const r = await runCli([...line(), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as CompareJSON;
    expect(Object.keys(doc)).toEqual(['groups', 'differences', 'survival', 'revenue', 'summary']);
    expect(doc.groups.map((g) => [g.key, g.n])).toEqual([
      ['organic', 500],
      ['referral', 300],
    ]);
    expect(Object.keys(doc.groups[0])).toEqual(['key', 'n', 'average']);
    expect(Object.keys(doc.groups[0].average[0])).toEqual(['offset', 'value', 'active', 'eligible']);
    expect(Object.keys(doc.differences[0])).toEqual(['group', 'reference', 'offset', 'diff', 'lower', 'upper', 'p', 'p_adjusted']);
    expect(doc.differences.every((d) => d.group === 'referral' && d.reference === 'organic')).toBe(true);
    expect(doc.survival!.groups.length).toBe(2);
    expect(doc.survival!.test!.df).toBe(1);
    expect(doc.revenue).toEqual([]);
    expect(doc.summary).toMatch(/^referral customers are .* than organic customers .*; log-rank p/);
  });

  it('tidy-csv: one row per group and offset, columns named after --by; DuckDB reads it back', async () => {
    const out = path.join(dir, 'tidy.csv');
    const r = await runCli([...line(), '--format', 'tidy-csv', '--out', out]);
    expect(r.code).toBe(0);
    const header = readFileSync(out, 'utf8').split('\n')[0];
    expect(header).toBe('channel,offset,customers,eligible,active,value,reference,diff,lower,upper,p,p_adjusted');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const rows = (await con.runAndReadAll(`SELECT channel, count(*) AS n, sum(eligible) AS e, count(diff) AS d FROM read_csv('${out}') GROUP BY channel ORDER BY channel`)).getRowObjectsJson();
    const doc = JSON.parse((await runCli([...line(), '--format', 'json'])).stdout) as CompareJSON;
    const organic = doc.groups[0].average;
    expect(rows[0]).toMatchObject({ channel: 'organic', n: String(organic.length), e: String(organic.reduce((s, p) => s + p.eligible, 0)), d: '0' });
    expect(rows[1]).toMatchObject({ channel: 'referral', d: String(doc.differences.length) });
  });

  it('csv (wide): one row per offset, a value column per group, the difference columns per compared group', async () => {
    const r = await runCli([...line(), '--format', 'csv']);
    const [header, first] = r.stdout.split('\n');
    expect(header).toBe('offset,organic,referral,diff_referral,lower_referral,upper_referral,p_adjusted_referral');
    expect(first.startsWith('0,')).toBe(true);
  });

  it('parquet: kohort.resolved metadata as the other commands write it (options, curves and survival specs)', async () => {
    const out = path.join(dir, 'c.parquet');
    expect((await runCli([...line(), '--format', 'parquet', '--out', out, '--tz', 'Europe/Berlin'])).code).toBe(0);
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const kv = Object.fromEntries(
      (await con.runAndReadAll(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${out}')`)).getRowObjectsJson().map((r) => [r.k, r.v]),
    ) as Record<string, string>;
    expect(Object.keys(kv).filter((k) => k.startsWith('kohort.'))).toEqual(['kohort.version', 'kohort.schema_version', 'kohort.table', 'kohort.as_of', 'kohort.inputs', 'kohort.spec', 'kohort.resolved']);
    const resolved = JSON.parse(kv['kohort.resolved']);
    expect(resolved).toMatchObject({ by: 'channel', reference: 'organic', adjust: 'holm', method: 'rolling', period: 'month', options: { groups: ['referral', 'organic'], inactiveAfter: '45d' } });
    expect(resolved.curves).toMatchObject({ tz: 'Europe/Berlin', completeness: 'rolling', period: 'month' });
    expect(resolved.survival).toMatchObject({ tz: 'Europe/Berlin' });
  });

  it('arrow: the tidy rows', async () => {
    const out = path.join(dir, 'c.arrow');
    expect((await runCli([...line(), '--format', 'arrow', '--out', out])).code).toBe(0);
    const t = tableFromIPC(readFileSync(out));
    expect(t.schema.fields.map((f) => f.name)).toEqual(['channel', 'offset', 'customers', 'eligible', 'active', 'value', 'reference', 'diff', 'lower', 'upper', 'p', 'p_adjusted']);
    const doc = JSON.parse((await runCli([...line(), '--format', 'json'])).stdout) as CompareJSON;
    expect(t.numRows).toBe(doc.groups.reduce((s, g) => s + g.average.length, 0));
  });

  it('table: per offset shares, differences with intervals and adjusted p, survival, the summary', async () => {
    const r = await runCli([...line(), '--format', 'table', '--max-offset', '3']);
    expect(r.stdout).toMatch(/^Groups by channel; reference organic; classic retention \(rolling\), per month\n/);
    expect(r.stdout).toMatch(/referral - organic \(95% CI\)\s+p \(holm\)/);
    expect(r.stdout).toMatch(/log-rank: chi2 = [\d.]+, df = 1, p /);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^referral customers are/);
  });

  it('--by a condition, --adjust bh, --amount from activity', async () => {
    const withAmount = path.join(dir, 'events-amount.csv');
    const t = aq.fromCSV(readFileSync(events, 'utf8'));
    writeFileSync(withAmount, aq.toCSV(t.derive({ amount: () => 10 })));
    const r = await runCli(['compare', withAmount, '--customers', customers, '--signup', 'signup', '--by', 'channel != social', '--adjust', 'bh', '--amount', 'amount', '--as-of', SYNTHETIC_AS_OF, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as CompareJSON;
    expect(doc.groups.map((g) => [g.key, g.n])).toEqual([
      ['true', 800],
      ['false', 80],
    ]);
    // Every event is worth 10: revenue per customer is 10 x its counted events.
    expect(doc.revenue.map((x) => x.group)).toEqual(['true', 'false']);
    expect(doc.revenue[0].total % 10).toBe(0);
    expect(doc.survival).toBeNull();
    expect(r.stderr).not.toMatch(/no compared group/);
  });

  it('counts the rows in no compared group as their own reason, apart from --where, in one run with both', async () => {
    const r = await runCli([...line().filter((a) => a !== '-q'), '--format', 'csv']);
    expect(r.stderr).toMatch(/customers left out: 80 in no compared group\n/);
    expect(r.stderr).not.toMatch(/--where/);
    // --where on signup leaves out customers of every channel: those of the third channel it keeps are in no group.
    const rows = aq.fromCSV(readFileSync(customers, 'utf8'), { parse: { signup: String } }).objects() as { signup: string; channel: string }[];
    const cut = '2023-07-01';
    const early = rows.filter((c) => c.signup.slice(0, 10) < cut).length;
    const socialLate = rows.filter((c) => c.signup.slice(0, 10) >= cut && c.channel === 'social').length;
    expect(early).toBeGreaterThan(0);
    expect(socialLate).toBeGreaterThan(0);
    const filtered = await runCli([...line().filter((a) => a !== '-q'), '--where', `signup >= ${cut}`, '--format', 'csv']);
    expect(filtered.code, filtered.stderr).toBe(0);
    expect(filtered.stderr).toMatch(new RegExp(`customers left out: ${early.toLocaleString('en-US')} filtered by --where, ${socialLate} in no compared group\n`));
  });

  it('names the bad input in its errors', async () => {
    const bad = async (extra: string[], re: RegExp): Promise<void> => {
      const r = await runCli(['compare', events, '--customers', customers, '--signup', 'signup', ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(re);
    };
    await bad(['--by', 'plan'], /no column "plan" for the groups \(--by\)/);
    await bad(['--by', 'channel', '--reference', 'ads'], /--reference "ads" is not a group/);
    await bad(['--by', 'channel', '--adjust', 'bonferroni'], /--adjust/);
    await bad(['--by', 'channel', '--mode', 'ltv'], /--mode/);
    await bad([], /--by/);
  });
});

describe('kohort compare --by, mistyped', () => {
  const sample = ['compare', 'datasets/sample/activity.csv', '--customers', 'datasets/sample/customers.csv', '-q'];

  it('a condition missing its value is refused, not read as the column (which compared every price)', async () => {
    const r = await runCli([...sample, '--by', 'monthly_price >']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('kohort: --by "monthly_price >" is neither a column nor a condition "<column> <op> <value>" with op one of = != < <= > >= ^= !^=');
  });

  it('a condition comparing a number column with text names --by, not --where', async () => {
    const r = await runCli([...sample, '--by', 'monthly_price > abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--by compares a number column with "abc", which is not a number');
  });
});

describe('kohort compare --duration --event without --unit', () => {
  it('calls the offsets the durations\' own unit, never "days" (tenure in months is not days)', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kohort-compare-units-')), 'tenure.csv');
    const rows = ['id,tenure,churned,referred'];
    for (let i = 0; i < 40; ++i) rows.push(`${i},${1 + (i % 12)},${i % 3 === 0 ? 'Yes' : 'No'},${i % 2 === 0 ? 'yes' : 'no'}`);
    writeFileSync(file, `${rows.join('\n')}\n`);
    const r = await runCli(['compare', file, '--id', 'id', '--duration', 'tenure', '--event', 'churned=Yes', '--by', 'referred', '-q', '--format', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\bdays?\b/);
    expect(r.stdout).toContain('Survival (tenure units)');
    const months = await runCli(['compare', file, '--id', 'id', '--duration', 'tenure', '--event', 'churned=Yes', '--by', 'referred', '--unit', 'months', '-q', '--format', 'table']);
    expect(months.stdout).toContain('Survival (months)');
    // The load report, as kohort survival prints it for the same lifetimes (it printed nothing).
    const loud = await runCli(['compare', file, '--id', 'id', '--duration', 'tenure', '--event', 'churned=Yes', '--by', 'referred', '--format', 'csv']);
    expect(loud.stderr.split('\n').slice(0, 3)).toEqual([
      `read 40 rows of customers from ${file}`,
      'columns: customers id "id", duration "tenure", event "churned=Yes"',
      '40 of 40 customers used: 14 churned, 26 censored (still customers)',
    ]);
  });
});

describe('kohort compare --by, a column name mistyped', () => {
  it('suggests the near column, as the other commands do', async () => {
    const r = await runCli(['compare', 'datasets/sample/activity.csv', '--customers', 'datasets/sample/customers.csv', '-q', '--by', 'chanel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no column "chanel" for the groups \(--by\); .*\. Did you mean "channel"\?/);
  });
});

describe('kohort compare <file> without --by', () => {
  it('says what --by is for and lists the columns of the file it names (was commander\'s bare "required option")', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'kohort-compare-noby-'));
    const file = path.join(d, 'tenure.csv');
    writeFileSync(file, 'id,tenure,churned,plan\n1,3,Yes,basic\n2,5,No,pro\n');
    const r = await runCli(['compare', file, '--id', 'id', '--duration', 'tenure', '--event', 'churned=Yes', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('required option');
    expect(r.stderr).toContain(`compare needs --by <column or condition>: what splits the customers into groups. The columns of ${file} are "id", "tenure", "churned", "plan"`);
    // Two files: each file's columns under its name, customers first (where --by looks first).
    const events = path.join(d, 'events.csv');
    writeFileSync(events, 'id,time,channel\n1,2024-01-05,ads\n2,2024-01-09,organic\n');
    const two = await runCli(['compare', events, '--customers', file, '--id', 'id', '--time', 'time', '--inactive-after', '30d', '-q']);
    expect(two.stderr).toContain(`into groups. The columns of ${file} are "id", "tenure", "churned", "plan"; those of ${events} are "id", "time", "channel"`);
  });
});

describe('kohort compare --duration with rows in no compared group', () => {
  it('says how many rows no group took, on memory and on --engine duckdb', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'kohort-compare-dur-'));
    const file = path.join(d, 'gdur.csv');
    writeFileSync(file, 'id,tenure,status,plan\nd1,1,Yes,x\nd2,5,No,y\nd3,3,Yes,z\nd4,2,No,\nd5,7,Yes,x\nd6,0,No,y\nd7,4,No,z\nd8,6,Yes,y\n');
    const args = ['compare', file, '--duration', 'tenure', '--event', 'status=Yes', '--by', 'plan', '--groups', 'x,y', '--id', 'id', '--where', 'tenure >= 1', '--format', 'csv'];
    const memory = await runCli(args);
    expect(memory.code, memory.stderr).toBe(0);
    expect(memory.stderr).toMatch(/left out 1 filtered by --where\n\s*left out 3 in no compared group\n/);
    // The SQL engines count them in the report as memory does (d6 is --where's; d3, d4, d7 in no group): the same summary.
    const duckdb = await runCli([...args, '--engine', 'duckdb']);
    expect(duckdb.code, duckdb.stderr).toBe(0);
    expect(duckdb.stderr).toBe(memory.stderr);
  });
});

describe('kohort compare --rejects FILE', () => {
  it('--rejects lists every part\'s rejects once: the curves\' bad time, the revenue\'s bad amount, the survival\'s bad churn time (each part wrote it)', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'kohort-compare-rejects-'));
    const activity = path.join(work, 'events.csv');
    const customers = path.join(work, 'customers.csv');
    writeFileSync(activity, ['id,time,amount', 'a,2024-01-05,10', 'a,2024-02-05,12', 'b,2024-01-06,lots', 'c,2024-01-07,7', 'd,never,3', 'd,2024-01-08,4', 'e,2024-01-09,5'].join('\n'));
    writeFileSync(customers, ['id,signup,churn,plan', 'a,2024-01-01,,x', 'b,2024-01-01,,y', 'c,2024-01-02,someday,x', 'd,2024-01-03,,y', 'e,2024-01-03,2024-03-01,y'].join('\n'));
    const rejects = path.join(work, 'rejects.csv');
    const args = ['compare', activity, '--customers', customers, '--signup', 'signup', '--churn', 'churn', '--by', 'plan', '--amount', 'amount', '--rejects', rejects, '--format', 'csv', '--out', path.join(work, 'c.csv'), '-q'];
    const ok = await runCli([...args, '--max-rejects', '5']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(rejects, 'utf8').trimEnd().split('\n').sort()).toEqual([
      `${customers},3,churn,someday,is not a date or time`,
      `${activity},3,amount,lots,is not a number`,
      `${activity},5,time,never,is not a date or time`,
      'file,row,column,value,reason',
    ].sort());
    const over = await runCli([...args, '--max-rejects', '0']);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/\(listed in the --rejects file\)/);
  });
});

describe('kohort compare --duration --rejects FILE', () => {
  // Before, no file was written: the durations' reading listed nothing.
  it('--rejects lists the unreadable duration once, also with --amount (the revenue part reads the durations again)', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'kohort-compare-dur-rejects-'));
    const data = path.join(work, 'customers.csv');
    writeFileSync(data, ['id,tenure,churned,plan,rev', 'a,3,1,x,10', 'b,x7,0,y,5', 'c,5,0,x,3', 'd,2,1,y,4', 'e,4,0,y,6'].join('\n'));
    for (const more of [[], ['--amount', 'rev']]) {
      const rejects = path.join(work, `rej${more.length}.csv`);
      const r = await runCli(['compare', data, '--id', 'id', '--duration', 'tenure', '--event', 'churned=1', '--by', 'plan', ...more, '--rejects', rejects, '--format', 'csv', '--out', path.join(work, 'c.csv'), '-q']);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(rejects, 'utf8'), more.join()).toBe(`file,row,column,value,reason\n${data},2,tenure,x7,is not a number\n`);
    }
  });
});
