import { describe, expect, it } from 'vitest';
import { asOfWarning } from '../../src/result/as-of-warning.js';
import { timeZone } from '../../src/time/zone.js';

const T = (s: string): number => Date.parse(s);
const base = { period: 'month' as const, weekStart: 'monday' as const, zone: timeZone('UTC') };

describe('asOfWarning({asOf, latestActivity, period, ...})', () => {
  it('is silent when as-of is within a few days of the data, or leaves the thin period incomplete', () => {
    expect(asOfWarning({ ...base, asOf: T('2024-03-13'), latestActivity: T('2024-03-09T12:00Z') })).toBeUndefined();
    expect(asOfWarning({ ...base, asOf: T('2024-03-25'), latestActivity: T('2024-03-09T12:00Z') })).toBeUndefined();
    // Data through the month's end, as-of in the next month: that month is incomplete.
    expect(asOfWarning({ ...base, asOf: T('2024-04-20'), latestActivity: T('2024-03-31T23:00Z') })).toBeUndefined();
  });

  it('names the thin month, its days with data and the later empty months', () => {
    const w = asOfWarning({ ...base, asOf: T('2024-04-01'), latestActivity: T('2024-03-09T12:00Z'), asOfText: '2024-04-01' })!;
    expect(w).toMatchObject({ daysPast: 22, latestDay: '2024-03-09', thin: { label: '2024-03', daysWithData: 9, days: 31 }, emptyPeriods: 0, suggestedAsOf: '2024-03-01' });
    const later = asOfWarning({ ...base, asOf: T('2024-06-01'), latestActivity: T('2024-03-09T12:00Z') })!;
    expect(later.emptyPeriods).toBe(2);
    expect(later.message).toContain('with data on 9 of its 31 days, and 2 later months without data count as complete, so their cells');
    const full = asOfWarning({ ...base, asOf: T('2024-05-01'), latestActivity: T('2024-03-31T10:00Z') })!;
    expect(full.thin).toBeUndefined();
    expect(full.message).toContain(': 1 later month without data counts as complete, so its cells read as churn; use --as-of 2024-04-01');
  });

  it('works in weeks and in a zone', () => {
    const w = asOfWarning({ period: 'week', weekStart: 'monday', zone: timeZone('America/New_York'), asOf: T('2024-03-18T04:00Z'), latestActivity: T('2024-03-05T15:00Z') })!;
    // Tuesday 2024-03-05 is in the week of Monday 2024-03-04: 2 of its 7 days have data.
    expect(w.thin).toEqual({ label: '2024-03-04', daysWithData: 2, days: 7 });
    expect(w.emptyPeriods).toBe(1);
  });
});

describe('noCompleteCellWarning(result, {period, partial, zone}) through matrix()', () => {
  it('matrix() warns when every cell is blank (one month of data), and not with --partial or a complete cell', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { matrix } = await import('../../src/api/matrix.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-blank-'));
    const file = path.join(dir, 'one-month.csv');
    writeFileSync(file, 'id,time\na,2024-01-05\nb,2024-01-20\n');
    const blank = await matrix({ input: { activity: file } });
    expect(blank.cells.complete.every((c) => c === 0)).toBe(true);
    expect(blank.report.warnings.join('\n')).toContain('no cell is complete as of 2024-01-21: no cohort\'s first month had ended, so every cell is blank');
    const partial = await matrix({ input: { activity: file }, partial: true });
    expect(partial.report.warnings.join('\n')).not.toContain('no cell is complete');
    const daily = await matrix({ input: { activity: file }, cohort: ['day'] });
    expect(daily.report.warnings.join('\n')).not.toContain('no cell is complete');
  });
});
