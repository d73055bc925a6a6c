import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { compareFromTables } from '../../src/api/compare.js';
import { comparePlan } from '../../src/plan/compare-plan.js';

const schema = {
  activity: { file: 'e.csv', columns: ['id', 'time', 'amount'] },
  customers: { file: 'c.csv', columns: ['id', 'signup', 'ch'] },
};

describe('comparePlan(spec, schema)', () => {
  it('reads the id columns as text ("007" and "7" are two customers), as the matrix plan does; the group column is a label (CSV: text unless plain numbers)', () => {
    const p = comparePlan({ input: {}, by: 'ch', columns: { amount: 'amount' } }, schema);
    expect(p.read.activity).toMatchObject({ text: ['id'] });
    expect(p.read.customers).toMatchObject({ text: ['id'], csvLabels: ['ch'] });
  });

  it('reads the column of a condition as the file types it ("ch > 0" compares numbers)', () => {
    const p = comparePlan({ input: {}, by: 'ch > 0' }, schema);
    expect(p.read.customers).toMatchObject({ columns: ['id', 'signup', 'ch'], text: ['id'] });
    expect(p.read.customers!.csvLabels).toBeUndefined();
  });

  it('with a decimal comma, reads the activity amounts of CSV files as text', () => {
    const p = comparePlan({ input: {}, by: 'ch', columns: { amount: 'amount' }, decimal: ',' }, schema);
    expect(p.read.activity).toMatchObject({ csvText: ['amount'] });
  });

  it('keeps "007" and "7" apart in memory too', () => {
    const activity = aq.table({ id: ['007', '7', '08', '8'], time: ['2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08'] });
    const customers = aq.table({ id: ['007', '7', '08', '8'], ch: ['x', 'y', 'x', 'y'] });
    const r = compareFromTables({ activity, customers }, { by: 'ch', asOf: '2024-03-01' });
    expect(r.groups.map((g) => [g.key, g.n])).toEqual([['x', 2], ['y', 2]]);
  });
});
