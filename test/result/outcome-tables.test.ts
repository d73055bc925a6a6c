import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { toCSV } from '../../src/export/csv/to-csv.js';
import { feedback } from '../../src/api/feedback.js';
import { reasons } from '../../src/api/reasons.js';
import { feedbackTable } from '../../src/result/feedback-table.js';
import { reasonsTable, reasonsWideTable } from '../../src/result/reasons-table.js';
import { valueTable, valueWideTable } from '../../src/result/value-table.js';
import { value } from '../../src/api/value.js';

const here = (p: string): string => new URL(p, import.meta.url).pathname;
const customers = here('../../datasets/sample/customers.csv');

/** Round every number to 4 decimals, so snapshots do not churn on float noise. */
function rounded(t: aq.ColumnTable): aq.ColumnTable {
  const cols: Record<string, unknown[]> = {};
  for (const name of t.columnNames()) {
    cols[name] = (t.array(name) as unknown[]).map((v) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v));
  }
  return aq.table(cols, t.columnNames());
}

// The sample's customers (2,000), churn from churned_at at as-of 2023-01-01.
const base = { input: { customers }, columns: { signup: 'signup_at', churn: 'churned_at' }, asOf: '2023-01-01' };

describe('reasonsTable / reasonsWideTable / valueTable / feedbackTable snapshots', () => {
  it('reasons by plan (tidy and wide)', async () => {
    const r = await reasons({ ...base, reason: 'churn_reason', by: ['plan'] });
    await expect(toCSV(rounded(reasonsTable(r)))).toMatchFileSnapshot('__snapshots__/sample-reasons-by-plan-tidy.csv');
    await expect(toCSV(rounded(reasonsWideTable(r)))).toMatchFileSnapshot('__snapshots__/sample-reasons-by-plan-wide.csv');
  });

  it('value of monthly_price by channel (tidy and wide)', async () => {
    const r = await value({ ...base, value: 'monthly_price', by: ['channel'] });
    await expect(toCSV(rounded(valueTable(r)))).toMatchFileSnapshot('__snapshots__/sample-value-by-channel-tidy.csv');
    await expect(toCSV(rounded(valueWideTable(r)))).toMatchFileSnapshot('__snapshots__/sample-value-by-channel-wide.csv');
  });

  it('feedback of the survey fixture by segment', async () => {
    const f = await feedback({
      input: { customers: here('../fixtures/feedback/survey.csv') }, columns: { id: 'id' }, by: ['segment'], nps: 'nps', csat: 'csat', ces: 'ces',
    });
    await expect(toCSV(rounded(feedbackTable(f)))).toMatchFileSnapshot('__snapshots__/survey-feedback-by-segment.csv');
  });
});

describe('shares add up', () => {
  it("each segment's reason shares sum to 1 and all rows' share_of_all to 1", async () => {
    const r = await reasons({ ...base, reason: 'churn_reason', by: ['channel', 'plan'] });
    const t = reasonsTable(r).objects() as { channel: string; plan: string; share: number; share_of_all: number }[];
    const bySegment = new Map<string, number>();
    for (const row of t) bySegment.set(`${row.channel}/${row.plan}`, (bySegment.get(`${row.channel}/${row.plan}`) ?? 0) + row.share);
    for (const s of bySegment.values()) expect(s).toBeCloseTo(1, 12);
    expect(t.reduce((s, row) => s + row.share_of_all, 0)).toBeCloseTo(1, 12);
  });
});
