import { describe, expect, it } from 'vitest';
import { valueFromTables } from '../../../src/api/value.js';
import { narrowTables, widest } from './narrow-fixture.js';
import { formatValue } from '../../../src/export/terminal/format-value.js';

describe('formatValue(result, { width })', () => {
  it('fits a narrow terminal: the columns that do not fit wrap into blocks below, prose wraps at words, nothing is dropped', () => {
    const { customers, activity } = narrowTables();
    void activity;
    const r = valueFromTables({ customers }, { columns: { id: 'id', signup: 'signup_at', churn: 'churned_at' }, by: ['plan'], value: 'revenue', asOf: '2025-01-01' });
    const wide = formatValue(r as never);
    const narrow = formatValue(r as never, { width: 60 });
    expect(widest(wide)).toBeGreaterThan(60);
    expect(widest(narrow)).toBeLessThanOrEqual(60);
    for (const text of ['mean revenue', 'missing', '8,800.00']) {
      expect(wide).toContain(text);
      expect(narrow).toContain(text);
    }
    expect(formatValue(r as never, { width: 400 })).toBe(wide);
  });
});
