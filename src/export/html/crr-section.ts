import { crrRates, type CrrResult } from '../../result/crr-table.js';
import { SERIES_COLOURS } from './colour-scale.js';
import { dataTable, num, type TableCell } from './data-table.js';
import { escapeHTML } from './escape.js';
import { lineChart, type ChartSeries } from './line-chart.js';
import { formatCount } from './number-format.js';
import type { Section } from './page.js';
import { valueLabel } from '../../result/key-columns.js';

const pct = (x: number | null): string => (x === null ? '–' : `${x.toFixed(1)}%`);

/**
 * crrSection: the customer retention rate per period, one line per group, with a table of
 * customers at the start, new, at the end, retained, lost, CRR, churn rate and the exact rate.
 */
export function crrSection(r: CrrResult): Section {
  const P = r.periods.length;
  const c = r.counts;
  const x = Float64Array.from({ length: P }, (_, p) => p);
  let lowest = 100;
  const groupName = (g: number): string =>
    r.groups.attributes.map((a) => valueLabel(a.values[g])).join(' · ') || 'all customers';
  const series: ChartSeries[] = [];
  const rows: TableCell[][] = [];
  for (let g = 0; g < r.groups.count; ++g) {
    const y = new Float64Array(P).fill(NaN);
    for (let p = 0; p < P; ++p) {
      const i = g * P + p;
      const rates = crrRates(c.start[i], c.newCustomers[i], c.end[i], c.retained[i]);
      if (rates.crr !== null) {
        y[p] = rates.crr / 100;
        lowest = Math.min(lowest, rates.crr);
      }
      rows.push([
        ...(r.groups.attributes.length ? [groupName(g)] : []),
        r.labels[p],
        num(formatCount(c.start[i])),
        num(formatCount(c.newCustomers[i])),
        num(formatCount(c.end[i])),
        num(formatCount(c.retained[i])),
        num(formatCount(c.lost[i])),
        num(pct(rates.crr)),
        num(pct(rates.churnRate)),
        num(pct(rates.exact)),
      ]);
    }
    series.push({ name: groupName(g), x, y, colour: SERIES_COLOURS[g % SERIES_COLOURS.length], width: 2.2, legend: r.groups.count > 1, dots: P <= 60 });
  }
  // Rates near 100% would be a flat line on a zero-based axis: start at a round 10% below the lowest.
  // A negative CRR (more new customers lost than kept) takes the axis below 0%, with a rule at 0%.
  const floor = lowest < 0 ? Math.floor(lowest / 10) / 10 : Math.max(0, Math.floor((lowest - 5) / 10) / 10);
  const step = Math.max(1, Math.ceil(P / 8));
  const at = Array.from({ length: P }, (_, p) => p).filter((p) => p % step === 0);
  const chart = P
    ? lineChart(series, {
        title: `Customer retention rate per ${r.period}`,
        desc: `Line chart of CRR = (customers at the end - new customers) / customers at the start, per ${r.period}, from ${r.labels[0]} to ${r.labels[P - 1]}; the axis starts at ${Math.round(floor * 100)}%. The table below has the numbers.`,
        xLabel: r.period,
        yLabel: 'CRR',
        yPercent: true,
        yDomain: [floor, 1],
        yRule: floor < 0 ? 0 : undefined,
        xDomain: [0, Math.max(1, P - 1)],
        xTicks: { at, label: (p) => r.labels[p] ?? '' },
      })
    : '<p>No period had ended by the as-of date.</p>';
  const keys = r.groups.attributes.length ? [r.groups.attributes.map((a) => a.name).join(', ')] : [];
  const table = dataTable(`Data: customer retention rate per ${r.period}`, [...keys, 'period', 'start', 'new', 'end', 'retained', 'lost', 'CRR', 'churn', 'exact'], rows);
  const html =
    `<section id="crr" aria-labelledby="crr-h"><h2 id="crr-h">Customer retention rate per ${escapeHTML(r.period)}</h2>` +
    `<p class="note">CRR = (customers at the end \u2212 new customers) / customers at the start; churn = 100% \u2212 CRR; exact = customers of the start still customers at the end / customers at the start. Only ${escapeHTML(r.period)}s that had ended by the as-of date.</p>` +
    chart + table + `</section>`;
  return { html };
}
