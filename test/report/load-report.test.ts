import { describe, expect, it } from 'vitest';
import { emptyReport, formatReport } from '../../src/report/load-report.js';

describe('formatReport(report)', () => {
  it('words counts of one in the singular ("1 row", "1 customer"), others in the plural', () => {
    const r = emptyReport();
    r.files = [{ role: 'activity', file: 'e.csv', rows: 1 }, { role: 'customers', file: 'c.csv', rows: 2 }];
    r.rowsRead = 1;
    r.rowsUsed = 1;
    r.anchor = 'signup (signup_at)';
    r.customers.inCohorts = 1;
    r.customers.excluded.duplicateId = 1;
    r.customers.withoutActivity = 1;
    r.missingAmounts = 1;
    r.rejects = { rows: 1, byColumn: { time: 1 }, limit: '1%', first: { file: 'e.csv', row: 2, column: 'time', value: 'x', reason: 'is not a date' } };
    expect(formatReport(r)).toEqual([
      'read 1 row of activity from e.csv',
      'read 2 rows of customers from c.csv',
      'used 1 of 1 activity row; offsets count from the signup (signup_at)',
      '1 customer in cohorts; customers left out: 1 duplicate id (first row kept)',
      '  left out 1 customer without activity in the window (anchored on first activity)',
      '  1 missing amount skipped in sums',
      'rejected 1 row with unreadable values ("time" 1; within --max-rejects 1%), first e.csv row 2: "x" is not a date',
    ]);
  });
});
