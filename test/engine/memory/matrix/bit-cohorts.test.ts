import { describe, expect, it } from 'vitest';
import { bitCohorts } from '../../../../src/engine/memory/matrix/bit-cohorts.js';

const JAN_2024 = 2024 * 12; // month index of 2024-01

describe('bitCohorts(anchorBit, base, bits, period, cohortTime)', () => {
  it('groups first active months into quarter cohorts, in time order, with each cohort anchor range', () => {
    // Anchor bits: Jan, Mar, none, Mar, Jun (bit 0 = 2024-01).
    const { cohorts, range } = bitCohorts(Int32Array.of(0, 2, -1, 2, 5), JAN_2024, 32, 'month', 'quarter', 'monday');
    expect(cohorts.count).toBe(2);
    expect(Array.from(cohorts.of)).toEqual([0, 0, -1, 0, 1]);
    expect(Array.from(cohorts.size)).toEqual([3, 1]);
    expect(Array.from(cohorts.period!)).toEqual([2024 * 4, 2024 * 4 + 1]);
    expect(cohorts.label).toEqual(['2024-Q1', '2024-Q2']);
    expect(cohorts.attributes).toEqual([]);
    expect(Array.from(range.lo)).toEqual([JAN_2024, JAN_2024 + 5]);
    expect(Array.from(range.hi)).toEqual([JAN_2024 + 2, JAN_2024 + 5]);
  });

  it('gives no cohort when no customer has an anchor', () => {
    const { cohorts } = bitCohorts(Int32Array.of(-1, -1), JAN_2024, 32, 'month', 'month', 'monday');
    expect(cohorts.count).toBe(0);
    expect(Array.from(cohorts.of)).toEqual([-1, -1]);
  });
});
