import { describe, expect, it } from 'vitest';
import { crrFromTables } from '../../../src/api/crr.js';
import { narrowTables, widest } from './narrow-fixture.js';
import { formatCrr } from '../../../src/export/terminal/format-crr.js';

describe('formatCrr(result, { width })', () => {
  it('fits a narrow terminal: the columns that do not fit wrap into blocks below, prose wraps at words, nothing is dropped', () => {
    const { customers, activity } = narrowTables();
    void activity;
    const r = crrFromTables({ customers }, { columns: { id: 'id', signup: 'signup_at', churn: 'churned_at' }, by: ['plan'], asOf: '2025-01-01' });
    const wide = formatCrr(r as never);
    const narrow = formatCrr(r as never, { width: 60 });
    expect(widest(wide)).toBeGreaterThan(60);
    expect(widest(narrow)).toBeLessThanOrEqual(60);
    for (const text of ['period', 'retained', 'exact', '2024-12', 'exact = retained / start']) {
      expect(wide).toContain(text);
      expect(narrow).toContain(text);
    }
    expect(formatCrr(r as never, { width: 400 })).toBe(wide);
  });
});
