import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crr } from '../../../src/api/crr.js';
import { crrOnEngine, matrixOnEngine, survivalOnEngine } from '../../../src/api/engines.js';
import { matrix } from '../../../src/api/matrix.js';
import { survival } from '../../../src/api/survival.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { matrixDifferences } from './same-matrix.js';

// A churn time of 9999-12-31 is the "never" of exports: read as no churn (censored at an
// as-of from the real data), in memory and on DuckDB alike, in UTC and in New York, whatever
// form the sentinel takes. Before: memory took 10000-01-01 as the as-of and counted b as
// churned; DuckDB failed on that as-of.

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-never-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Customers a..d, b's churn `never`; the other times dates, or instants when `never` has an offset. */
function customers(never: string): string {
  const file = path.join(dir, `c${never.replace(/\W/g, '')}.csv`);
  const z = never.endsWith('Z') ? 'T00:00:00Z' : '';
  const lines = ['id,signup,churn', `a,2024-01-05${z},2024-03-01${z}`, `b,2024-01-20${z},${never}`, `c,2024-02-01${z},`, `d,2024-02-10${z},2024-05-01${z}`];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
const activity = path.join(dir, 'activity.csv');
writeFileSync(activity, 'id,time\na,2024-01-06\nb,2024-02-21\nc,2024-03-02\nd,2024-04-11\n');

const columns = { id: 'id', signup: 'signup', churn: 'churn' };

describe('readNeverChurn: a churn in the year 9999 is no churn, memory = DuckDB', () => {
  const cases = [['9999-12-31', 'UTC'], ['9999-12-31', 'America/New_York'], ['9999-12-31 23:59:59', 'UTC']];
  for (const [never, tz] of cases) {
    it(`survival, crr and the survival matrix with churn ${never} in ${tz}`, async () => {
      const file = customers(never);
      const spec = { input: { customers: file }, columns, tz };
      const mem = await survival(spec);
      // As-of: the end of the latest real day (d's churn, 1 May 2024); b is censored.
      expect(new Date(mem.asOf!).toISOString().slice(0, 10)).toBe('2024-05-02');
      expect(mem.report.customers.churned).toBe(2);
      expect(mem.report.customers.censored).toBe(2);
      expect(survivalDifferences(mem, await survivalOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
      const c = await crr(spec);
      expect(crrDifferences(c, await crrOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
      const m = { input: { customers: file, activity }, columns: { ...columns, time: 'time' }, tz, mode: 'survival' as const, anchor: 'signup' as const, cohort: ['month'] };
      expect(matrixDifferences(await matrix(m), await matrixOnEngine(m, { engine: 'duckdb' }))).toEqual([]);
    });
  }

  it('reads an instant 9999-12-31T00:00:00Z as never in New York too (9999-12-30 there)', async () => {
    const spec = { input: { customers: customers('9999-12-31T00:00:00Z') }, columns, tz: 'America/New_York' };
    const mem = await survival(spec);
    expect(mem.report.customers.churned).toBe(2);
    expect(survivalDifferences(mem, await survivalOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
  });
});
