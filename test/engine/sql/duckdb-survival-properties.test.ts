import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { survival, survivalOnEngine, type SurvivalSpec } from '../../../src/index.js';
import { survivalDifferences } from './same-churn.js';

// Random customers: the memory engine and DuckDB's Kaplan-Meier tally (group codes, rows
// sorted by duration, the tallies built without per-customer arrays) give the same curves,
// medians and log-rank test. Few distinct days make ties of durations, of groups at one
// duration, and events and censored at one duration; blanks make the "none" group.
const DAY = 86_400_000;
const row = fc.record({
  plan: fc.constantFrom('basic', 'pro', ''),
  seg: fc.constantFrom('a', 'b', ''),
  signup: fc.integer({ min: 0, max: 20 }),
  life: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  tenure: fc.constantFrom('', '0', '1', '2.5', '3', '3', '7', '-1'),
  churn: fc.constantFrom('Yes', 'No', 'yes', ''),
});
type Row = { plan: string; seg: string; signup: number; life?: number; tenure: string; churn: string };
const dir = mkdtempSync(path.join(tmpdir(), 'kohort-survival-props-'));
let files = 0;
const day = (n: number): string => new Date(Date.UTC(2024, 0, 1) + n * DAY).toISOString().slice(0, 10);
const csv = (rows: Row[]): string => {
  const file = path.join(dir, `c${files++}.csv`);
  // The first customer churns, so the event occurs and no column is all blank.
  const all: Row[] = [{ plan: 'basic', seg: 'a', signup: 0, life: 3, tenure: '3', churn: 'Yes' }, ...rows];
  const lines = all.map((r, i) => [`c${i}`, r.plan, r.seg, day(r.signup), r.life === undefined ? '' : day(r.signup + r.life), r.tenure, r.churn].join(','));
  writeFileSync(file, `id,plan,seg,signup_at,churned_at,tenure,churn\n${lines.join('\n')}\n`);
  return file;
};
const duckdb = { engine: 'duckdb' as const };
const RUNS = { numRuns: 15, seed: 20261205 };

describe('survival: memory = DuckDB on random customers (fast-check)', () => {
  it('churn column, by plan x seg, as-of inside the data', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 40 }), fc.constantFrom('log-rank', 'wilcoxon'), async (rows, test) => {
        const spec: SurvivalSpec = { input: { customers: csv(rows) }, columns: { id: 'id', signup: 'signup_at', churn: 'churned_at' }, by: ['plan', 'seg'], asOf: day(25), at: [1, 7, 30], test };
        expect(survivalDifferences(await survival(spec), await survivalOnEngine(spec, duckdb))).toEqual([]);
      }),
      RUNS,
    );
  }, 120_000);

  it('one curve, in weeks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 40 }), async (rows) => {
        const spec: SurvivalSpec = { input: { customers: csv(rows) }, columns: { id: 'id', signup: 'signup_at', churn: 'churned_at' }, unit: 'weeks', asOf: day(25) };
        expect(survivalDifferences(await survival(spec), await survivalOnEngine(spec, duckdb))).toEqual([]);
      }),
      RUNS,
    );
  }, 120_000);

  it('durations given directly (blank, negative and tied), by seg and as one curve', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 40 }), fc.boolean(), async (rows, grouped) => {
        const spec: SurvivalSpec = { input: { customers: csv(rows) }, columns: { id: 'id' }, duration: 'tenure', event: 'churn=Yes', by: grouped ? ['seg'] : [] };
        const a = await survival(spec);
        const b = await survivalOnEngine(spec, duckdb);
        expect(survivalDifferences(a, b)).toEqual([]);
        expect(b.report.customers).toEqual(expect.objectContaining({ used: a.report.customers.used, churned: a.report.customers.churned }));
      }),
      RUNS,
    );
  }, 120_000);
});
