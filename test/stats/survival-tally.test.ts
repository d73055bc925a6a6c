import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KohortError } from '../../src/errors.js';
import { groupedTallies, pooledTally, tallyItem, tallyJob, type PooledTally } from '../../src/stats/pooled-tally.js';
import { groupTallies, type SurvivalTally } from '../../src/stats/survival-tally.js';

const cols = (t: SurvivalTally) => ({
  n: t.n,
  nEvents: t.nEvents,
  time: [...t.time],
  nRisk: [...t.nRisk],
  nEvent: [...t.nEvent],
  nCensor: [...t.nCensor],
});

/** The pooled entries as [time, group, events, censored] in order, each time's entries by group (-0 is 0). */
function entries(p: PooledTally): number[][] {
  const next = p.groups.map(() => 0);
  const out = Array.from(p.order, (g) => {
    const i = next[g]++;
    const shared = [p.time[p.start[g] + i], p.nEvent[p.start[g] + i], p.nCensor[p.start[g] + i]];
    const own = [p.groups[g].time[i], p.groups[g].nEvent[i], p.groups[g].nCensor[i]];
    expect(shared).toEqual(own);
    return [own[0] + 0, g, own[1], own[2]];
  });
  for (let i = 1; i < out.length; i++) expect(out[i][0]).toBeGreaterThanOrEqual(out[i - 1][0]);
  expect(next).toEqual(p.groups.map((t) => t.time.length));
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe('groupTallies', () => {
  it('counts each distinct time: at risk, events, censored', () => {
    const [t] = groupTallies(Float64Array.of(5, 5, 8, 8, 12, 15), Uint8Array.of(1, 0, 1, 1, 0, 1), undefined, 1);
    expect(cols(t)).toEqual({
      n: 6,
      nEvents: 4,
      time: [5, 8, 12, 15],
      nRisk: [6, 4, 2, 1],
      nEvent: [1, 2, 0, 1],
      nCensor: [1, 0, 1, 0],
    });
  });

  it('groups by code, leaves out negative codes, gives empty groups empty tallies', () => {
    const t = groupTallies(Float64Array.of(3, 1, 2, 2, 9), Uint8Array.of(1, 1, 0, 1, 1), Int32Array.of(1, 1, 1, -1, 1), 3);
    expect(t.map((x) => x.n)).toEqual([0, 4, 0]);
    expect(cols(t[1])).toEqual({ n: 4, nEvents: 3, time: [1, 2, 3, 9], nRisk: [4, 3, 2, 1], nEvent: [1, 0, 1, 1], nCensor: [0, 1, 0, 0] });
    expect(t[0].time).toHaveLength(0);
  });

  it('keeps -0 as the time of a run of zeros that holds one, as a sort of doubles does', () => {
    const [t] = groupTallies(Float64Array.of(0, -0, 2), Uint8Array.of(1, 0, 1), undefined, 1);
    expect(Object.is(t.time[0], -0)).toBe(true);
    expect([...t.nEvent, ...t.nCensor]).toEqual([1, 1, 1, 0]);
  });

  it('sorts extreme values: denormals, 0 and the largest double', () => {
    const d = Float64Array.of(Number.MAX_VALUE, 5e-324, 0, 1e-300, 1, 5e-324);
    const [t] = groupTallies(d, new Uint8Array(6).fill(1), undefined, 1);
    expect([...t.time]).toEqual([0, 5e-324, 1e-300, 1, Number.MAX_VALUE]);
    expect([...t.nEvent]).toEqual([1, 2, 1, 1, 1]);
  });

  it('rejects bad durations, codes and lengths', () => {
    expect(() => groupTallies(Float64Array.of(1, NaN), Uint8Array.of(1, 1), undefined, 1)).toThrow(KohortError);
    expect(() => groupTallies(Float64Array.of(-1), Uint8Array.of(1), undefined, 1)).toThrow(KohortError);
    expect(() => groupTallies(Float64Array.of(Infinity), Uint8Array.of(1), undefined, 1)).toThrow(KohortError);
    expect(() => groupTallies(Float64Array.of(1), Uint8Array.of(1), Int32Array.of(2), 2)).toThrow(RangeError);
    expect(() => groupTallies(Float64Array.of(1), Uint8Array.of(1), Int32Array.of(0), 1.5)).toThrow(RangeError);
    expect(() => groupTallies(Float64Array.of(1, 2), Uint8Array.of(1), undefined, 1)).toThrow(RangeError);
  });
});

describe('groupedTallies: one sort for the group and pooled tallies', () => {
  const sample = (t: fc.Arbitrary<number>) =>
    fc.record({
      groups: fc.integer({ min: 0, max: 40 }),
      rows: fc.array(fc.record({ t, e: fc.constantFrom(0, 1, 3), g: fc.integer({ min: -1, max: 39 }) }), { maxLength: 150 }),
    });
  type Sample = { groups: number; rows: { t: number; e: number; g: number }[] };
  /** A sample's durations, events and group codes (groups past `groups` in none). */
  const arrays = ({ groups, rows }: Sample) => ({
    d: Float64Array.from(rows, (r) => r.t),
    e: Uint8Array.from(rows, (r) => r.e),
    codes: Int32Array.from(rows, (r) => (r.g < groups ? r.g : -1)),
  });
  const check = (x: Sample) => {
    const { groups } = x;
    const { d, e, codes } = arrays(x);
    const alone = groupTallies(d, e, codes, groups);
    const both = groupedTallies(d, e, codes, groups);
    expect(both.groups.map(cols)).toEqual(alone.map(cols));
    both.groups.forEach((t, g) => t.time.forEach((x, i) => expect(Object.is(x, alone[g].time[i])).toBe(true)));
    expect(entries(both)).toEqual(entries(pooledTally(alone)));
  };

  it('durations of a narrow span (the one-sort path): same tallies as alone, same pooled entries as the merge', () => {
    fc.assert(fc.property(sample(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom(-0, 0.25, 1e-3, 365.2425))), check), { numRuns: 300 });
  });

  it('tallyJob(...) with its item run (tallyItem, as a worker would), then finish(): what groupedTallies gives, on shared memory; null where the merge path applies', () => {
    let ran = 0;
    const split = (x: Sample) => {
      const { groups } = x;
      const { d, e, codes } = arrays(x);
      const want = groupedTallies(d, e, codes, groups);
      const t = tallyJob(d, e, codes, groups);
      // Durations too far apart for one key: the caller runs groupedTallies (the merge path).
      if (t === null) return;
      ++ran;
      expect(t.job.durations.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(t.job.out.order.buffer).toBeInstanceOf(SharedArrayBuffer);
      // The job as a worker receives it: a structured clone sharing the same memory.
      tallyItem(structuredClone(t.job), 0);
      const got = t.finish();
      expect(got.groups.map(cols)).toEqual(want.groups.map(cols));
      got.groups.forEach((x, g) => x.time.forEach((v, i) => expect(Object.is(v, want.groups[g].time[i])).toBe(true)));
      expect(entries(got)).toEqual(entries(want));
      expect(Array.from(got.start)).toEqual(Array.from(want.start));
    };
    fc.assert(fc.property(sample(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom(-0, 0.25, 1e-3, 365.2425))), split), { numRuns: 300 });
    expect(ran).toBeGreaterThan(200);
    fc.assert(fc.property(sample(fc.oneof(fc.double({ min: 0, max: 1e300, noNaN: true }), fc.constantFrom(0, -0, 5e-324, 1))), split), { numRuns: 100 });
  });

  it('durations of any span (tiny, huge: the merge path): the same', () => {
    const any = fc.oneof(fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }), fc.constantFrom(0, -0, 5e-324, 1));
    fc.assert(fc.property(sample(any), check), { numRuns: 300 });
  });

  it('pooledTally of no groups, and of groups without customers', () => {
    expect(pooledTally([]).order).toHaveLength(0);
    const g = groupedTallies(new Float64Array(0), new Uint8Array(0), new Int32Array(0), 3);
    expect(g.groups.map((t) => t.n)).toEqual([0, 0, 0]);
    expect(g.order).toHaveLength(0);
  });
});
