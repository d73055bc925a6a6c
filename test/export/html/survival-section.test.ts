import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { retention } from '../../../src/api/matrix.js';
import { survivalFromTables } from '../../../src/api/survival.js';
import { groupColours, groupCurvesSection } from '../../../src/export/html/average-curves.js';
import { survivalSection } from '../../../src/export/html/survival-section.js';
import { groupKey } from '../../../src/result/key-columns.js';

/** `groups` plans, plan g with 2 + g customers, half of them churned after 10 + g days. */
function plans(groups: number) {
  const id: string[] = [];
  const plan: string[] = [];
  const signup: string[] = [];
  const churn: (string | null)[] = [];
  for (let g = 0; g < groups; ++g) {
    for (let i = 0; i < 2 + g; ++i) {
      id.push(`${g}-${i}`);
      plan.push(`p${String(g).padStart(2, '0')}`);
      signup.push('2024-01-01');
      churn.push(i % 2 ? `2024-01-${String(11 + (g % 18)).padStart(2, '0')}` : null);
    }
  }
  return survivalFromTables({ customers: aq.table({ id, plan, signup, churn }) }, { columns: { id: 'id', signup: 'signup', churn: 'churn' }, by: ['plan'], asOf: '2024-06-01' });
}
const legend = (html: string): string[] => [...html.matchAll(/<li>(?:<span[^>]*><\/span>)?([^<]*)<\/li>/g)].map((m) => m[1]);

describe('survivalSection(r)', () => {
  it('draws at most 20 curves, the largest groups, unshaded and dashed past the 10 colours, and says so; the table keeps every group', () => {
    const html = survivalSection(plans(30)).html;
    const keys = legend(html);
    expect(keys.filter((k) => /^p\d\d /.test(k))).toHaveLength(20);
    expect(keys.some((k) => k.startsWith('p29 (n = 31'))).toBe(true);
    expect(keys.some((k) => k.startsWith('p09 '))).toBe(false);
    expect(html).toContain('the 20 largest of 30 groups are drawn; the table below has all');
    expect(html).toContain('not shaded for more than 10 groups');
    expect(html).not.toContain('<path class="band"');
    expect(html.match(/stroke-dasharray/g)).toHaveLength(10);
    expect(html.match(/<tr><th scope="row">[^<]*p\d\d<\/th>/g)).toHaveLength(30);
  });

  it('shades the intervals of a few groups and draws them all', () => {
    const html = survivalSection(plans(3)).html;
    expect(html.match(/<path class="band"/g)).toHaveLength(3);
    expect(html).not.toContain('groups are drawn');
    expect(html).toContain('shaded: 95% interval');
  });
});

describe('survivalSection(r) x axis', () => {
  const label = (html: string): string => /<text class="label" x="[\d.]+" y="[\d.]+" text-anchor="middle">([^<]*)<\/text>/.exec(html)![1];

  it('counts time from what the curves count from: first activity (churn inferred from activity), signup, or the durations given', () => {
    const activity = aq.table({ id: ['a', 'a', 'b'], time: ['2024-01-05', '2024-02-01', '2024-01-09'] });
    expect(label(survivalSection(survivalFromTables({ activity }, { columns: { id: 'id', time: 'time' }, inactiveAfter: '30d', asOf: '2024-06-01' })).html)).toBe('days since first activity');
    expect(label(survivalSection(plans(2)).html)).toBe('days since signup');
    const tenure = aq.table({ id: ['a', 'b', 'c'], tenure: [3, 10, 24], Churn: ['Yes', 'No', 'Yes'] });
    expect(label(survivalSection(survivalFromTables({ customers: tenure }, { columns: { id: 'id' }, duration: 'tenure', event: 'Churn=Yes' })).html)).toBe('tenure units');
  });
});

describe('survivalSection(r) note', () => {
  it('speaks of the as-of date only where there is one: not for durations given directly', () => {
    const tenure = aq.table({ id: ['a', 'b', 'c'], tenure: [3, 10, 24], Churn: ['Yes', 'No', 'Yes'] });
    const given = survivalSection(survivalFromTables({ customers: tenure }, { columns: { id: 'id' }, duration: 'tenure', event: 'Churn=Yes' })).html;
    expect(given).not.toContain('as-of');
    expect(given).toContain('customers without the churn event count until their own duration (censored)');
    expect(survivalSection(plans(2)).html).toContain('customers who had not churned by the as-of date count until then (censored)');
  });
});

describe('survivalSection(r, { colours })', () => {
  it('draws each group in the colour the page\'s other charts give it, and a group they do not draw in grey (report --by: same country, same colour)', () => {
    const html = survivalSection(plans(3), { colours: new Map([[groupKey(['p02']), '#e15759'], [groupKey(['p00']), '#4e79a7']]) }).html;
    const colourOf = Object.fromEntries([...html.matchAll(/stroke="(#[0-9a-f]+)"[^>]*><title>(p\d\d)/g)].map((m) => [m[2], m[1]]));
    expect(colourOf).toEqual({ p00: '#4e79a7', p01: '#8c8c8c', p02: '#e15759' });
  });
});

describe('survivalSection(r, { colours: groupColours(m) })', () => {
  it('draws the group whose value is the text "(none)" in its retention colour, not grey nor the colour of the customers without a value', () => {
    const plan: (string | null)[] = [...Array(6).fill(null), ...Array(4).fill('(none)'), 'basic', 'basic'];
    const id = plan.map((_, i) => `c${i}`);
    const signup = plan.map(() => '2024-01-05');
    const churn = plan.map((_, i) => (i % 2 ? '2024-02-20' : null));
    const customers = aq.table({ id, signup, churn, plan });
    const activity = aq.table({ id: [...id, ...id], time: [...signup, ...plan.map(() => '2024-02-10')] });
    const m = retention({ activity, customers }, { asOf: '2024-05-01', cohort: ['month', 'plan'], columns: { id: 'id', time: 'time', signup: 'signup' } });
    const s = survivalFromTables({ customers }, { columns: { id: 'id', signup: 'signup', churn: 'churn' }, by: ['plan'], asOf: '2024-05-01' });
    const colourOf = (html: string) => Object.fromEntries([...html.matchAll(/stroke="(#[0-9a-f]+)"[^>]*><title>([^<]*?) \((?:n = )?\d/g)].map((x) => [x[2], x[1]]));
    const above = colourOf(groupCurvesSection(m, ['plan']).html);
    const below = colourOf(survivalSection(s, { colours: groupColours(m) }).html);
    expect(Object.keys(above).sort()).toEqual(['&quot;(none)&quot;', '(none)', 'basic']);
    expect(below).toEqual(above);
  });
});
