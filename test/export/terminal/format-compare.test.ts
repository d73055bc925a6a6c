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

describe('formatCompare(result) on groups whose values read "(none)"', () => {
  it('names each group by its valueLabel in every part (header, differences, reference line, survival, summary): (none), "(none)" and ""(none)"" stay three groups, none shown as a missing value', async () => {
    const aq = await import('arquero');
    const keys = ['(none)', '"(none)"', '""(none)""'];
    const customers = aq.from([
      { id: '1', signup_at: '2022-01-01', churned_at: '2022-02-01', grp: keys[0] },
      { id: '2', signup_at: '2022-01-01', churned_at: '2022-02-10', grp: keys[1] },
      { id: '3', signup_at: '2022-01-01', churned_at: '2022-02-20', grp: keys[2] },
      { id: '4', signup_at: '2022-01-01', churned_at: '2022-03-20', grp: keys[2] },
      { id: '5', signup_at: '2022-01-01', churned_at: '2022-03-20', grp: null },
    ]);
    const activity = aq.from(['1', '2', '2', '3', '4', '4', '5'].map((id, i) => ({ id, time: ['2022-01-02', '2022-01-02', '2022-02-02', '2022-01-03', '2022-01-03', '2022-02-03', '2022-01-03'][i] })));
    const r = compareFromTables({ customers, activity }, { columns: { id: 'id', signup: 'signup_at', churn: 'churned_at', time: 'time' }, by: 'grp' });
    const text = formatCompare(r as never);
    const labels = ['"(none)"', '""(none)""', '"""(none)"""'];
    expect(new Set([...labels, '(none)']).size).toBe(4);
    expect(text).toContain(`reference ${labels[2]};`);
    for (const l of labels) {
      expect(text).toContain(`${l} (n=`);
      expect(text).toMatch(new RegExp(`\\n${l.replace(/[()]/g, '\\$&')} +\\d`));
    }
    expect(text).toContain(`${labels[0]} - ${labels[2]} (95% CI)`);
    expect(text).toContain(`${labels[1]} - ${labels[2]} (95% CI)`);
    expect(text).toContain(`\n${labels[0]} customers are `);
    expect(text).toContain(`\n${labels[1]} customers are `);
    expect(text).toContain(`than ${labels[2]} customers`);
    // No raw key shown where its label belongs: a bare (none) would read as the missing value.
    expect(text).not.toMatch(/(^|[\s])\(none\) /m);
  });
});
