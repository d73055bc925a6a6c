import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KohortError } from '../../src/errors.js';
import { logRankPooled } from '../../src/stats/log-rank.js';
import { groupedTallies, type PooledTally } from '../../src/stats/pooled-tally.js';
import { pooledTallyOfRows, type TallyRows } from '../../src/stats/row-tally.js';

const cols = (p: PooledTally) =>
  p.groups.map((t) => ({ n: t.n, nEvents: t.nEvents, time: [...t.time], nRisk: [...t.nRisk], nEvent: [...t.nEvent], nCensor: [...t.nCensor] }));

/** The pooled order as (time, group) pairs, each time's groups sorted (their order within a time is free). */
function pooledOrder(p: PooledTally): string[] {
  const next = p.groups.map(() => 0);
  const pairs = Array.from(p.order, (g) => [p.groups[g].time[next[g]++], g]);
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([t, g]) => `${t}:${g}`);
}

/** Rows as one entry per customer (what groupedTallies takes). */
function expand(r: TallyRows): { d: Float64Array; e: Uint8Array; g: Int32Array } {
  const d: number[] = [];
  const e: number[] = [];
  const g: number[] = [];
  for (let i = 0; i < r.time.length; i++) {
    for (let k = 0; k < r.count[i]; k++) {
      d.push(r.time[i]);
      e.push(k < r.events[i] ? 1 : 0);
      g.push(r.group ? r.group[i] : 0);
    }
  }
  return { d: Float64Array.from(d), e: Uint8Array.from(e), g: Int32Array.from(g) };
}

describe('pooledTallyOfRows', () => {
  it('tallies sorted rows: at risk from each group size down, repeated (group, time) rows added up', () => {
    const rows: TallyRows = {
      time: Float64Array.of(1, 1, 2, 2, 2, 5, 7),
      group: Int32Array.of(0, 1, 1, 0, 1, -1, 0),
      events: Float64Array.of(1, 0, 2, 0, 1, 1, 0),
      count: Float64Array.of(2, 1, 2, 1, 1, 3, 4),
    };
    const p = pooledTallyOfRows(rows, 2);
    expect(cols(p)).toEqual([
      { n: 7, nEvents: 1, time: [1, 2, 7], nRisk: [7, 5, 4], nEvent: [1, 0, 0], nCensor: [1, 1, 4] },
      { n: 4, nEvents: 3, time: [1, 2], nRisk: [4, 3], nEvent: [0, 3], nCensor: [1, 0] },
    ]);
    expect(pooledOrder(p)).toEqual(['1:0', '1:1', '2:0', '2:1', '7:0']);
  });

  it('puts every row in group 0 without codes and skips rows of no customers, whatever their time', () => {
    const p = pooledTallyOfRows({ time: Float64Array.of(-1, 0, 3, 3, NaN), events: Float64Array.of(0, 0, 0, 1, 0), count: Float64Array.of(0, 0, 1, 1, 0) }, 1);
    expect(cols(p)).toEqual([{ n: 2, nEvents: 1, time: [3], nRisk: [2], nEvent: [1], nCensor: [1] }]);
  });

  it('refuses unsorted rows, bad durations and more events than customers', () => {
    const one = (time: number[], events = [0, 0], count = [1, 1]) => () =>
      pooledTallyOfRows({ time: Float64Array.from(time), events: Float64Array.from(events), count: Float64Array.from(count) }, 1);
    expect(one([2, 1])).toThrow(/not sorted/);
    expect(one([1, NaN])).toThrow(KohortError);
    expect(one([-1, 1])).toThrow(KohortError);
    expect(one([1, 2], [2, 0])).toThrow(/2 events of 1/);
  });

  it('gives what groupedTallies gives for the rows expanded to customers, and the same log-rank test', () => {
    const row = fc.record({ t: fc.integer({ min: 0, max: 12 }), g: fc.integer({ min: -1, max: 3 }), n: fc.integer({ min: 0, max: 4 }), e: fc.nat(4) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.constantFrom(1, 7, 86_400_000), (list, unit) => {
        const sorted = [...list].sort((a, b) => a.t - b.t);
        const rows: TallyRows = {
          time: Float64Array.from(sorted, (r) => r.t / unit),
          group: Int32Array.from(sorted, (r) => r.g),
          events: Float64Array.from(sorted, (r) => Math.min(r.e, r.n)),
          count: Float64Array.from(sorted, (r) => r.n),
        };
        const p = pooledTallyOfRows(rows, 4);
        const x = expand(rows);
        const q = groupedTallies(x.d, x.e, x.g, 4);
        expect(cols(p)).toEqual(cols(q));
        expect(pooledOrder(p)).toEqual(pooledOrder(q));
        expect(logRankPooled(p)).toEqual(logRankPooled(q));
      }),
      { numRuns: 300 },
    );
  });
});
