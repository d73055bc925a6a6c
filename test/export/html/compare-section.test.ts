import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { compareFromTables } from '../../../src/api/compare.js';
import { compareSections } from '../../../src/export/html/compare-section.js';
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

describe('compareSections(r) on groups whose values read "(none)"', () => {
  it('names each group by its valueLabel in the legends, the difference chart, the headings and the table: (none), "(none)" and ""(none)"" show as three labels, none as a missing value', () => {
    const keys = ['(none)', '"(none)"', '""(none)""'];
    const customers = aq.from(
      ['0', '1', '2', '2', null].map((k, i) => ({ id: String(i + 1), signup_at: '2022-01-01', churned_at: ['2022-02-01', '2022-02-10', '2022-02-20', '2022-03-20', '2022-03-20'][i], grp: k === null ? null : keys[Number(k)] })),
    );
    const activity = aq.from(['1', '2', '2', '3', '4', '4', '5'].map((id, i) => ({ id, time: ['2022-01-02', '2022-01-02', '2022-02-02', '2022-01-03', '2022-01-03', '2022-02-03', '2022-01-03'][i] })));
    const r = compareFromTables({ customers, activity }, { columns: { id: 'id', signup: 'signup_at', churn: 'churned_at', time: 'time' }, by: 'grp' });
    const html = compareSections(r).map((s) => s.html).join('');
    const page = toHTMLCompare(r);
    const esc = (s: string): string => s.replace(/"/g, '&quot;');
    const labels = ['"(none)"', '""(none)""', '"""(none)"""'];
    expect(new Set([...labels, '(none)']).size).toBe(4);
    const titles = [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1].replace(/&quot;/g, '"').replace(/&#34;/g, '"'));
    expect(titles.some((t) => t.startsWith(`${labels[2]} (reference) (n = 2)`))).toBe(true);
    expect(titles.some((t) => t.startsWith(`${labels[0]} (n = 1)`))).toBe(true);
    expect(titles.some((t) => t.startsWith(`${labels[1]} (n = 1)`))).toBe(true);
    expect(titles.some((t) => t.startsWith(`${labels[0]} \u2212 ${labels[2]}`))).toBe(true);
    expect(html).toContain(`<h3>Difference from ${esc(labels[2])}</h3>`);
    expect(html.replace(/&quot;|&#34;/g, '"')).toContain(`<th scope="col">diff_${labels[0]}</th>`);
    expect(html.replace(/&quot;|&#34;/g, '"')).toContain(`${labels[0]} customers are `);
    expect(page.replace(/&quot;|&#34;/g, '"')).toContain(`against ${labels[2]};`);
    // A bare (none) would read as the customers without a value.
    expect(html.replace(/&quot;|&#34;/g, '"')).not.toMatch(/(^|[^"])\(none\)[^"]/);
  });
});
