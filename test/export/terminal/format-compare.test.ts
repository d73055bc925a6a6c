import { describe, expect, it } from 'vitest';
import { compareFromTables } from '../../../src/api/compare.js';
import { narrowTables, widest } from './narrow-fixture.js';
import { formatCompare } from '../../../src/export/terminal/format-compare.js';

describe('formatCompare(result, { width })', () => {
  it('fits a narrow terminal (the difference column, 57 wide, alone beside the offsets): the columns that do not fit wrap into blocks below, prose wraps at words, nothing is dropped', () => {
    const { customers, activity } = narrowTables();
    void activity;
    const r = compareFromTables({ customers, activity }, { columns: { ...{ id: 'id', signup: 'signup_at', churn: 'churned_at' }, time: 'time' }, by: 'plan', asOf: '2025-01-01' });
    const wide = formatCompare(r as never);
    const narrow = formatCompare(r as never, { width: 70 });
    expect(widest(wide)).toBeGreaterThan(70);
    expect(widest(narrow)).toBeLessThanOrEqual(70);
    for (const text of ['p (holm)', 'starter-monthly-plan - enterprise-annual-plan (95% CI)', 'S(365)', 'log-rank']) {
      expect(wide).toContain(text);
      expect(narrow).toContain(text);
    }
    expect(formatCompare(r as never, { width: 400 })).toBe(wide);
  });
});
