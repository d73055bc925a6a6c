import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustP } from '../../src/stats/adjust-p.js';
import { defaultAtTimes } from '../../src/stats/default-at.js';
import { greenwoodSum } from '../../src/stats/greenwood.js';
import { kaplanMeier, kaplanMeierGroups, kaplanMeierTallies } from '../../src/stats/kaplan-meier.js';
import { logRank, logRankTallies, pooledArrays } from '../../src/stats/log-rank.js';
import { logRankSums, TERM_BY_TERM_GROUPS, type LogRankTest } from '../../src/stats/log-rank-sums.js';
import { groupMoments } from '../../src/stats/mean-interval.js';
import { medianSurvival, survivalAt } from '../../src/stats/median.js';
import { groupedTallies, pooledTally } from '../../src/stats/pooled-tally.js';
import { pooledTallyOfRows } from '../../src/stats/row-tally.js';
import { groupTallies } from '../../src/stats/survival-tally.js';

// Callers pass their own typed arrays (a loaded column, a worker's shared storage) and read
// them again afterwards: a stats function that sorted or rewrote one in place would corrupt
// the caller's data without failing any result test. Each call below runs on a copy of the
// inputs, which must be bit for bit as before (NaN and -0 included).

type Arrays = Record<string, ArrayLike<unknown> & { slice(): unknown }>;

function snapshot(arrays: Arrays): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(arrays).map(([k, a]) => [k, bits(a)]));
}

/** The values as Object.is sees them, so NaN equals NaN and -0 differs from 0. */
function bits(a: ArrayLike<unknown>): unknown[] {
  return Array.from(a, (x) => (typeof x === 'number' && Object.is(x, -0) ? '-0' : x));
}

function expectUntouched(arrays: Arrays, call: () => unknown): void {
  const before = snapshot(arrays);
  call();
  expect(snapshot(arrays)).toEqual(before);
}

/** Survival rows: durations (unsorted, ties, -0, fractions), event flags, group codes (negative: left out). */
const survivalRows = (maxGroups: number) =>
  fc.integer({ min: 1, max: maxGroups }).chain((groups) =>
    fc.record({
      groups: fc.constant(groups),
      rows: fc.array(
        fc.record({
          t: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1e4, noNaN: true, noDefaultInfinity: true })),
          e: fc.constantFrom(0, 1, 1, 3),
          g: fc.integer({ min: -1, max: groups - 1 }),
        }),
        { minLength: 1, maxLength: 200 },
      ),
    }),
  );

function columns(rows: { t: number; e: number; g: number }[]): { durations: Float64Array; events: Uint8Array; codes: Int32Array } {
  return {
    durations: Float64Array.from(rows, (r) => r.t),
    events: Uint8Array.from(rows, (r) => r.e),
    codes: Int32Array.from(rows, (r) => r.g),
  };
}

const TESTS: LogRankTest[] = ['log-rank', 'wilcoxon', 'tarone-ware', 'peto', 'fleming-harrington'];

describe('kaplanMeier, kaplanMeierGroups, logRank, groupTallies, groupedTallies, defaultAtTimes', () => {
  it('leave the durations, events and group codes as they were', () => {
    fc.assert(
      fc.property(survivalRows(TERM_BY_TERM_GROUPS + 4), fc.constantFrom(...TESTS), ({ groups, rows }, test) => {
        const { durations, events, codes } = columns(rows);
        const inputs = { durations, events, codes };
        expectUntouched(inputs, () => kaplanMeier(durations, events));
        expectUntouched(inputs, () => kaplanMeierGroups(durations, events, codes, groups));
        expectUntouched(inputs, () => logRank(durations, events, codes, groups, { test }));
        expectUntouched(inputs, () => groupTallies(durations, events, codes, groups));
        expectUntouched(inputs, () => groupedTallies(durations, events, codes, groups));
        expectUntouched(inputs, () => groupedTallies(durations, events, undefined, 1));
        expectUntouched(inputs, () => defaultAtTimes(durations));
      }),
      { numRuns: 200 },
    );
  });
});

describe('pooledTally, logRankTallies, kaplanMeierTallies, logRankSums', () => {
  it('leave the tallies and the pooled arrays as they were, at and above TERM_BY_TERM_GROUPS groups', () => {
    fc.assert(
      fc.property(survivalRows(TERM_BY_TERM_GROUPS + 8), fc.constantFrom(...TESTS), ({ groups, rows }, test) => {
        const { durations, events, codes } = columns(rows);
        const tallies = groupTallies(durations, events, codes, groups);
        const tallyArrays: Arrays = {};
        tallies.forEach((t, g) => Object.assign(tallyArrays, { [`time${g}`]: t.time, [`nRisk${g}`]: t.nRisk, [`nEvent${g}`]: t.nEvent, [`nCensor${g}`]: t.nCensor }));
        expectUntouched(tallyArrays, () => pooledTally(tallies));
        expectUntouched(tallyArrays, () => logRankTallies(tallies, { test }));
        expectUntouched(tallyArrays, () => kaplanMeierTallies(tallies));
        const pooled = pooledArrays(groupedTallies(durations, events, codes, groups));
        const rho = test === 'fleming-harrington' ? 0.5 : test === 'peto' ? 1 : 0;
        const q = test === 'fleming-harrington' ? 1.5 : 0;
        expectUntouched({ ...pooled }, () => logRankSums(pooled, test, rho, q));
      }),
      { numRuns: 200 },
    );
  });
});

describe('pooledTallyOfRows(rows, groupCount)', () => {
  it('leaves the aggregated rows as they were', () => {
    fc.assert(
      fc.property(survivalRows(6), ({ groups, rows }) => {
        const sorted = [...rows].sort((a, b) => a.t - b.t);
        const count = Float64Array.from(sorted, (r) => 1 + (r.e % 3));
        const agg = {
          time: Float64Array.from(sorted, (r) => r.t),
          group: Int32Array.from(sorted, (r) => r.g),
          events: Float64Array.from(sorted, (r, i) => (r.e ? count[i] : 0)),
          count,
        };
        expectUntouched({ ...agg }, () => pooledTallyOfRows(agg, groups));
      }),
      { numRuns: 200 },
    );
  });
});

describe('survivalAt, medianSurvival, greenwoodSum', () => {
  it('leave the curve, the times asked for and the counts as they were', () => {
    fc.assert(
      fc.property(survivalRows(1), fc.array(fc.double({ min: -5, max: 1e4, noNaN: true }), { maxLength: 20 }), ({ rows }, at) => {
        const { durations, events } = columns(rows);
        const curve = kaplanMeier(durations, events);
        const arrays = { time: curve.time, survival: curve.survival, lower: curve.lower, upper: curve.upper, nRisk: curve.nRisk, nEvent: curve.nEvent };
        const times = [...at];
        expectUntouched(arrays, () => medianSurvival(curve));
        expectUntouched({ ...arrays, times }, () => survivalAt(curve, times));
        expectUntouched(arrays, () => greenwoodSum(curve.nRisk, curve.nEvent));
      }),
      { numRuns: 200 },
    );
  });
});

describe('groupMoments, adjustP', () => {
  it('leave the values, the groups and the p-values as they were', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.double({ noDefaultInfinity: true }), g: fc.integer({ min: -1, max: 4 }) }), { maxLength: 100 }),
        fc.array(fc.oneof(fc.double({ min: 0, max: 1 }), fc.constant(null)), { maxLength: 30 }),
        fc.constantFrom('holm' as const, 'bh' as const, 'none' as const),
        (rows, p, method) => {
          const values = Float64Array.from(rows, (r) => r.x);
          const groupOf = Int32Array.from(rows, (r) => r.g);
          expectUntouched({ values, groupOf }, () => groupMoments(values, groupOf, 5));
          expectUntouched({ p }, () => adjustP(p, method));
        },
      ),
      { numRuns: 200 },
    );
  });
});
