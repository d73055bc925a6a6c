import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as aq from 'arquero';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { KohortError } from '../../src/errors.js';
import { survivalCurveTable } from '../../src/result/survival-table.js';
import { survivalJSON } from '../../src/result/survival-json.js';
import type { SurvivalResult } from '../../src/result/survival-result.js';
import { kaplanMeier } from '../../src/stats/kaplan-meier.js';
import { medianSurvival } from '../../src/stats/median.js';
import { survival, survivalFromTables } from '../../src/api/survival.js';

const DAY = 86_400_000;
const telco = fileURLToPath(new URL('../../../shared/datasets/telco/Telco-Customer-Churn.csv', import.meta.url));
const hasTelco = existsSync(telco);
if (!hasTelco) console.warn(`skipping the Telco tests: ${telco} is absent (../shared/datasets)`);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-survival-'));
});

/** The event rows of a group's curve as [time, n_risk, events, S rounded to 4]. */
function eventRows(r: SurvivalResult, g = 0): number[][] {
  return r.groups[g].curve.rows.filter((x) => x.nEvent > 0).map((x) => [x.time, x.nRisk, x.nEvent, Number(x.survival.toFixed(4))]);
}

// METRICS.md section 9: (5,1) (5,0) (8,1) (8,1) (12,0) (15,1).
const KM = { days: [5, 5, 8, 8, 12, 15], event: [1, 0, 1, 1, 0, 1] };
const KM_ROWS = [
  [5, 6, 1, 0.8333],
  [8, 4, 2, 0.4167],
  [15, 1, 1, 0],
];

describe('survivalFromTables: the Kaplan-Meier worked example', () => {
  it('from durations given directly', () => {
    const t = aq.table({ id: ['a', 'b', 'c', 'd', 'e', 'f'], days: KM.days, churned: KM.event });
    const r = survivalFromTables(t, { duration: 'days', event: 'churned' });
    expect(r.groups).toHaveLength(1);
    expect(eventRows(r)).toEqual(KM_ROWS);
    expect(r.groups[0].median.estimate).toBe(8);
    expect(r.test).toBeNull();
    expect(r.report.customers).toMatchObject({ read: 6, used: 6, churned: 4, censored: 2 });
  });

  it('from signup and churn dates (censored customers signed up that long before as-of)', () => {
    const asOf = Date.parse('2024-03-01T00:00Z');
    const signup: string[] = [];
    const churn: (string | null)[] = [];
    KM.days.forEach((d, i) => {
      const s = KM.event[i] ? Date.parse('2024-01-01T00:00Z') + i * DAY : asOf - d * DAY;
      signup.push(new Date(s).toISOString());
      churn.push(KM.event[i] ? new Date(s + d * DAY).toISOString() : null);
    });
    const t = aq.table({ customer_id: ['a', 'b', 'c', 'd', 'e', 'f'], signup_at: signup, churned_at: churn });
    const r = survivalFromTables(t, { asOf: '2024-03-01' });
    expect(eventRows(r)).toEqual(KM_ROWS);
    expect(r.groups[0].median.estimate).toBe(8);
    expect(r.asOf).toBe(asOf);
    const weeks = survivalFromTables(t, { asOf: '2024-03-01', unit: 'weeks' });
    expect(weeks.groups[0].curve.rows.map((x) => x.time)).toEqual([5 / 7, 8 / 7, 12 / 7, 15 / 7]);
    const months = survivalFromTables(t, { asOf: '2024-03-01', unit: 'months' });
    expect(months.groups[0].curve.rows[0].time).toBeCloseTo(5 / (365.25 / 12), 12);
  });
});

/** A seeded generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a subscription data set: dates or precomputed durations give the same survival', () => {
  it('agrees curve for curve, per channel, with the same log-rank test', async () => {
    const r = rng(7);
    const asOf = Date.parse('2024-07-01T00:00:00Z');
    const start = Date.parse('2023-01-01T00:00:00Z');
    const channels = ['organic', 'referral', 'paid_search'];
    const dates = ['customer_id,signup_at,churned_at,channel'];
    const durations = ['customer_id,tenure_days,churned,channel'];
    for (let i = 0; i < 600; ++i) {
      const signup = start + Math.floor(r() * 600 * 86400) * 1000; // whole seconds
      const ch = channels[Math.floor(r() * 3)];
      const life = Math.floor((r() < 0.5 ? 20 : 200) * -Math.log(1 - r()) * 86400) * 1000;
      const churn = r() < 0.15 ? NaN : signup + life; // some never churn; some churn after as-of
      const iso = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 19);
      dates.push(`C${i},${iso(signup)},${churn === churn ? iso(churn) : ''},${ch}`);
      if (signup >= asOf) continue; // signed up after as-of: not a customer yet
      const churned = churn === churn && churn <= asOf;
      durations.push(`C${i},${((churned ? churn : asOf) - signup) / DAY},${churned ? 'yes' : 'no'},${ch}`);
    }
    writeFileSync(path.join(dir, 'subs-dates.csv'), dates.join('\n'));
    writeFileSync(path.join(dir, 'subs-durations.csv'), durations.join('\n'));
    const a = await survival({ input: { customers: path.join(dir, 'subs-dates.csv') }, by: ['channel'], asOf: '2024-07-01' });
    const b = await survival({
      input: { customers: path.join(dir, 'subs-durations.csv') },
      duration: 'tenure_days',
      event: 'churned',
      by: ['channel'],
    });
    expect(a.groups.map((g) => g.key)).toEqual(b.groups.map((g) => g.key));
    expect(a.groups.length).toBe(3);
    for (let g = 0; g < 3; ++g) {
      const ca = a.groups[g].curve;
      const cb = b.groups[g].curve;
      expect([ca.n, ca.nEvents]).toEqual([cb.n, cb.nEvents]);
      expect(ca.rows.length).toBe(cb.rows.length);
      ca.rows.forEach((row, i) => {
        const other = cb.rows[i];
        expect(row.time).toBeCloseTo(other.time, 9);
        expect([row.nRisk, row.nEvent, row.nCensor]).toEqual([other.nRisk, other.nEvent, other.nCensor]);
        expect(row.survival).toBeCloseTo(other.survival, 12);
      });
      expect(a.groups[g].median.estimate).toBeCloseTo(b.groups[g].median.estimate!, 9);
    }
    expect(a.test!.chi2).toBeCloseTo(b.test!.chi2, 9);
    expect(a.test!.df).toBe(2);
    expect(a.report.customers.churnAfterAsOf).toBeGreaterThan(0);
    expect(a.report.customers.excluded.anchorAfterAsOf).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasTelco)('the published Telco subset (library)', () => {
  it('Month-to-month with internet: n 3,351, 1,556 events, median 34, S(12) 0.6950, S(24) 0.5753', async () => {
    const r = await survival({
      input: { customers: telco },
      duration: 'tenure',
      event: 'Churn=Yes',
      where: ['Contract = Month-to-month', 'InternetService != No'],
      at: [12, 24],
      unit: 'months',
    });
    const g = r.groups[0];
    expect([g.curve.n, g.curve.nEvents, g.median.estimate]).toEqual([3351, 1556, 34]);
    expect(g.at.map((a) => a.survival.toFixed(4))).toEqual(['0.6950', '0.5753']);
    expect(r.report.customers.excluded.filtered).toBe(7043 - 3351);
  });
});

describe('inactivity: churn inferred from activity', () => {
  it('anchors at first activity and churns at last activity + W when that is by as-of', () => {
    const events = aq.table({
      id: ['a', 'a', 'b', 'b', 'c'],
      time: ['2024-01-01', '2024-01-11', '2024-01-01', '2024-03-20', '2024-02-01'],
    });
    const r = survivalFromTables(events, { inactiveAfter: '30d', asOf: '2024-04-01' });
    // a: churned at 01-11 + 30 = 02-10, 40 days; b: 03-20 + 30 > as-of: censored at 91 days;
    // c: 02-01 + 30 = 03-02, 30 days.
    const rows = r.groups[0].curve.rows.map((x) => [x.time, x.nEvent, x.nCensor]);
    expect(rows).toEqual([[30, 1, 0], [40, 1, 0], [91, 0, 1]]);
    expect(r.report.activity).toMatchObject({ rowsRead: 5, rowsUsed: 5 });
  });

  it('reads a group column of the activity table from each customer\'s first activity', () => {
    const events = aq.table({
      id: ['a', 'a', 'b', 'b', 'c'],
      time: ['2024-01-11', '2024-01-01', '2024-01-01', '2024-03-20', '2024-02-01'],
      country: ['FR', 'DE', 'FR', 'DE', 'DE'],
    });
    const r = survivalFromTables(events, { inactiveAfter: '30d', asOf: '2024-04-01', by: ['country'] });
    expect(r.groups.map((g) => [g.key.country, g.curve.n])).toEqual([['DE', 2], ['FR', 1]]);
  });
});

describe('bad input', () => {
  it('counts and reports churn before signup (never a negative duration)', () => {
    const t = aq.table({
      customer_id: ['a', 'b', 'c'],
      signup_at: ['2024-01-10', '2024-01-01', '2024-01-01'],
      churned_at: ['2024-01-05', '2024-02-01', null],
    });
    const r = survivalFromTables(t, { asOf: '2024-03-01' });
    expect(r.report.customers.excluded.churnBeforeAnchor).toBe(1);
    expect(r.groups[0].curve.n).toBe(2);
    expect(r.groups[0].curve.rows.every((x) => x.time >= 0)).toBe(true);
  });

  it('leaves out and counts an unreadable churn time; an empty one is still a customer', () => {
    const t = aq.table({
      customer_id: ['a', 'b', 'c'],
      signup_at: ['2024-01-01', '2024-01-01', '2024-01-01'],
      churned_at: ['2024-01-15', 'soon', ''],
    });
    // One unreadable value in three rows is a reject above the default 1%: the run fails...
    expect(() => survivalFromTables(t, { asOf: '2024-03-01' })).toThrow(/"soon" is not a date or time; unreadable values in 1 of 3 rows/);
    // ...unless more are allowed; then it is left out and counted.
    const r = survivalFromTables(t, { asOf: '2024-03-01', maxRejects: '50%' });
    expect(r.report.customers.excluded.badChurn).toBe(1);
    expect(r.report.customers).toMatchObject({ used: 2, churned: 1, censored: 1 });
  });

  it('counts durations below 0 and empty ones; fails on an --event value that never occurs', () => {
    const t = aq.table({ months: [3, -1, null, 7], churn: ['Yes', 'No', 'Yes', 'No'] });
    const r = survivalFromTables(t, { duration: 'months', event: 'churn=Yes' });
    expect(r.report.customers.excluded).toMatchObject({ negativeDuration: 1, missingDuration: 1 });
    expect(r.groups[0].curve.n).toBe(2);
    // A different case still matches ("yes" for "Yes"); a value never present is an error.
    expect(survivalFromTables(t, { duration: 'months', event: 'churn=yes' }).groups[0].curve.nEvents).toBe(1);
    expect(() => survivalFromTables(t, { duration: 'months', event: 'churn=Churned' })).toThrow(KohortError);
    try {
      survivalFromTables(t, { duration: 'months', event: 'churn=Churned' });
    } catch (e) {
      expect((e as KohortError).code).toBe('eventNeverOccurs');
      expect((e as KohortError).column).toBe('churn');
    }
  });

  it('rejects an event column that is not 0/1, yes/no, and --duration without --event', () => {
    const t = aq.table({ months: [3, 4], status: ['active', 'gone'] });
    expect(() => survivalFromTables(t, { duration: 'months', event: 'status' })).toThrow(/0\/1, true\/false or yes\/no/);
    expect(() => survivalFromTables(t, { duration: 'months' })).toThrow(/duration and event go together/);
  });

  it('reports a group with a single customer, and writes no NaN anywhere', () => {
    const t = aq.table({ d: [1, 2, 3, 4], e: [1, 0, 1, 1], plan: ['a', 'a', 'a', 'solo'] });
    const r = survivalFromTables(t, { duration: 'd', event: 'e', by: ['plan'], at: [0, 2, 10] });
    expect(r.report.singleCustomerGroups).toEqual(['plan=solo']);
    const text = JSON.stringify(survivalJSON(r));
    expect(text).not.toMatch(/NaN|Infinity/);
    const doc = JSON.parse(text);
    expect(doc.groups[1]).toMatchObject({ key: { plan: 'solo' }, n: 1, events: 1, median: 4 });
    expect(doc.groups[1].curve[0]).toMatchObject({ time: 4, survival: 0, std_err: null, lower: null, upper: null });
    expect(doc.test).toMatchObject({ name: 'log-rank', df: 1 });
    const csv = survivalCurveTable(r).objects();
    expect(csv[0]).toEqual({ plan: 'a', time: 1, n_risk: 3, events: 1, censored: 0, survival: 2 / 3, std_err: expect.any(Number), lower: expect.any(Number), upper: expect.any(Number) });
  });
});

describe('medians (fast-check)', () => {
  it('equal medianSurvival of the full curve, for every interval type', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.boolean()), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('log-log', 'log', 'plain'),
        (rows, ci) => {
          const t = aq.table({ d: rows.map(([d]) => d), e: rows.map(([, e]) => (e ? 1 : 0)) });
          const r = survivalFromTables(t, { duration: 'd', event: 'e', ci: ci as 'log' });
          const direct = medianSurvival(
            kaplanMeier(Float64Array.from(rows, ([d]) => d), Uint8Array.from(rows, ([, e]) => (e ? 1 : 0)), { confType: ci as 'log' }),
          );
          expect(r.groups[0].median).toEqual(direct);
        },
      ),
      { numRuns: 500 },
    );
  });
});
