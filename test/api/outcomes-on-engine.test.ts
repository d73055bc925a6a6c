import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedback, feedbackOnEngine, reasons, reasonsOnEngine, value, valueOnEngine } from '../../src/index.js';
import { outcomeCustomers, outcomeSurvey } from '../engine/sql/outcome-data.js';
import { feedbackDifferences, reasonsDifferences, valueDifferences } from '../engine/sql/same-outcomes.js';

// The library functions beside matrixOnEngine: the same results as the memory engine's.
const dir = mkdtempSync(path.join(tmpdir(), 'kohort-outcomes-api-'));
const customers = path.join(dir, 'customers.csv');
const survey = path.join(dir, 'survey.csv');
writeFileSync(customers, outcomeCustomers(3));
writeFileSync(survey, outcomeSurvey(3));
const duckdb = { engine: 'duckdb' as const };

describe('reasonsOnEngine, valueOnEngine, feedbackOnEngine', () => {
  it('reasonsOnEngine(spec, { engine: "duckdb" }) gives reasons(spec)', async () => {
    const spec = { input: { customers }, columns: { id: 'id' }, event: 'status=Churned', reason: 'category,reason', by: ['plan'] };
    expect(reasonsDifferences(await reasons(spec), await reasonsOnEngine(spec, duckdb))).toEqual([]);
  });

  it('valueOnEngine(spec, { engine: "duckdb" }) gives value(spec)', async () => {
    const spec = { input: { customers }, columns: { id: 'id', signup: 'signup', churn: 'churned_at' }, value: 'revenue', by: ['segment'], cohort: 'quarter' as const };
    expect(valueDifferences(await value(spec), await valueOnEngine(spec, duckdb))).toEqual([]);
  });

  it('feedbackOnEngine(spec, { engine: "duckdb" }) gives feedback(spec)', async () => {
    const spec = { input: { customers: survey }, columns: { id: 'id' }, by: ['segment'], nps: 'nps', csat: 'csat', ces: 'ces' };
    expect(feedbackDifferences(await feedback(spec), await feedbackOnEngine(spec, duckdb))).toEqual([]);
  });

  it('a repeated id: the first row counts on DuckDB (the file\'s order) as in memory, the repeat reported', async () => {
    const file = path.join(dir, 'repeat.csv');
    writeFileSync(file, 'id,status,why\na,Churned,x\na,Stayed,\nb,Churned,y\n');
    const spec = { input: { customers: file }, columns: { id: 'id' }, event: 'status=Churned', reason: 'why' };
    const [mem, sql] = [await reasons(spec), await reasonsOnEngine(spec, duckdb)];
    expect(sql.totalChurned).toBe(2);
    expect(reasonsDifferences(mem, sql)).toEqual([]);
    expect(sql.report.customers.excluded.duplicateId).toBe(1);
  });
});

describe('reasons with a status and signups after as-of', () => {
  it('counts signups missing and after as-of apart, before the status (memory and DuckDB)', async () => {
    const file = path.join(dir, 'late.csv');
    // c: signup after as-of and no status; d: no signup; e: no status.
    writeFileSync(file, 'id,status,why,signup\na,Churned,x,2024-01-05\nb,Stayed,,2024-01-06\nc,,,2024-03-01\nd,Churned,y,\ne,,,2024-01-07\n');
    const spec = { input: { customers: file }, columns: { id: 'id', signup: 'signup' }, event: 'status=Churned', reason: 'why', cohort: 'month' as const, asOf: '2024-02-01' };
    for (const r of [await reasons(spec), await reasonsOnEngine(spec, duckdb)]) {
      expect(r.report.customers.excluded).toMatchObject({ anchorAfterAsOf: 1, missingAnchor: 1, missingEvent: 1 });
      expect(r.report.customers.used).toBe(2);
    }
  });
});
