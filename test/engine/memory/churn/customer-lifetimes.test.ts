import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { assignCohorts } from '../../../../src/engine/memory/prepare/assign-cohorts.js';
import { customerLifetimes } from '../../../../src/engine/memory/churn/customer-lifetimes.js';
import { durationsFromTimes } from '../../../../src/engine/memory/churn/durations-from-times.js';
import { inputSchema } from '../../../../src/load/input-tables.js';
import { normalizeSurvival } from '../../../../src/spec/survival-spec.js';
import { lifetimeTables } from '../../../../src/api/survival.js';
import { timeZone } from '../../../../src/time/zone.js';

const customers = aq.table({
  id: ['p', 'q', 'r', 's', 'x', 'y'],
  signup: ['2024-01-05', '2024-01-10', null, '2024-02-03', '2024-03-01', '2024-01-07'],
  churn: [null, '2024-02-15', '2024-01-25', '2024-04-10', '2024-02-01', null],
  plan: ['a', 'b', 'a', null, 'b', 'a'],
});

function lifetimes(by: string[] = []) {
  const tables = lifetimeTables(customers, {});
  const spec = normalizeSurvival({ input: {}, columns: { id: 'id', signup: 'signup', churn: 'churn' }, asOf: '2024-05-01', by }, inputSchema(tables));
  return customerLifetimes(spec, tables);
}

describe('customerLifetimes groups', () => {
  it('without --by: everyone in the run in one group, as assignCohorts puts them', () => {
    const life = lifetimes();
    // r has no signup, x churned before signing up: both out of the run.
    expect(Array.from(life.groups.of)).toEqual([0, 0, -1, 0, -1, 0]);
    expect(life.groups).toEqual(assignCohorts(life.anchor, undefined, 'monday', timeZone('UTC'), []));
    expect(life.report.customers).toMatchObject({ read: 6, used: 4, churned: 2, censored: 2 });
  });

  it('with --by: the attribute read from each customer row (missing is a group of its own)', () => {
    const life = lifetimes(['plan']);
    expect(life.groups.attributes).toEqual([{ name: 'plan', values: ['a', 'b', null] }]);
    expect(Array.from(life.groups.of)).toEqual([0, 1, -1, 2, -1, 0]);
  });

  it('no one in the run: no group', () => {
    const anchor = Float64Array.of(NaN, NaN);
    expect(assignCohorts(anchor, undefined, 'monday', timeZone('UTC'), [])).toMatchObject({ count: 0 });
    const tables = lifetimeTables(aq.table({ id: ['z'], signup: [null], churn: [null] }), {});
    const spec = normalizeSurvival({ input: {}, columns: { id: 'id', signup: 'signup', churn: 'churn' }, asOf: '2024-05-01' }, inputSchema(tables));
    const life = customerLifetimes(spec, tables);
    expect(life.groups).toEqual(assignCohorts(life.anchor, undefined, 'monday', timeZone('UTC'), []));
  });
});

describe('durationsFromTimes', () => {
  it('churned: churn - anchor (event); else as-of - anchor (censored); NaN out of the run', () => {
    const day = 86_400_000;
    const { duration, event } = durationsFromTimes(Float64Array.of(0, day, NaN), Float64Array.of(3 * day, NaN, NaN), 10 * day, day);
    expect(Array.from(duration)).toEqual([3, 9, NaN]);
    expect(Array.from(event)).toEqual([1, 0, 0]);
  });
});

describe('customerLifetimes report', () => {
  it('carries the load warnings: activity ids none of which is in the customers table', () => {
    const input = {
      customers: aq.table({ id: ['01', '02'], signup: ['2024-01-01', '2024-01-01'] }),
      activity: aq.table({ id: ['1', '2'], time: ['2024-01-02', '2024-02-01'] }),
    };
    const tables = lifetimeTables(input, { inactiveAfter: '10d' });
    const spec = normalizeSurvival({ input: {}, columns: { id: 'id', signup: 'signup', time: 'time' }, inactiveAfter: '10d' }, inputSchema(tables));
    const life = customerLifetimes(spec, tables);
    expect(life.report.warnings).toHaveLength(1);
    expect(life.report.warnings[0]).toMatch(/^none of the 2 activity rows with an id .*has its id in the customers table/);
  });
});
