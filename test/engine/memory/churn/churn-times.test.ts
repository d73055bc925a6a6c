import { describe, expect, it } from 'vitest';
import { churnTimes, emptyChurnReport } from '../../../../src/engine/memory/churn/churn-times.js';

const DAY = 86_400_000;
const T = (s: string): number => Date.parse(s);

describe('churnTimes from a churn column', () => {
  it('empty = still a customer; after as-of = still a customer at as-of; before signup = left out and counted', () => {
    const asOf = T('2024-04-01T00:00Z');
    // customers 0..4 map to rows 4..0 (the index order need not be the row order)
    const customersRow = Int32Array.of(4, 3, 2, 1, 0);
    const churnByRow = Float64Array.of(
      T('2024-01-01T00:00Z'), // row 0 -> customer 4: before its signup
      T('2024-05-01T00:00Z'), // row 1 -> customer 3: after as-of
      NaN, // row 2 -> customer 2: empty
      asOf, // row 3 -> customer 1: exactly at as-of = churned
      T('2024-03-05T00:00Z'), // row 4 -> customer 0
    );
    const anchor = Float64Array.of(T('2024-01-10T00:00Z'), T('2024-02-01T00:00Z'), T('2024-02-01T00:00Z'), T('2024-02-01T00:00Z'), T('2024-02-01T00:00Z'));
    const report = emptyChurnReport();
    const given = anchor.slice();
    const { churn, anchor: left } = churnTimes(anchor, asOf, { churnByRow, customersRow }, report);
    expect(Array.from(churn)).toEqual([T('2024-03-05T00:00Z'), asOf, NaN, NaN, NaN]);
    expect(report).toEqual({ churned: 2, churnAfterAsOf: 1, churnBeforeAnchor: 1, badChurn: 0 });
    expect(left[4]).toBeNaN(); // out of the run
    expect(left[3]).toBe(T('2024-02-01T00:00Z'));
    // In a copy: the anchors given (which another run may hold) are left as they were.
    expect(left).not.toBe(anchor);
    expect(anchor).toEqual(given);
  });

  it('leaves out unreadable churn values and customers already out of the run', () => {
    const anchor = Float64Array.of(0, NaN, 0);
    const report = emptyChurnReport();
    const { churn, anchor: left } = churnTimes(anchor, 10 * DAY, {
      churnByRow: Float64Array.of(NaN, DAY, NaN),
      customersRow: Int32Array.of(0, 1, 2),
      badByRow: Uint8Array.of(1, 0, 0),
    }, report);
    expect(Array.from(churn)).toEqual([NaN, NaN, NaN]);
    expect(report).toEqual({ churned: 0, churnAfterAsOf: 0, churnBeforeAnchor: 0, badChurn: 1 });
    expect(Number.isNaN(left[0])).toBe(true);
    expect(left[2]).toBe(0);
    expect(anchor[0]).toBe(0);
  });

  it('no one left out: the anchors given come back as they are, uncopied', () => {
    const anchor = Float64Array.of(0, DAY, NaN);
    const { churn, anchor: left } = churnTimes(anchor, 10 * DAY, {
      churnByRow: Float64Array.of(2 * DAY, NaN, DAY),
      customersRow: Int32Array.of(0, 1, 2),
    }, emptyChurnReport());
    expect(left).toBe(anchor);
    expect(Array.from(churn)).toEqual([2 * DAY, NaN, NaN]);
  });
});

describe('churnTimes inferred from inactivity (METRICS.md section 6)', () => {
  it('churned at last activity + W when that is at or before as-of, else still a customer', () => {
    const asOf = 200 * DAY;
    const anchor = Float64Array.of(0, 10 * DAY, 50 * DAY, 5 * DAY);
    const eventCustomer = Int32Array.of(0, 0, 1, 1, 2, -1);
    const eventTime = Float64Array.of(0, 40 * DAY, 10 * DAY, 110 * DAY, 50 * DAY, 0);
    const report = emptyChurnReport();
    const { churn, anchor: left } = churnTimes(anchor, asOf, { inactiveAfterDays: 90, eventCustomer, eventTime }, report);
    expect(left).toBe(anchor);
    // 0: last 40 -> 130 (churned); 1: last 110 -> 200 = as-of (churned); 2: last 50 -> 140;
    // 3: no activity, last seen at its signup 5 -> 95.
    expect(Array.from(churn, (t) => t / DAY)).toEqual([130, 200, 140, 95]);
    expect(report.churned).toBe(4);
    const later = churnTimes(anchor, 199 * DAY, { inactiveAfterDays: 90, eventCustomer, eventTime }, emptyChurnReport()).churn;
    expect(later[1]).toBeNaN();
  });
});
