import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as aq from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompareJSON } from '../../../src/result/compare-result.js';
import { SYNTHETIC_AS_OF, syntheticGroups } from '../../synthetic-groups.js';
import { runCli } from '../run-cli.js';

let events: string;
let customers: string;
beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-compare-engine-'));
  const data = syntheticGroups({ seed: 11, months: 12, groups: { referral: [300, 0.05], organic: [500, 0.12], social: [80, 0.1] } });
  events = path.join(dir, 'events.csv');
  customers = path.join(dir, 'customers.csv');
  writeFileSync(events, aq.toCSV(data.activity.derive({ amount: (d: { event_time: string }) => aq.op.length(d.event_time) * 1.25 })));
  writeFileSync(customers, aq.toCSV(data.customers.rename({ signup_at: 'signup' }).derive({ referrals: (d: { customer_id: string }) => aq.op.parse_int(aq.op.substring(d.customer_id, 2), 10) % 3 })));
});

const line = (): string[] => [
  'compare', events, '--customers', customers, '--signup', 'signup', '--by', 'channel', '--groups', 'referral,organic',
  '--reference', 'organic', '--period', 'month', '--inactive-after', '45d', '--as-of', SYNTHETIC_AS_OF, '-q',
];

/** Numbers to 1e-9 (relative): sums may add up in another order in the database. */
function same(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) ? [] : [`${at}: ${a} vs ${b}`];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`));
  }
  return a === b ? [] : [`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

/** The JSON without the survival part's load report (on SQL it has the tables' rows and the customers used, not memory's exclusion counts: docs/engines.md). */
function withoutLoadReport(json: string): CompareJSON {
  const doc = JSON.parse(json) as CompareJSON;
  if (doc.survival) delete (doc.survival as { report?: unknown }).report;
  return doc;
}

describe('kohort compare --engine duckdb', () => {
  it('the issue\'s command line gives the memory engine\'s tidy CSV byte for byte, and its JSON but the survival load report', async () => {
    for (const format of ['json', 'tidy-csv']) {
      const mem = await runCli([...line(), '--format', format]);
      const duck = await runCli([...line(), '--format', format, '--engine', 'duckdb']);
      expect(duck.stderr).toBe('');
      expect(duck.code).toBe(0);
      if (format === 'json') expect(JSON.stringify(withoutLoadReport(duck.stdout))).toBe(JSON.stringify(withoutLoadReport(mem.stdout)));
      else expect(duck.stdout).toBe(mem.stdout);
    }
    const doc = JSON.parse((await runCli([...line(), '--format', 'json', '--engine', 'duckdb'])).stdout) as CompareJSON;
    // The survival load report: the tables' rows and the customers used, churned and censored as memory's.
    const memDoc = JSON.parse((await runCli([...line(), '--format', 'json'])).stdout) as CompareJSON;
    type Rep = { files: unknown; customers: { used: number; churned: number; censored: number } };
    const [a, b] = [memDoc, doc].map((d) => (d.survival as unknown as { report: Rep }).report);
    expect(b.files).toEqual(a.files);
    expect([b.customers.used, b.customers.churned, b.customers.censored]).toEqual([a.customers.used, a.customers.churned, a.customers.censored]);
    expect(doc.groups.map((g) => [g.key, g.n])).toEqual([['organic', 500], ['referral', 300]]);
    expect(doc.survival?.test).toBeTruthy();
  });

  it('a condition with --amount and --adjust bh: the same numbers (to 1e-9) and summary', async () => {
    const args = ['compare', events, '--customers', customers, '--signup', 'signup', '--by', 'referrals > 0', '--amount', 'amount', '--adjust', 'bh', '--inactive-after', '45d', '--format', 'json', '-q'];
    const mem = await runCli(args);
    const duck = await runCli([...args, '--engine', 'duckdb']);
    expect(duck.code, duck.stderr).toBe(0);
    const a = JSON.parse(mem.stdout) as CompareJSON;
    const b = JSON.parse(duck.stdout) as CompareJSON;
    expect(b.groups.map((g) => g.key)).toEqual(['true', 'false']);
    expect(b.revenue.length).toBe(2);
    expect(same(withoutLoadReport(mem.stdout), withoutLoadReport(duck.stdout))).toEqual([]);
    expect(b.summary).toBe(a.summary);
  });

  it('an unknown --groups value is named, with the groups there are', async () => {
    const r = await runCli([...line().map((x) => (x === 'referral,organic' ? 'referral,partner' : x)), '--engine', 'duckdb']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/partner/);
    expect(r.stderr).toMatch(/organic/);
  });

  it('--help names --engine', async () => {
    const r = await runCli(['compare', '--help']);
    expect(r.stdout).toMatch(/--engine <engine>/);
    expect(r.stdout).toMatch(/--engine duckdb/);
  });
});

describe('kohort sql --analysis compare', () => {
  it('prints the statements of a comparison: groups, matrix, lifetimes, revenue', async () => {
    const r = await runCli(['sql', '--dialect', 'postgres', '--analysis', 'compare', '--table', 'app.events', '--customers-table', 'crm.customers', '--signup', 'signup_at',
      '--by', 'referrals > 0', '--inactive-after', '45d', '--amount', 'amount', '--number', 'referrals', '--as-of', '2024-07-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-- kohort compare --by "referrals > 0", postgres dialect/);
    for (const title of ['rows per group value', 'rolling classic matrix', 'revenue per customer per group', 'lifetimes per group']) expect(r.stdout).toContain(`-- ${title}`);
    expect(r.stdout).toContain('"referrals" > 0');
    expect(r.stdout).toContain('AS "referrals > 0"');
  });

  it('without --by says what it needs', async () => {
    const r = await runCli(['sql', '--dialect', 'duckdb', '--analysis', 'compare', '--table', 'events']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--by/);
  });
});
