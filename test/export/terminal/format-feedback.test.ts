import { describe, expect, it } from 'vitest';
import { formatFeedbackReport } from '../../../src/export/terminal/format-feedback.js';
import { feedbackFromTables } from '../../../src/api/feedback.js';
import { narrowTables, widest } from './narrow-fixture.js';
import { formatFeedback } from '../../../src/export/terminal/format-feedback.js';

describe('formatFeedbackReport(report)', () => {
  it('words counts of one in the singular ("1 row", "1 answer", "1 NPS score")', () => {
    const rejected = { nps: { count: 1, column: 'nps', scale: { min: 0, max: 10 }, examples: ['11'], rows: [3] } };
    const lines = formatFeedbackReport({ file: 's.csv', rows: 1, answers: 1, used: 1, missingId: 1, duplicateId: 1, filtered: 1, rejected } as never);
    expect(lines).toEqual([
      'read 1 row from s.csv: 1 answer used',
      '  left out 1 row without an id',
      '  left out 1 row repeating an earlier id (the first answer counts)',
      '  left out 1 answer by --where',
      '  rejected 1 NPS score not on 0-10 in column "nps" (row 3: "11")',
    ]);
  });
});

describe('formatFeedback(result, { width })', () => {
  it('fits a narrow terminal: the columns that do not fit wrap into blocks below, prose wraps at words, nothing is dropped', () => {
    const { customers, activity } = narrowTables();
    void activity;
    const r = feedbackFromTables(customers, { columns: { id: 'id' }, by: ['plan'], nps: 'nps', csat: 'csat', ces: 'ces' });
    const wide = formatFeedback(r as never);
    const narrow = formatFeedback(r as never, { width: 60 });
    expect(widest(wide)).toBeGreaterThan(60);
    expect(widest(narrow)).toBeLessThanOrEqual(60);
    for (const text of ['NPS [95% CI]', 'CES 1-7', 'rejected', '-50.0 [-73.6, -15.3]']) {
      expect(wide).toContain(text);
      expect(narrow).toContain(text);
    }
    expect(formatFeedback(r as never, { width: 400 })).toBe(wide);
  });
});
