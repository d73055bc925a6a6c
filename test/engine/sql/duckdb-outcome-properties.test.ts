import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedback, feedbackOnEngine, reasons, reasonsOnEngine, value, valueOnEngine } from '../../../src/index.js';
import { feedbackDifferences, reasonsDifferences, valueDifferences } from './same-outcomes.js';

// Random customers and survey files: the memory engine and DuckDB (the SQL engine) give the
// same reasons, values (exact medians of ties, even and odd groups) and feedback scores.
const row = fc.record({
  seg: fc.constantFrom('a', 'b', 'c', ''),
  status: fc.constantFrom('Churned', 'Stayed', 'Joined', ''),
  cat: fc.constantFrom('Price', 'Competitor', ''),
  why: fc.constantFrom('x', 'y', 'z', ''),
  v: fc.constantFrom('', '0', '5', '5', '12.5', '-3', '100', 'n/a'),
  nps: fc.constantFrom('', '0', '6', '7', '8', '9', '10', '11', '7.5'),
  csat: fc.constantFrom('', '1', '3', '4', '5', '6'),
});
type Row = { seg: string; status: string; cat: string; why: string; v: string; nps: string; csat: string };
const dir = mkdtempSync(path.join(tmpdir(), 'kohort-outcome-props-'));
let files = 0;
const csv = (rows: Row[]): string => {
  const file = path.join(dir, `t${files++}.csv`);
  // The first row churns with a reason, so the status value occurs and a column is never all blank.
  const all = [{ seg: 'a', status: 'Churned', cat: 'Price', why: 'x', v: '1', nps: '9', csat: '4' }, ...rows];
  writeFileSync(file, `id,seg,status,cat,why,v,nps,csat\n${all.map((r, i) => [`k${i}`, r.seg, r.status, r.cat, r.why, r.v, r.nps, r.csat].join(',')).join('\n')}\n`);
  return file;
};
const duckdb = { engine: 'duckdb' as const };
const RUNS = { numRuns: 15, seed: 20261205 };

describe('memory = DuckDB on random tables (fast-check)', () => {
  it('reasons by segment, two levels', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 0, maxLength: 40 }), async (rows) => {
        const spec = { input: { customers: csv(rows) }, columns: { id: 'id' }, event: 'status=Churned', reason: 'cat,why', by: ['seg'] };
        expect(reasonsDifferences(await reasons(spec), await reasonsOnEngine(spec, duckdb))).toEqual([]);
      }),
      RUNS,
    );
  }, 120_000);

  it('value by segment and nps_class', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 0, maxLength: 40 }), async (rows) => {
        const spec = { input: { customers: csv(rows) }, columns: { id: 'id' }, event: 'status=Churned', value: 'v', by: ['seg', 'nps_class'], nps: 'nps' };
        expect(valueDifferences(await value(spec), await valueOnEngine(spec, duckdb))).toEqual([]);
      }),
      RUNS,
    );
  }, 120_000);

  it('feedback by segment', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 0, maxLength: 40 }), async (rows) => {
        const spec = { input: { customers: csv(rows) }, columns: { id: 'id' }, by: ['seg'], nps: 'nps', csat: 'csat' };
        expect(feedbackDifferences(await feedback(spec), await feedbackOnEngine(spec, duckdb))).toEqual([]);
      }),
      RUNS,
    );
  }, 120_000);
});

describe('reasons: the database-NULL warning counts only the churned customers counted (in a cohort)', () => {
  it('leaves out a churned customer with reason NULL and no signup (--cohort month), on memory and DuckDB', async () => {
    const file = path.join(dir, 'null-reasons.csv');
    // n0..n2 churned with reason NULL / \N; n2 has no signup (no cohort): 2 counted, not 3.
    const rows = ['n0,2024-01-05,Churned,NULL', 'n1,2024-01-09,Churned,\\N', 'n2,,Churned,NULL', 'n3,2024-01-12,Churned,Price', 'n4,2024-02-02,Stayed,NULL'];
    writeFileSync(file, `id,signup,status,reason\n${rows.join('\n')}\n`);
    const spec = { input: { customers: file }, columns: { id: 'id', signup: 'signup' }, event: 'status=Churned', reason: 'reason', cohort: 'month' as const };
    const want = '2 churned customers have a reason written as a database NULL ("reason" = "NULL"): counted as "(none)", no reason';
    for (const r of [await reasons(spec), await reasonsOnEngine(spec, duckdb)]) {
      const none = r.overall.labels[0].findIndex((l) => l === null);
      expect(r.overall.churned[none]).toBe(2);
      expect(r.report.warnings.filter((w) => w.includes('database NULL'))).toEqual([want]);
    }
  }, 60_000);
});
