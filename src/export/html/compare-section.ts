import type { CompareResult } from '../../result/compare-result.js';
import { groupKey, valueLabel } from '../../result/key-columns.js';
import { compareRevenueTable, compareWideTable } from '../../result/compare-table.js';
import { SERIES_COLOURS } from './colour-scale.js';
import { columnTableHTML } from './data-table.js';
import { escapeHTML } from './escape.js';
import { lineChart, type ChartSeries } from './line-chart.js';
import { formatCount } from './number-format.js';
import type { Section } from './page.js';

/**
 * Each group's colour on the page by its groupKey (as survivalSection looks a group up), so
 * that its survival curve has the colour of its retention curve.
 */
export function compareColours(r: CompareResult): Map<string, string> {
  return new Map(r.groups.map((g, i) => [groupKey([g.key]), SERIES_COLOURS[i % SERIES_COLOURS.length]]));
}

/**
 * compareSections: `kohort compare` as page sections: each group's curve, each group's
 * difference from the reference with its shaded interval (0 marked), the summary, the
 * revenue per customer where computed, and the wide table under the charts.
 */
export function compareSections(r: CompareResult): Section[] {
  const level = Math.round(r.confLevel * 1000) / 10;
  // The period is "month" for retention, "months" for durations given directly: one form here.
  const unit = r.period.replace(/s$/, '');
  const colourOf = compareColours(r);
  const ref = valueLabel(r.reference);
  const curves: ChartSeries[] = r.groups.map((g) => ({
    name: `${valueLabel(g.key)}${g.key === r.reference ? ' (reference)' : ''} (n = ${formatCount(g.n)})`,
    x: g.average.map((p) => p.offset),
    y: g.average.map((p) => p.value),
    colour: colourOf.get(groupKey([g.key]))!,
    width: g.key === r.reference ? 3 : 2,
    dots: g.average.length <= 3,
  }));
  const maxOffset = Math.max(1, ...r.groups.flatMap((g) => g.average.map((p) => p.offset)));
  const curveChart = lineChart(curves, {
    title: `Retention by ${r.by}`,
    desc: `One line per group of ${r.by}: the share retained at each ${unit} (${r.method}). The table below has the numbers.`,
    xLabel: `${unit}s`,
    yLabel: 'retained',
    yPercent: true,
    yDomain: [0, 1],
    xDomain: [0, maxOffset],
    xIntegers: true,
  });
  const byGroup = new Map<string, CompareResult['differences']>();
  for (const d of r.differences) byGroup.set(d.group, [...(byGroup.get(d.group) ?? []), d]);
  const diffs: ChartSeries[] = [...byGroup.entries()].map(([group, ds]) => ({
    name: `${valueLabel(group)} \u2212 ${ref}`,
    x: ds.map((d) => d.offset),
    y: ds.map((d) => d.diff ?? NaN),
    lower: ds.map((d) => d.lower ?? NaN),
    upper: ds.map((d) => d.upper ?? NaN),
    colour: colourOf.get(groupKey([group])) ?? '#555',
    width: 2,
    bandOpacity: byGroup.size > 2 ? 0.1 : 0.18,
    dots: ds.length <= 24,
  }));
  const bounds = r.differences.flatMap((d) => [d.lower, d.upper, d.diff]).filter((x): x is number => x !== null && Number.isFinite(x));
  const lo = Math.min(0, ...bounds);
  const hi = Math.max(0, ...bounds);
  const diffChart = diffs.length
    ? lineChart(diffs, {
        title: `Difference from ${ref}`,
        desc: `Each group's retention minus ${ref}'s at each ${unit}, in percentage points, with ${level}% intervals shaded; the dashed line is no difference. The table below has the numbers.`,
        xLabel: `${unit}s`,
        yLabel: `difference from ${ref}`,
        yPercent: true,
        yDomain: [lo, hi],
        xDomain: [0, maxOffset],
        xIntegers: true,
        yRule: 0,
        legendNotes: [`shaded: ${level}% interval; p adjusted across offsets: ${r.adjust}`],
      })
    : '';
  const sections: Section[] = [
    {
      html:
        `<section id="compare" aria-labelledby="compare-h"><h2 id="compare-h">Retention by ${escapeHTML(r.by)}</h2>` +
        (r.summary ? `<p class="stat">${escapeHTML(r.summary).replace(/\n/g, '<br>')}</p>` : '') +
        curveChart +
        (diffChart ? `<h3>Difference from ${escapeHTML(ref)}</h3>${diffChart}` : '') +
        columnTableHTML(`Data: each group's retention by ${unit}, and the difference from ${ref} with its interval and adjusted p`, compareWideTable(r, valueLabel)) +
        `</section>`,
    },
  ];
  if (r.revenue) {
    sections.push({
      html:
        `<section id="compare-revenue" aria-labelledby="compare-revenue-h"><h2 id="compare-revenue-h">Revenue per customer by ${escapeHTML(r.by)}</h2>` +
        columnTableHTML(`Revenue per customer by ${r.by}, with the difference from ${ref} (${level}% intervals)`, compareRevenueTable(r, valueLabel), { open: true }) +
        `</section>`,
    });
  }
  return sections;
}
