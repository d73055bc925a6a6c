import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../../src/api/compare.js';
import { compareOnEngine, survivalOnEngine } from '../../../src/api/engines.js';
import { survival } from '../../../src/api/survival.js';
import { compareDifferences } from './same-compare.js';
import { survivalDifferences } from './same-churn.js';

// Naive CSV times (no offset) are wall-clock readings in --tz. In Europe/Berlin 02:30 on
// 2022-10-30 happens twice: kohort reads the earlier instant (00:30Z), 02:30 on 2022-03-27
// never happens: it moves forward (01:30Z). DuckDB must read them the same.
const SAMPLE = path.resolve(__dirname, '../../../datasets/sample');

describe('naive times across Berlin DST changes on --engine duckdb', () => {
  it('survival durations from a time in the repeated hour and in the gap are the memory engine\'s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-overlap-'));
    const file = path.join(dir, 'customers.csv');
    writeFileSync(file, [
      'id,signup,churn,plan',
      'a,2022-10-30 02:30:00,2022-11-02 12:00:00,x',
      'b,2022-10-30 01:59:00,2022-11-02 12:00:00,x',
      'c,2022-03-27 02:30:00,2022-04-02 12:00:00,y',
      'd,2022-10-29 02:30:00,2022-11-01 02:30:00,y',
      'e,2022-10-30 03:00:00,,x',
      'f,2022-03-20 10:00:00,2022-10-30 02:10:00,y',
    ].join('\n'));
    const spec = { input: { customers: file }, columns: { id: 'id', signup: 'signup', churn: 'churn' }, by: ['plan'], tz: 'Europe/Berlin', unit: 'days' as const };
    const mem = await survival(spec);
    const duck = await survivalOnEngine(spec, { engine: 'duckdb' });
    expect(survivalDifferences(mem, duck)).toEqual([]);
    // a: 00:30Z to 11:00Z three days later.
    expect(Array.from(mem.groups[0].curve.time)).toContain(3 + 10.5 / 24);
  });

  it('compare on the sample\'s naive times in Europe/Berlin, first activity anchor', async () => {
    const spec = {
      input: { activity: path.join(SAMPLE, 'activity.csv'), customers: path.join(SAMPLE, 'customers.csv') },
      by: 'monthly_price > 20', anchor: 'first-activity' as const, tz: 'Europe/Berlin',
      columns: { id: 'customer_id', time: 'event_time', amount: 'monthly_price' },
    };
    expect(compareDifferences(await compare(spec), await compareOnEngine(spec, { engine: 'duckdb' }))).toEqual([]);
  });
});
