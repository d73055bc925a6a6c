import { describe, expect, it } from 'vitest';
import { compareFromTables } from '../../src/api/compare.js';
import type { CompareSpec } from '../../src/spec/compare-spec.js';
import { SYNTHETIC_AS_OF, syntheticGroups } from '../synthetic-groups.js';

const BASE: Omit<CompareSpec, 'input' | 'by'> = {
  columns: { id: 'customer_id', time: 'event_time', signup: 'signup_at' },
  asOf: SYNTHETIC_AS_OF,
};

describe('compareFromTables(tables, {by: "channel"}): referral customers churn at a lower known hazard', () => {
  const H_REFERRAL = 0.05;
  const H_ORGANIC = 0.12;
  const data = syntheticGroups({ seed: 20240601, groups: { referral: [700, H_REFERRAL], organic: [1300, H_ORGANIC] } });
  const r = compareFromTables(data, { ...BASE, by: 'channel', inactiveAfter: '45d', maxOffset: 12 });
  const truth = (k: number): number => (1 - H_REFERRAL) ** k - (1 - H_ORGANIC) ** k;

  it('takes the largest group (organic) as the reference and keeps the group sizes', () => {
    expect(r.reference).toBe('organic');
    expect(r.groups.map((g) => [g.key, g.n])).toEqual([
      ['organic', 1300],
      ['referral', 700],
    ]);
  });

  it('finds the right sign at every offset from 1 on, and the interval at month 3 covers the true difference', () => {
    const diffs = r.differences.filter((d) => d.offset >= 1 && d.offset <= 12);
    expect(diffs.length).toBe(12);
    for (const d of diffs) expect(d.diff!).toBeGreaterThan(0);
    const m3 = r.differences.find((d) => d.offset === 3)!;
    expect(m3.lower!).toBeLessThanOrEqual(truth(3));
    expect(m3.upper!).toBeGreaterThanOrEqual(truth(3));
    // Most offsets' 95% intervals cover the truth (each does with probability 0.95).
    const covered = diffs.filter((d) => d.lower! <= truth(d.offset) && truth(d.offset) <= d.upper!).length;
    expect(covered).toBeGreaterThanOrEqual(10);
  });

  it('each group curve is active / eligible with eligible shrinking as k grows', () => {
    for (const g of r.groups) {
      for (const p of g.average) expect(p.value).toBeCloseTo(p.active! / p.eligible, 12);
      for (let i = 1; i < g.average.length; ++i) expect(g.average[i].eligible).toBeLessThanOrEqual(g.average[i - 1].eligible);
    }
  });

  it('the log-rank test sees the difference, and the summary says so', () => {
    expect(r.survival!.test!.p!).toBeLessThan(0.001);
    expect(r.summary).toMatch(/^referral customers are \d+\.\d points \(95% CI \d+\.\d to \d+\.\d\) more likely to be active in month \d+ than organic customers \(Holm-adjusted p (=|<) [\d.]+\); log-rank p < 0\.001$/);
  });

  it('the survival part is on the same customers as the curves, with either anchor', () => {
    for (const anchor of ['signup', 'first-activity'] as const) {
      const c = compareFromTables(data, { ...BASE, by: 'channel', anchor, inactiveAfter: '45d', maxOffset: 2 });
      const km = Object.fromEntries(c.survival!.groups.map((g) => [g.key.channel, g.curve.n]));
      expect(km).toEqual(Object.fromEntries(c.groups.map((g) => [g.key, g.n])));
      expect(c.survival!.spec.anchor).toBe(anchor);
    }
    // Signup to a churn column: the survival part reads no activity, the customers stay the same.
    const withChurn = { activity: data.activity, customers: data.customers.derive({ churned_at: () => null }) };
    const c = compareFromTables(withChurn, { ...BASE, by: 'channel', columns: { ...BASE.columns, churn: 'churned_at' }, maxOffset: 2 });
    expect(Object.fromEntries(c.survival!.groups.map((g) => [g.key.channel, g.curve.n]))).toEqual(Object.fromEntries(c.groups.map((g) => [g.key, g.n])));
    expect(c.survival!.report.activity).toBeUndefined();
  });

  it('--by nps_class compares promoters, passives and detractors of the nps column', () => {
    const scores = Array.from({ length: data.customers.numRows() }, (_, i) => (i % 13 === 0 ? null : i % 11));
    const customers = data.customers.assign({ score: scores });
    const c = compareFromTables({ activity: data.activity, customers }, { ...BASE, by: 'nps_class', nps: 'score', maxOffset: 2 });
    const classOf = (x: number): string => (x >= 9 ? 'promoter' : x >= 7 ? 'passive' : 'detractor');
    const expected: Record<string, number> = {};
    for (const x of scores) if (x !== null) expected[classOf(x)] = (expected[classOf(x)] ?? 0) + 1;
    expect(Object.fromEntries(c.groups.map((g) => [g.key, g.n]))).toEqual(expected);
    expect(c.reference).toBe('detractor');
    expect(c.outside.rows).toBe(scores.filter((x) => x === null).length);
    expect(() => compareFromTables(data, { ...BASE, by: 'nps_class' })).toThrow(/nps_class.*nps/);
  });

  it('a condition splits in two, and --reference and --groups are honoured', () => {
    const c = compareFromTables(data, { ...BASE, by: 'channel = referral', reference: 'false', maxOffset: 3 });
    expect(c.condition).toBe(true);
    expect(c.groups.map((g) => [g.key, g.n])).toEqual([
      ['true', 700],
      ['false', 1300],
    ]);
    expect(c.differences.map((d) => d.diff)).toEqual(r.differences.filter((d) => d.offset <= 3).map((d) => d.diff));
    expect(c.summary).toMatch(/^customers with channel = referral are/);
    expect(() => compareFromTables(data, { ...BASE, by: 'channel', groups: ['referral', 'paid'] })).toThrow(/groups "paid" is not a group; the groups are "referral", "organic"/);
    expect(() => compareFromTables(data, { ...BASE, by: 'channel', reference: 'ads' })).toThrow(/reference "ads" is not a group/);
    expect(() => compareFromTables(data, { ...BASE, by: 'plan' })).toThrow(/no column "plan" for the groups/);
    expect(() => compareFromTables(data, { ...BASE, by: 'channel', mode: 'revenue' })).toThrow(/compares shares/);
    expect(() => compareFromTables(data, { ...BASE, by: 'channel', groups: ['referral'] })).toThrow(/at least two groups/);
  });
});

describe('compareFromTables: errors of the survival part, which starts while the curves are computed', () => {
  const data = syntheticGroups({ seed: 7, groups: { referral: [70, 0.05], organic: [130, 0.12] } });
  it('surface as they did when the part ran after the curves: a churn column that is missing, one that holds no dates', () => {
    const columns = BASE.columns!;
    expect(() => compareFromTables(data, { ...BASE, columns: { ...columns, churn: 'nope' }, by: 'channel' })).toThrow(
      /column "nope": no column "nope" for churn time; the columns are "customer_id", "signup_at", "channel"/,
    );
    expect(() => compareFromTables(data, { ...BASE, columns: { ...columns, churn: 'channel' }, by: 'channel' })).toThrow(
      /column "channel": no value of the time column could be read as a date, e\.g\. "referral"/,
    );
  });
});

describe('compareFromTables with equal hazards: Holm keeps the family-wise error rate', () => {
  it('rejects nothing at 0.05 in at least 90 of 100 seeded runs', () => {
    let clean = 0;
    let tests = 0;
    for (let seed = 1; seed <= 100; ++seed) {
      const data = syntheticGroups({ seed, months: 12, groups: { referral: [120, 0.1], organic: [180, 0.1] } });
      const r = compareFromTables(data, { ...BASE, by: 'channel', maxOffset: 8 });
      tests += r.differences.length;
      if (r.differences.every((d) => d.p_adjusted === null || d.p_adjusted >= 0.05)) ++clean;
    }
    expect(tests).toBeGreaterThan(100 * 6);
    expect(clean).toBeGreaterThanOrEqual(90);
  });
});
