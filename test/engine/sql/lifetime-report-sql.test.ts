import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare } from '../../../src/api/compare.js';
import { compareOnEngine } from '../../../src/api/engines.js';
import type { CompareSpec } from '../../../src/spec/compare-spec.js';

// compare --by an activity column, anchored on the first activity: a customer whose rows
// --where keeps are all in no compared group is in no group (noGroup), not without an anchor
// (missingAnchor), on DuckDB as in memory (0f00aa0 fixed memory; before, DuckDB gave
// missing_anchor 1, no_group 0 where memory gives 0 and 1).

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-nogroup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const activity = path.join(dir, 'ev.csv');
// u's rows are all in channel z, in no compared group; v has x on 01-09 and z on 02-11.
writeFileSync(activity, 'id,time,ch\ns,2024-01-05,x\ns,2024-03-10,x\nt,2024-01-20,y\nt,2024-02-20,y\nu,2024-01-15,z\nu,2024-02-01,z\nv,2024-01-09,x\nv,2024-02-11,z\n');
const customers = path.join(dir, 'cus.csv');
writeFileSync(customers, 'id,plan\ns,a\nt,b\nu,a\nv,b\nw,a\n');

const base: CompareSpec = { input: { activity }, columns: { id: 'id', time: 'time' }, by: 'ch', groups: ['x', 'y'], inactiveAfter: '30d', asOf: '2024-06-01' };

async function excluded(spec: CompareSpec): Promise<[unknown, unknown]> {
  const mem = await compare(spec);
  const sql = await compareOnEngine(spec, { engine: 'duckdb' });
  return [sql.survival!.report.customers, mem.survival!.report.customers];
}

describe('lifetimeReport of compare --by an activity column: noGroup, not missingAnchor (memory = DuckDB)', () => {
  it('counts a customer whose every row is in no group as noGroup', async () => {
    const [sql, mem] = await excluded(base);
    expect(mem).toMatchObject({ used: 3, excluded: { missingAnchor: 0, noGroup: 1 } });
    expect(sql).toEqual(mem);
  });

  it('with --where: noGroup for a kept row in no group, missingAnchor for a customer --where leaves without a row', async () => {
    for (const where of [['time < 2024-02-01'], ['time >= 2024-02-05']]) {
      const [sql, mem] = await excluded({ ...base, where });
      expect(sql, where[0]).toEqual(mem);
    }
    const [, late] = await excluded({ ...base, where: ['time >= 2024-02-05'] });
    expect(late).toMatchObject({ excluded: { missingAnchor: 1, noGroup: 1 } });
  });

  it('with a customers table (w has no activity: missingAnchor)', async () => {
    const spec = { ...base, input: { activity, customers } };
    const [sql, mem] = await excluded(spec);
    expect(mem).toMatchObject({ excluded: { missingAnchor: 1, noGroup: 1 } });
    expect(sql).toEqual(mem);
    const [sql2, mem2] = await excluded({ ...spec, where: ['plan != a', 'time < 2024-02-15'] });
    expect(sql2).toEqual(mem2);
  });
});
