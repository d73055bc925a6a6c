import { describe, expect, it } from 'vitest';
import { formatReasons } from '../../../src/export/terminal/format-reasons.js';
import { reasonsFromTables } from '../../../src/api/reasons.js';
import { narrowTables, widest } from './narrow-fixture.js';

describe('formatReasons(result)', () => {
  it('heads a segment of one customer "1 customer", others "N customers"', () => {
    const rows = { group: Int32Array.of(0, 1), labels: [['price', 'price']], churned: Int32Array.of(1, 1) };
    const r = {
      by: ['plan'], reasonColumns: ['reason'], totalCustomers: 3, totalChurned: 2,
      groups: { count: 2, attributes: [{ name: 'plan', values: ['basic', 'pro'] }], customers: Int32Array.of(1, 2), churned: Int32Array.of(1, 1) },
      rows, overall: { group: Int32Array.of(0), labels: [['price']], churned: Int32Array.of(2) },
    };
    const heads = formatReasons(r as never).split('\n').filter((l) => / churned \(/.test(l));
    expect(heads.map((l) => l.replace(/^.*: /, ''))).toEqual(['1 customer, 1 churned (100.0%)', '2 customers, 1 churned (50.0%)', '3 customers, 2 churned (66.7%)']);
  });
});

describe('formatReasons(result, { width })', () => {
  it('fits a narrow terminal: the columns that do not fit wrap into blocks below, prose wraps at words, nothing is dropped', () => {
    const { customers, activity } = narrowTables();
    void activity;
    const r = reasonsFromTables({ customers }, { columns: { id: 'id', signup: 'signup_at', churn: 'churned_at' }, by: ['plan'], reason: ['reason'], asOf: '2025-01-01' });
    const wide = formatReasons(r as never);
    const narrow = formatReasons(r as never, { width: 60 });
    expect(widest(wide)).toBeGreaterThan(60);
    expect(widest(narrow)).toBeLessThanOrEqual(60);
    for (const text of ['of all churn', 'Competitor made a better offer']) {
      expect(wide).toContain(text);
      expect(narrow).toContain(text);
    }
    expect(formatReasons(r as never, { width: 400 })).toBe(wide);
  });
});
