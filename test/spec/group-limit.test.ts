import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/api/compare.js';
import { compareOnEngine, survivalOnEngine } from '../../src/api/engines.js';
import { survival } from '../../src/api/survival.js';
import { MAX_GROUPS } from '../../src/spec/group-limit.js';

// A --by column with a value per few customers (a zip code, a customer-level id) made
// `compare` and `survival --by` build a G x G test for hours: past MAX_GROUPS groups they
// fail at once, naming the column, its count and the way out.

function customersFile(groups: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-groups-'));
  const file = path.join(dir, 'customers.csv');
  const rows = ['id,signup,churn,zip,plan'];
  for (let i = 0; i < groups * 2; i++) {
    const day = 1 + (i % 28);
    const churn = i % 3 === 0 ? `2023-03-${String(day).padStart(2, '0')}` : '';
    rows.push(`c${i},2023-01-${String(day).padStart(2, '0')},${churn},Z${String(i % groups).padStart(5, '0')},${i % 2 ? 'pro' : 'basic'}`);
  }
  writeFileSync(file, rows.join('\n'));
  return file;
}

const over = customersFile(MAX_GROUPS + 1);
const columns = { id: 'id', signup: 'signup', churn: 'churn' };
const compareSpec = { input: { customers: over }, columns, by: 'zip', mode: 'survival' as const, asOf: '2023-06-01' };
const survivalSpec = { input: { customers: over }, columns, by: ['zip'], asOf: '2023-06-01' };

describe('checkCompareGroups(by, count)', () => {
  it('compare --by a column of more than MAX_GROUPS values fails naming it, its count and --groups or a condition', async () => {
    await expect(compare(compareSpec)).rejects.toThrow(
      `by "zip" has ${(MAX_GROUPS + 1).toLocaleString('en-US')} distinct values to compare; compare takes at most ${MAX_GROUPS.toLocaleString('en-US')} groups: name the ones to compare with groups a,b,... or split in two with a condition such as by "zip > x"`,
    );
  });

  it('the same on --engine duckdb', async () => {
    await expect(compareOnEngine(compareSpec, { engine: 'duckdb' })).rejects.toMatchObject({ code: 'tooManyGroups' });
  });

  it('--groups picks a few of them, and a condition splits in two: both run', async () => {
    const few = await compare({ ...compareSpec, groups: ['Z00001', 'Z00002'] });
    expect(few.groups.map((g) => g.key)).toEqual(['Z00001', 'Z00002']);
    const two = await compare({ ...compareSpec, by: 'zip > Z00500' });
    expect(two.groups.map((g) => g.key)).toEqual(['true', 'false']);
  });
});

describe('checkSurvivalGroups(by, count)', () => {
  it('survival --by with more than MAX_GROUPS groups fails naming the columns and the count', async () => {
    await expect(survival(survivalSpec)).rejects.toThrow(
      `by "zip" makes ${(MAX_GROUPS + 1).toLocaleString('en-US')} groups; the test across them takes at most ${MAX_GROUPS.toLocaleString('en-US')}: group by a column with fewer values, or keep some with where`,
    );
  });

  it('the same on --engine duckdb', async () => {
    await expect(survivalOnEngine(survivalSpec, { engine: 'duckdb' })).rejects.toMatchObject({ code: 'tooManySurvivalGroups' });
  });

  it('MAX_GROUPS groups still run', async () => {
    const s = await survival({ ...survivalSpec, input: { customers: customersFile(MAX_GROUPS) } });
    expect(s.groups).toHaveLength(MAX_GROUPS);
    expect(s.test?.df).toBeGreaterThan(0);
  });
});
