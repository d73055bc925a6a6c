import { describe, expect, it } from 'vitest';
import { formatLifetimeReport } from '../../../src/export/terminal/format-survival.js';
import { emptyLifetimeReport } from '../../../src/report/lifetime-report.js';
import { survivalFromTables } from '../../../src/api/survival.js';
import { narrowTables, widest } from './narrow-fixture.js';
import { formatSurvival } from '../../../src/export/terminal/format-survival.js';

describe('formatLifetimeReport(report)', () => {
  it('words counts of one in the singular ("1 row", "1 customer", "1 group has")', () => {
    const r = emptyLifetimeReport();
    r.files = [{ role: 'customers', file: 'c.csv', rows: 1 }];
    Object.assign(r.customers, { read: 1, used: 1, churned: 1, censored: 0, churnAfterAsOf: 1 });
    r.customers.excluded.duplicateId = 1;
    r.singleCustomerGroups = ['ads'];
    expect(formatLifetimeReport(r)).toEqual([
      'read 1 row of customers from c.csv',
      '1 of 1 customer used: 1 churned, 0 censored (still customers)',
      '  left out 1 duplicate id (first row kept)',
      '  1 churn time after --as-of counted as still customers',
      'warning: 1 group has a single customer (no interval): ads',
    ]);
    r.customers.excluded.duplicateId = 3;
    expect(formatLifetimeReport(r)).toContain('  left out 3 duplicate ids (first row kept)');
  });
});

describe('formatSurvival(result, { width })', () => {
  it('fits a narrow terminal: the columns that do not fit wrap into blocks below, prose wraps at words, nothing is dropped', () => {
    const { customers, activity } = narrowTables();
    void activity;
    const r = survivalFromTables({ customers }, { columns: { id: 'id', signup: 'signup_at', churn: 'churned_at' }, by: ['plan'], asOf: '2025-01-01', at: [30, 60, 90, 180, 270, 365] });
    const wide = formatSurvival(r as never);
    const narrow = formatSurvival(r as never, { width: 60 });
    expect(widest(wide)).toBeGreaterThan(60);
    expect(widest(narrow)).toBeLessThanOrEqual(60);
    for (const text of ['S(30)', 'S(365)', 'median (days)', 'log-rank test across plan']) {
      expect(wide).toContain(text);
      expect(narrow).toContain(text);
    }
    expect(formatSurvival(r as never, { width: 400 })).toBe(wide);
  });
});
