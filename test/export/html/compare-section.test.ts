import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { compareFromTables } from '../../../src/api/compare.js';
import { toHTMLCompare } from '../../../src/export/html/to-html.js';

/** Maven's shape: tenure in months, a status, referrals; the first rows have no referral so "false" comes first in the survival part. */
function tenures() {
  const n = 40;
  const rows = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, months: 1 + (i % 24), status: i % 3 ? 'Stayed' : 'Churned', referrals: i < 10 ? 0 : i % 2 }));
  return aq.from(rows);
}
/** Colour of each curve by its legend title's group ("true ...", "false ..."), per chart. */
const colours = (html: string): Record<string, string>[] =>
  html.split('<figure').slice(1).map((fig) => Object.fromEntries([...fig.matchAll(/stroke="(#[0-9a-f]+)"[^>]*><title>(true|false)\b/g)].map((m) => [m[2], m[1]])));

describe('toHTMLCompare(r) on durations given directly (kohort compare --duration "Tenure in Months")', () => {
  it('labels the x axes "months", not "monthss", and draws each group in one colour on every chart', () => {
    const r = compareFromTables({ customers: tenures() }, { columns: { id: 'id' }, by: 'referrals > 0', duration: 'months', event: 'status=Churned' });
    const html = toHTMLCompare(r);
    expect(html).not.toContain('monthss');
    expect(html).toContain('against false; Kaplan-Meier curves by month.');
    expect(html).toContain('>months</text>');
    const charts = colours(html).filter((c) => c.true && c.false);
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const c of charts) expect(c).toEqual(charts[0]);
    expect(charts[0].true).not.toBe(charts[0].false);
  });
});
