import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import type { MatrixResult } from '../../src/result/matrix-result.js';
import { tidyTable } from '../../src/result/tidy-table.js';
import { retention } from '../../src/api/matrix.js';

// METRICS.md section 9: the worked example.
const events = aq.table({
  id: ['a', 'a', 'a', 'b', 'b', 'c', 'c', 'd'],
  time: [
    '2024-01-05', '2024-02-10', '2024-03-01',
    '2024-01-20', '2024-03-15',
    '2024-02-01', '2024-02-28',
    '2024-03-31T23:59Z',
  ],
});

/** cell value by cohort label and offset; undefined = absent. */
function cells(r: MatrixResult): Map<string, number | null> {
  const m = new Map<string, number | null>();
  for (const row of tidyTable(r).objects() as { cohort: string; offset: number; value: number | null }[]) {
    m.set(`${row.cohort}/${row.offset}`, row.value);
  }
  return m;
}

describe('retention(table, {mode: "classic"}) on the METRICS.md worked example', () => {
  const r = retention(events, { asOf: '2024-04-01T00:00Z' });

  it('finds the cohorts and their sizes', () => {
    expect(r.cohorts.label).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(Array.from(r.cohorts.size)).toEqual([2, 1, 1]);
  });

  it('computes every cell of the table and leaves April absent', () => {
    const c = cells(r);
    expect(c.get('2024-01/0')).toBe(1);
    expect(c.get('2024-01/1')).toBe(0.5);
    expect(c.get('2024-01/2')).toBe(1);
    expect(c.get('2024-02/0')).toBe(1);
    expect(c.get('2024-02/1')).toBe(0);
    expect(c.has('2024-02/2')).toBe(false);
    expect(c.get('2024-03/0')).toBe(1);
    expect(c.has('2024-03/1')).toBe(false);
    expect(c.size).toBe(6);
  });

  it('weights the average row by size over complete cells only', () => {
    // k=0: (2+1+1)/(2+1+1); k=1: (1+0)/(2+1); k=2: 2/2.
    expect(Array.from(r.average.value)).toEqual([1, 1 / 3, 1]);
  });
});

describe('retention(table, {mode: "unbounded"}) on the worked example', () => {
  it('counts b at k=1 because b returns at k=2', () => {
    const c = cells(retention(events, { asOf: '2024-04-01T00:00Z', mode: 'unbounded' }));
    expect([c.get('2024-01/0'), c.get('2024-01/1'), c.get('2024-01/2')]).toEqual([1, 1, 1]);
    expect(c.get('2024-02/1')).toBe(0);
  });
});

describe('retention(table, {asOf: "2024-03-20T00:00Z"}) on the worked example', () => {
  const r = retention(events, { asOf: '2024-03-20T00:00Z' });
  const c = cells(r);

  it('leaves out activity after as-of, so d is no customer at all', () => {
    expect(r.cohorts.label).toEqual(['2024-01', '2024-02']);
    expect(r.report.excluded.afterAsOf).toBe(1);
  });

  it('makes March incomplete: 2024-01 k=2 and 2024-02 k=1 absent, 2024-01 k=1 still 0.5', () => {
    expect(c.has('2024-01/2')).toBe(false);
    expect(c.has('2024-02/1')).toBe(false);
    expect(c.get('2024-01/1')).toBe(0.5);
  });

  it('shows the incomplete cells flagged with partial', () => {
    const rows = tidyTable(retention(events, { asOf: '2024-03-20T00:00Z', partial: true })).objects() as {
      cohort: string; offset: number; complete: boolean; active: number;
    }[];
    const jan2 = rows.find((x) => x.cohort === '2024-01' && x.offset === 2)!;
    expect(jan2.complete).toBe(false);
    expect(jan2.active).toBe(2); // a (03-01) and b (03-15), both before as-of
  });
});

describe('retention(table) default as-of', () => {
  it('is the end of the day of the latest timestamp', () => {
    const r = retention(events);
    expect(new Date(r.asOf).toISOString()).toBe('2024-04-01T00:00:00.000Z');
  });
});
