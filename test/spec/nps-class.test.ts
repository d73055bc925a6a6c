import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { retention } from '../../src/api/matrix.js';
import { tidyTable } from '../../src/result/tidy-table.js';
import { npsClassAttribute } from '../../src/spec/nps-class.js';
import { survivalFromTables } from '../../src/api/survival.js';

const schema = { customers: { file: 'c.csv', columns: ['id', 'NPS Score', 'plan'] } };

describe('npsClassAttribute', () => {
  it('makes nps_class the class of the named NPS column (loose name match)', () => {
    expect(npsClassAttribute('nps_class', 'nps score', schema)).toEqual({ column: 'nps_class', table: 'customers', nps: 'NPS Score' });
    expect(npsClassAttribute('plan', 'NPS Score', schema)).toBeUndefined();
  });
  it('leaves a real nps_class column alone', () => {
    expect(npsClassAttribute('nps_class', 'x', { customers: { file: 'c', columns: ['nps_class'] } })).toBeUndefined();
  });
  it('fails without an NPS column, naming the flag', () => {
    expect(() => npsClassAttribute('nps_class', undefined, schema)).toThrow(/name it with nps <column>/);
    expect(() => npsClassAttribute('nps_class', 'score', schema)).toThrow(/no column "score" for NPS scores/);
  });
});

// METRICS.md section 9's activity, with an NPS score per customer: a 10 (promoter),
// b 3 (detractor), c 9 (promoter), d 7 (passive).
const activity = () =>
  aq.table({
    id: ['a', 'a', 'a', 'b', 'b', 'c', 'c', 'd'],
    time: ['2024-01-05', '2024-02-10', '2024-03-01', '2024-01-20', '2024-03-15', '2024-02-01', '2024-02-28', '2024-03-31T23:59Z'],
  });
const customers = () => aq.table({ id: ['a', 'b', 'c', 'd'], nps: [10, 3, 9, 7] });

describe('nps_class as a cohort key', () => {
  it('kohort matrix --cohort month,nps_class --nps nps', () => {
    const r = retention({ activity: activity(), customers: customers() }, { cohort: ['month', 'nps_class'], nps: 'nps', asOf: '2024-04-01', anchor: 'first-activity' });
    const rows = tidyTable(r).objects() as Record<string, unknown>[];
    const k0 = rows.filter((x) => x.offset === 0).map((x) => [x.cohort, x.nps_class, x.cohort_size]);
    expect(k0).toEqual([
      ['2024-01', 'detractor', 1],
      ['2024-01', 'promoter', 1],
      ['2024-02', 'promoter', 1],
      ['2024-03', 'passive', 1],
    ]);
    // 2024-01 promoter (a) is active at k = 1, the detractor (b) is not.
    const k1 = rows.filter((x) => x.offset === 1 && x.cohort === '2024-01').map((x) => [x.nps_class, x.value]);
    expect(k1).toEqual([
      ['detractor', 0],
      ['promoter', 1],
    ]);
  });

  it('kohort survival --by nps_class --nps nps', () => {
    const s = survivalFromTables({ activity: activity(), customers: customers() }, { inactiveAfter: '30d', by: ['nps_class'], nps: 'nps', asOf: '2024-04-01' });
    expect(s.groups.map((g) => [g.key.nps_class, g.curve.n])).toEqual([
      ['detractor', 1],
      ['passive', 1],
      ['promoter', 2],
    ]);
  });
});
