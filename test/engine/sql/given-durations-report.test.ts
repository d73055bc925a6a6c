import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare } from '../../../src/api/compare.js';
import { compareOnEngine, reasonsOnEngine, survivalOnEngine } from '../../../src/api/engines.js';
import { reasons } from '../../../src/api/reasons.js';
import { survival } from '../../../src/api/survival.js';
import { compareDifferences } from './same-compare.js';
import { survivalDifferences } from './same-churn.js';
import { reasonsDifferences } from './same-outcomes.js';

// The event rule ("Churn=Yes": exact when the column holds "Yes", else in any case) is
// decided over the whole event column, repeated ids' rows included, on DuckDB as in memory.
// Here "Yes" is only in a's repeated row: memory reads c's "yes" as not the event (0 events);
// before, DuckDB decided over the first rows, found no "Yes" and counted c (1 event).

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-given-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'dur.csv');
writeFileSync(file, 'id,tenure,Churn,plan,reason\na,5,No,p,\nb,8,No,q,\nc,12,yes,p,Price\na,3,Yes,q,Price\nd,4,no,q,\ne,6,No,p,\n');

describe('givenDurationsCounts: the event rule over the whole column, repeated ids included (memory = DuckDB)', () => {
  it('survival --duration --event', async () => {
    const spec = { input: { customers: file }, columns: { id: 'id' }, duration: 'tenure', event: 'Churn=Yes' };
    const mem = await survival(spec);
    expect(mem.report.customers.churned).toBe(0);
    expect(survivalDifferences(mem, await survivalOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
  });

  it('compare --duration --event by plan', async () => {
    const spec = { input: { customers: file }, columns: { id: 'id' }, duration: 'tenure', event: 'Churn=Yes', by: 'plan' };
    expect(compareDifferences(await compare(spec), await compareOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
  });

  it('reasons with a status flag (execute-outcomes-sql.ts reads the flag the same way)', async () => {
    const spec = { input: { customers: file }, columns: { id: 'id' }, event: 'Churn=Yes', reason: 'reason', by: ['plan'] };
    const mem = await reasons(spec);
    expect(reasonsDifferences(mem, await reasonsOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
  });
});
