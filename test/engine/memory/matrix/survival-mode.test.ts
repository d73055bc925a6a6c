import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { tidyTable } from '../../../../src/result/tidy-table.js';
import { retention } from '../../../../src/api/matrix.js';

const customers = aq.table({
  id: ['p', 'q', 'r', 's', 'x'],
  signup: ['2024-01-05', '2024-01-10', '2024-01-20', '2024-02-03', '2024-03-01'],
  churn: [null, '2024-02-15', '2024-01-25', '2024-04-10', '2024-02-01'],
});

function cells(r: ReturnType<typeof retention>) {
  return (tidyTable(r).objects() as { cohort: string; offset: number; active: number; value: number }[]).map(
    (x) => [x.cohort, x.offset, x.active, x.value],
  );
}

describe('retention({customers}, {mode: "survival"})', () => {
  const r = retention({ customers }, { mode: 'survival', columns: { signup: 'signup', churn: 'churn' }, asOf: '2024-05-01' });

  it('is the share of the cohort not churned by the end of offset k', () => {
    expect(cells(r)).toEqual([
      ['2024-01', 0, 2, 2 / 3], // r churned in January
      ['2024-01', 1, 1, 1 / 3], // q churned in February
      ['2024-01', 2, 1, 1 / 3],
      ['2024-01', 3, 1, 1 / 3],
      ['2024-02', 0, 1, 1],
      ['2024-02', 1, 1, 1],
      ['2024-02', 2, 0, 0], // s churned 2024-04-10
    ]);
  });

  it('leaves out and counts a customer who churned before signing up', () => {
    expect(r.report.churn).toMatchObject({ churnBeforeAnchor: 1, churned: 3 });
    expect(r.cohorts.label).toEqual(['2024-01', '2024-02']);
  });

  it('takes a churn after as-of as still a customer', () => {
    const early = retention({ customers }, { mode: 'survival', columns: { signup: 'signup', churn: 'churn' }, asOf: '2024-04-01' });
    expect(early.report.churn!.churnAfterAsOf).toBe(1);
    const feb = cells(early).filter((x) => x[0] === '2024-02');
    expect(feb).toEqual([['2024-02', 0, 1, 1], ['2024-02', 1, 1, 1]]);
  });
});

describe('retention(activity, {mode: "survival", inactiveAfter: "30d"})', () => {
  it('infers churn at last activity + 30 days when that is before as-of', () => {
    const activity = aq.table({
      id: ['a', 'a', 'b', 'b', 'b'],
      time: ['2024-01-02', '2024-01-20', '2024-01-05', '2024-02-20', '2024-03-25'],
    });
    const r = retention(activity, { mode: 'survival', inactiveAfter: '30d', asOf: '2024-04-01' });
    // a: churned 2024-02-19 (February); b: last seen 03-25, +30d is after as-of: still a customer.
    expect(cells(r)).toEqual([
      ['2024-01', 0, 2, 1],
      ['2024-01', 1, 1, 0.5],
      ['2024-01', 2, 1, 0.5],
    ]);
  });
});
