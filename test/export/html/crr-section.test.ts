import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { crrFromTables } from '../../../src/api/crr.js';
import { crrSection } from '../../../src/export/html/crr-section.js';

describe('crrSection(r)', () => {
  it('draws a negative CRR inside the chart: the axis goes below 0% (new customers who left in the month count against the rate)', () => {
    // February: 1 customer at the start, 3 new who all leave within it: CRR = (1 - 3) / 1 = -200%.
    const customers = aq.table({
      id: ['p', 'q', 'r', 's', 't'],
      signup_at: ['2024-01-05', '2024-02-02', '2024-02-03', '2024-02-04', '2024-03-01'],
      churned_at: [null, '2024-02-10', '2024-02-11', '2024-02-12', null],
    });
    const r = crrFromTables(customers, { asOf: '2024-04-01' });
    const html = crrSection(r).html;
    expect(html).toContain('<td class="r">-200.0%</td>');
    expect(html).toContain('the axis starts at -200%');
    const ticks = [...html.matchAll(/<text class="tick"[^>]*text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks[0]).toBe('-200%');
    // Every point lies within the plot: no y coordinate below the x axis.
    const axis = Number(/<line class="axis" x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)"/.exec(html)![1]);
    for (const m of html.matchAll(/<circle[^>]* cy="([\d.-]+)"/g)) expect(Number(m[1])).toBeLessThanOrEqual(axis);
  });
});
