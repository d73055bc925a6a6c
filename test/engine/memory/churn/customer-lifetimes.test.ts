import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { assignCohorts } from '../../../../src/engine/memory/prepare/assign-cohorts.js';
import { customerLifetimes } from '../../../../src/engine/memory/churn/customer-lifetimes.js';
import fc from 'fast-check';
import { durationsFromTimes, scannedDurations } from '../../../../src/engine/memory/churn/durations-from-times.js';
import { prepareRun } from '../../../../src/engine/memory/prepare/prepare-run.js';
import { scanRows } from '../../../../src/stats/survival-tally.js';
import { inputSchema } from '../../../../src/load/input-tables.js';
import { normalizeSurvival } from '../../../../src/spec/survival-spec.js';
import { lifetimeTables } from '../../../../src/api/survival.js';
import { compareFromTables } from '../../../../src/api/compare.js';
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

describe('customerLifetimes(spec, tables, {reuse})', () => {
  it("takes another run's signup anchors without writing into them: the customers it leaves out are NaN in its own copy", () => {
    const tables = lifetimeTables(customers, {});
    const spec = normalizeSurvival({ input: {}, columns: { id: 'id', signup: 'signup', churn: 'churn' }, asOf: '2024-05-01', by: ['plan'] }, inputSchema(tables));
    const first = prepareRun(spec, tables, { signupAnchor: true });
    const before = first.anchor.slice();
    const reusing = customerLifetimes(spec, tables, { reuse: { shared: first.shared } });
    const alone = customerLifetimes(spec, tables);
    // x churned before signing up: out of this run, but not of the first.
    expect(Number.isNaN(reusing.anchor[4])).toBe(true);
    expect(first.anchor).toEqual(before);
    expect(first.anchor[4]).toBe(Date.parse('2024-03-01'));
    expect(Array.from(reusing.anchor)).toEqual(Array.from(alone.anchor));
    expect(Array.from(reusing.churn)).toEqual(Array.from(alone.churn));
    expect(reusing.report).toEqual(alone.report);
    expect(reusing.groups).toEqual(alone.groups);
  });
});

describe('scannedDurations', () => {
  it('the durations, events and row scan of durationsFromTimes then scanRows, bit for bit, on shared memory; the same errors', () => {
    const time = fc.oneof(fc.constant(NaN), fc.integer({ min: -5, max: 400 }).map((d) => d * 3_600_000), fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.constantFrom(-0, 0, Infinity, -Infinity));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(time, time, fc.integer({ min: -2, max: 4 })), { maxLength: 60 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom(3_600_000, 86_400_000, 1),
        (rows, groupCount, unit) => {
          const anchor = Float64Array.from(rows, (r) => r[0]);
          const churn = Float64Array.from(rows, (r) => r[1]);
          const codes = Int32Array.from(rows, (r) => r[2]);
          const asOf = 300 * 3_600_000;
          const old = durationsFromTimes(anchor, churn, asOf, unit);
          const expected = thrown(() => scanRows(old.duration, old.event, codes, groupCount));
          const got = thrown(() => scannedDurations(anchor, churn, asOf, unit, codes, groupCount));
          if (expected.error !== undefined || got.error !== undefined) {
            expect(String(got.error)).toBe(String(expected.error));
            return;
          }
          const { duration, event, scan } = got.value!;
          expect(new Uint8Array(duration.buffer)).toEqual(new Uint8Array(old.duration.buffer));
          expect(event).toEqual(old.event);
          expect(scan).toEqual(expected.value);
          expect(duration.buffer).toBeInstanceOf(SharedArrayBuffer);
          expect(event.buffer).toBeInstanceOf(SharedArrayBuffer);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** The value of f, or what it threw. */
function thrown<T>(f: () => T): { value?: T; error?: unknown } {
  try {
    return { value: f() };
  } catch (error) {
    return { error };
  }
}

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

describe('customerLifetimes(spec, tables) with compare groups of an activity column', () => {
  // u's rows are all in channel z, in no compared group.
  const activity = aq.table({
    id: ['s', 's', 't', 't', 'u', 'u', 'v', 'v'],
    time: ['2024-01-05', '2024-03-10', '2024-01-20', '2024-02-20', '2024-01-15', '2024-02-01', '2024-01-09', '2024-02-11'],
    ch: ['x', 'x', 'y', 'y', 'z', 'z', 'x', 'z'],
  });
  const spec = { columns: { id: 'id', time: 'time' }, by: 'ch', groups: ['x', 'y'], inactiveAfter: '30d', asOf: '2024-06-01' };

  it('counts a customer whose every kept row is in no group as noGroup, not as missingAnchor', () => {
    const r = compareFromTables({ activity }, spec);
    expect(r.survival!.report.customers).toMatchObject({ read: 4, used: 3 });
    expect(r.survival!.report.customers.excluded).toMatchObject({ missingAnchor: 0, noGroup: 1 });
  });

  it('keeps missingAnchor for a customer --where alone leaves without a row', () => {
    const r = compareFromTables({ activity }, { ...spec, where: ['time < 2024-02-01'] });
    // u: its kept row (01-15) is in channel z: no group; v: x on 01-09 counts; s, t count.
    expect(r.survival!.report.customers.excluded).toMatchObject({ missingAnchor: 0, noGroup: 1 });
    const late = compareFromTables({ activity }, { ...spec, where: ['time >= 2024-02-05'] });
    // s (03-10) and t (02-20) count; u's rows are both cut by --where: no anchor; v's kept 02-11 is z: no group.
    expect(late.survival!.report.customers.excluded).toMatchObject({ missingAnchor: 1, noGroup: 1 });
  });
});
