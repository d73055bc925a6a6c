import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// kohort reasons | value | feedback --engine duckdb, in-process through createProgram():
// the same bytes as the memory engine in every output format.

let dir: string;
const file = (name: string): string => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-outcome-engine-'));
  writeFileSync(
    file('customers.csv'),
    [
      'id,plan,status,category,reason,revenue,signup',
      '1,basic,Churned,Price,Too expensive,100,2024-01-03',
      '2,basic,Churned,Price,Too expensive,50,2024-01-20',
      '3,basic,Stayed,,,300,2024-02-02',
      '4,pro,Churned,Competitor,Better offer,500,2024-02-11',
      '5,pro,Stayed,,,1000,2024-01-09',
      '6,pro,Churned,,,20,2024-03-01',
      '7,basic,Joined,,,,2024-03-04',
      '8,pro,Stayed,,,1000,2024-03-05',
      '9,,Churned,Price,Too slow,75,2024-03-06',
      '10,basic,,Price,,10,2024-03-07',
    ].join('\n'),
  );
  writeFileSync(
    file('survey.csv'),
    ['id,segment,nps,csat,ces', 'a,smb,10,5,2', 'b,smb,6,4,7', 'c,smb,11,3,1', 'd,ent,9,6,3', 'e,ent,8,,', 'f,ent,,2,0', 'g,,3,5,5', 'h,smb,7,4,4'].join('\n'),
  );
});

const same = async (args: string[]): Promise<string> => {
  const mem = await runCli(args);
  expect(mem.code, mem.stderr).toBe(0);
  const duck = await runCli([...args, '--engine', 'duckdb']);
  expect(duck.stderr).toBe('');
  expect(duck.code).toBe(0);
  if (!args.includes('json')) expect(duck.stdout).toBe(mem.stdout);
  else {
    // JSON: every number the same; the run report's row-level detail is the memory engine's own (see docs/engines.md).
    const { report: a, ...memDoc } = JSON.parse(mem.stdout);
    const { report: b, ...duckDoc } = JSON.parse(duck.stdout);
    expect(duckDoc).toEqual(memDoc);
    // A status flag's report counts what was left out, as memory does; feedback's has no row numbers.
    if (a.customers) expect(b.customers).toEqual(a.customers);
    else expect({ ...b, rejected: {} }).toEqual({ ...a, rejected: {} });
  }
  return duck.stdout;
};

describe('kohort reasons --engine duckdb', () => {
  it.each(['tidy-csv', 'csv', 'json'])('writes the memory engine\'s %s', async (format) => {
    const out = await same(['reasons', file('customers.csv'), '--id', 'id', '--event', 'status=Churned', '--reason', 'category,reason', '--by', 'plan', '--format', format, '-q']);
    expect(out).toContain('Too expensive');
  });

  it('splits by signup month (--cohort month)', async () => {
    const out = await same(['reasons', file('customers.csv'), '--id', 'id', '--signup', 'signup', '--event', 'status=Churned', '--reason', 'category', '--cohort', 'month', '--format', 'tidy-csv', '-q']);
    expect(out).toContain('2024-03');
  });
});

describe('kohort value --engine duckdb', () => {
  it.each(['tidy-csv', 'csv', 'json'])('writes the memory engine\'s %s', async (format) => {
    const out = await same(['value', file('customers.csv'), '--id', 'id', '--event', 'status=Churned', '--value', 'revenue', '--by', 'plan', '--format', format, '-q']);
    expect(out.length).toBeGreaterThan(50);
  });
});

describe('kohort feedback --engine duckdb', () => {
  it.each(['tidy-csv', 'json'])('writes the memory engine\'s %s', async (format) => {
    const out = await same(['feedback', file('survey.csv'), '--id', 'id', '--by', 'segment', '--nps', 'nps', '--csat', 'csat', '--ces', 'ces', '--format', format, '-q']);
    expect(out).toContain('smb');
  });

  it('reports rejected scores on stderr without row numbers', async () => {
    const r = await runCli(['feedback', file('survey.csv'), '--nps', 'nps', '--by', 'nps_class', '--engine', 'duckdb', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/rejected 1 NPS score not on 0-10 in column "nps" \("?11"?\)/);
  });
});
