import { quantile } from 'd3-array';
import type { MatrixResult } from '../../result/matrix-result.js';
import { cellShown } from '../../result/tidy-table.js';
import { groupKey, valueLabel } from '../../result/key-columns.js';
import { diffProportions } from '../../stats/newcombe.js';
import { PALETTE, SERIES_COLOURS, hex } from './colour-scale.js';
import { dataTable, num, type TableCell } from './data-table.js';
import { escapeHTML } from './escape.js';
import { modeName } from './heatmap-data.js';
import { lineChart, shareTop, type ChartSeries } from './line-chart.js';
import { formatCount, formatNumber, formatPercent } from './number-format.js';
import type { Section } from './page.js';
import { counted } from '../../messages.js';

/** Up to this many cohorts get a line each; more are summarised by their quartiles. */
const MAX_COHORT_LINES = 24;
/** Up to this many groups get a line (10 colours, solid then dashed): the largest; the table has all. */
const MAX_GROUP_LINES = 20;

const since = (r: MatrixResult): string => (r.spec.anchor === 'signup' ? 'signup' : 'first activity');
const isShare = (r: MatrixResult): boolean => r.spec.mode !== 'ltv';
const fmtValue = (r: MatrixResult, v: number): string => (isShare(r) ? formatPercent(v) : formatNumber(v, 2));

/** Per offset, a group's weighted average over its complete cells: sum of counts / sum of sizes. */
export interface GroupCurve {
  name: string;
  /** The group's values as groupKey (src/result/key-columns.ts) writes them. */
  key: string;
  value: Float64Array;
  active: Float64Array;
  size: Float64Array;
  cohorts: Int32Array;
  /** The customers without a value of an attribute (shown "(none)"). */
  missing: boolean;
}

/**
 * groupCurves: the weighted average curve of each value of the attribute columns (cohorts
 * crossed with a time part are pooled per attribute value), over complete cells only.
 * Revenue modes pool values weighted by size (the numerators are not carried).
 */
export function groupCurves(r: MatrixResult): GroupCurve[] {
  const { width } = r;
  // Keyed by the values, not their shown names: a missing value and the text "(none)", or
  // "a · b" + "c" and "a" + "b · c", are different groups.
  const byValues = new Map<string, GroupCurve>();
  for (let h = 0; h < r.cohorts.count; ++h) {
    const values = r.cohorts.attributes.map((a) => a.values[h] ?? null);
    const key = groupKey(values);
    let g = byValues.get(key);
    if (!g) {
      const name = values.map(valueLabel).join(' · ') || 'all';
      const missing = values.includes(null);
      g = { name, key, value: new Float64Array(width), active: new Float64Array(width), size: new Float64Array(width), cohorts: new Int32Array(width), missing };
      byValues.set(key, g);
    }
    const n = r.cohorts.size[h];
    for (let k = 0; k < width; ++k) {
      const i = h * width + k;
      if (!r.cells.complete[i] || !Number.isFinite(r.cells.value[i])) continue;
      g.active[k] += r.cells.active[i];
      g.value[k] += r.cells.value[i] * n;
      g.size[k] += n;
      g.cohorts[k] += 1;
    }
  }
  const out = [...byValues.values()];
  for (const g of out) for (let k = 0; k < width; ++k) g.value[k] = g.size[k] > 0 ? g.value[k] / g.size[k] : NaN;
  return out;
}

const offsets = (width: number): Float64Array => Float64Array.from({ length: width }, (_, k) => k);

/**
 * averageCurveSection: the weighted average retention by offset as a line, over one thin
 * line per cohort (or, past 24 cohorts, the band between their quartiles); a table below.
 */
export function averageCurveSection(r: MatrixResult): Section {
  const { width } = r;
  const x = offsets(width);
  const series: ChartSeries[] = [];
  const notes: string[] = [];
  const H = r.cohorts.count;
  if (H <= MAX_COHORT_LINES) {
    for (let h = 0; h < H; ++h) {
      const y = new Float64Array(width).fill(NaN);
      for (let k = 0; k < width; ++k) if (cellShown(r, h * width + k) && r.cells.complete[h * width + k]) y[k] = r.cells.value[h * width + k];
      const label = [r.cohorts.label?.[h], ...r.cohorts.attributes.map((a) => valueLabel(a.values[h]))].filter((s) => s !== undefined).join(' · ');
      // Older cohorts lighter, newer darker: the palette's upper two thirds.
      const c = PALETTE[Math.round(6 + (13 * h) / Math.max(1, H - 1))];
      series.push({ name: label || 'all', x, y, colour: hex(c), width: 1.2, opacity: 0.7, legend: false });
    }
    notes.push(`thin lines: one per cohort (${H}), older lighter`);
  } else {
    const lo = new Float64Array(width).fill(NaN);
    const hi = new Float64Array(width).fill(NaN);
    const mid = new Float64Array(width).fill(NaN);
    for (let k = 0; k < width; ++k) {
      const vals: number[] = [];
      for (let h = 0; h < H; ++h) {
        const i = h * width + k;
        if (r.cells.complete[i] && Number.isFinite(r.cells.value[i])) vals.push(r.cells.value[i]);
      }
      if (vals.length) {
        lo[k] = quantile(vals, 0.25)!;
        hi[k] = quantile(vals, 0.75)!;
        mid[k] = quantile(vals, 0.5)!;
      }
    }
    series.push({ name: 'median cohort', x, y: mid, lower: lo, upper: hi, colour: hex(PALETTE[12]), width: 1.5, dash: true });
    notes.push(`band: middle half of the ${H} cohorts (25th to 75th percentile)`);
  }
  const points = Array.from(r.average.value).filter(Number.isFinite).length;
  series.push({ name: 'weighted average', x, y: r.average.value, colour: '#1d1d1f', width: 3, dots: points <= 3 });
  const name = modeName(r.spec.mode);
  const chart = lineChart(series, {
    title: `${name}: weighted average by ${r.spec.period}s since ${since(r)}`,
    desc: `Line chart of the weighted average ${name.toLowerCase()} at each of ${counted(width, 'offset')}, with the cohorts behind it. The table below has the numbers.`,
    xLabel: `${r.spec.period}s since ${since(r)}`,
    yLabel: name,
    yPercent: isShare(r),
    yDomain: isShare(r) ? [0, shareTop(series.flatMap((s) => [...Array.from(s.y), ...Array.from(s.upper ?? [])]))] : undefined,
    xDomain: [0, Math.max(1, width - 1)],
    xIntegers: true,
    legendNotes: notes,
  });
  const rows: TableCell[][] = [];
  for (let k = 0; k < width; ++k) {
    if (r.average.cohorts[k] === 0) continue;
    rows.push([String(k), num(fmtValue(r, r.average.value[k])), num(formatCount(r.average.active[k])), num(formatCount(r.average.size[k])), num(String(r.average.cohorts[k]))]);
  }
  const table = dataTable(`Data: weighted average ${name.toLowerCase()} by offset`, [r.spec.period, name, 'customers counted', 'cohort customers', 'complete cohorts'], rows);
  const html =
    `<section id="average" aria-labelledby="average-h"><h2 id="average-h">Average ${escapeHTML(name.toLowerCase())} curve</h2>` +
    `<p class="note">${
      r.spec.mode === 'classic' || r.spec.mode === 'unbounded'
        ? `Weighted by cohort size over complete cells: each point is the customers counted over the customers of the cohorts that have reached that ${r.spec.period}.`
        : `Weighted by cohort size over complete cells: the cohorts that have reached that ${r.spec.period}, each counting by its size.`
    }${points === 1 ? ` Only one ${r.spec.period} is complete for the cohorts so far: no curve yet.` : points === 0 ? ` No ${r.spec.period} is complete for any cohort yet: no curve yet.` : ''}</p>` +
    chart + table + `</section>`;
  return { html };
}

/**
 * Differences in retention between groups at a few offsets (1, 3, 6, 12), each group
 * against the largest, in percentage points with Newcombe's 95% interval (x of n: the
 * customers counted over the cohort customers of the group's complete cells). Only for
 * count-based modes; shown open, under the chart.
 */
export function differencesTable(r: MatrixResult, groups: GroupCurve[]): string {
  if (r.spec.mode !== 'classic' && r.spec.mode !== 'unbounded') return '';
  if (groups.length < 2) return '';
  const ks = [1, 3, 6, 12].filter((k) => k < r.width && groups.some((g) => g.size[k] > 0));
  if (!ks.length) return '';
  // Like `kohort compare`, which leaves them out: customers without a value are no reference.
  const valued = groups.filter((g) => !g.missing);
  if (!valued.length) return '';
  const ref = valued.reduce((a, g) => (g.size[0] > a.size[0] ? g : a), valued[0]);
  const pp = (x: number): string => `${x >= 0 ? '+' : '\u2212'}${Math.abs(x * 100).toFixed(1)}`;
  const rows: TableCell[][] = groups
    .filter((g) => g !== ref)
    .map((g) => [
      g.name,
      ...ks.map((k) => {
        if (!(g.size[k] > 0 && ref.size[k] > 0)) return num('–');
        const d = diffProportions(g.active[k], g.size[k], ref.active[k], ref.size[k]);
        if (d.diff === null || d.lower === null || d.upper === null) return num('–');
        const clear = d.lower > 0 || d.upper < 0 ? ' *' : '';
        return num(`${pp(d.diff)} pp [${pp(d.lower)}, ${pp(d.upper)}]${clear}`);
      }),
    ]);
  return (
    `<h3>Differences against ${escapeHTML(ref.name)} (the largest group${valued.length < groups.length ? ' with a value' : ''})</h3>` +
    dataTable(
      `Retention of each group minus ${ref.name}'s, in percentage points, with 95% intervals (Newcombe); * the interval excludes 0`,
      ['group', ...ks.map((k) => `${r.spec.period} ${k}`)],
      rows,
      { open: true },
    ) +
    `<p class="note">* the 95% interval excludes no difference. Customers counted over the customers of the group's complete cohorts at that ${r.spec.period}; each customer counts once per ${r.spec.period}.</p>`
  );
}

/** The groups whose curves are drawn: past 20 lines no colour or dash tells one from another, so the largest. */
function drawnGroups(groups: GroupCurve[]): GroupCurve[] {
  const largest = new Set([...groups].sort((a, b) => b.size[0] - a.size[0]).slice(0, MAX_GROUP_LINES));
  return groups.filter((g) => largest.has(g));
}

/** Each drawn group's colour by its values (groupKey), for the page's other charts of the same groups (survival). */
export function groupColours(r: MatrixResult): Map<string, string> {
  return new Map(drawnGroups(groupCurves(r)).map((g, i) => [g.key, SERIES_COLOURS[i % SERIES_COLOURS.length]]));
}

/** groupCurvesSection: the weighted average curve per group (the --by comparison), a table below. */
export function groupCurvesSection(r: MatrixResult, by: string[]): Section {
  const groups = groupCurves(r);
  const x = offsets(r.width);
  const drawn = drawnGroups(groups);
  const series: ChartSeries[] = drawn.map((g, i) => ({
    name: `${g.name} (${formatCount(g.size[0])})`,
    x,
    y: g.value,
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length],
    width: 2.2,
    dash: i >= SERIES_COLOURS.length,
  }));
  const name = modeName(r.spec.mode);
  const chart = lineChart(series, {
    title: `${name} by ${by.join(' and ')}`,
    desc: `One line per ${by.join(' and ')} value: the weighted average ${name.toLowerCase()} over its complete cohort cells. The table below has the numbers.`,
    xLabel: `${r.spec.period}s since ${since(r)}`,
    yLabel: name,
    yPercent: isShare(r),
    yDomain: isShare(r) ? [0, shareTop(series.flatMap((s) => Array.from(s.y)))] : undefined,
    xDomain: [0, Math.max(1, r.width - 1)],
    xIntegers: true,
    legendNotes: drawn.length < groups.length ? [`the ${drawn.length} largest of ${groups.length} groups are drawn; the table below has all`] : undefined,
  });
  const rows: TableCell[][] = [];
  for (let k = 0; k < r.width; ++k) {
    rows.push([String(k), ...groups.map((g) => num(g.cohorts[k] ? `${fmtValue(r, g.value[k])} (${formatCount(g.active[k])} of ${formatCount(g.size[k])})` : '–'))]);
  }
  const table = dataTable(`Data: ${name.toLowerCase()} by ${by.join(' and ')} and offset`, [r.spec.period, ...groups.map((g) => g.name)], rows);
  const html =
    `<section id="by-group" aria-labelledby="by-group-h"><h2 id="by-group-h">${escapeHTML(name)} by ${escapeHTML(by.join(' and '))}</h2>` +
    `<p class="note">Each group's cohorts pooled, weighted by size, complete cells only; the number of customers at offset 0 in brackets.</p>` +
    chart + differencesTable(r, groups) + table + `</section>`;
  return { html };
}
