import { groupLabel, type SurvivalResult } from '../../result/survival-result.js';
import type { KMCurve } from '../../stats/kaplan-meier.js';
import { SERIES_COLOURS } from './colour-scale.js';
import { dataTable, num, type TableCell } from './data-table.js';
import { escapeHTML } from './escape.js';
import { lineChart, type ChartSeries } from './line-chart.js';
import { formatCount, formatNumber, formatP } from './number-format.js';
import type { Section } from './page.js';
import { groupKey, valueLabel } from '../../result/key-columns.js';

/** Past this many groups only the largest are drawn (as the report's retention by group does); the table keeps all. */
const MAX_CURVES = 20;

/** The colour of a group the page's other charts do not draw. */
const OTHER_GROUP = '#8c8c8c';

/** Curves longer than this are thinned to one point per 1/MAX_POINTS of the time axis. */
const MAX_POINTS = 1200;

/**
 * The points of a step curve to draw, starting at (0, 1). Long curves keep, per slice of
 * the time axis, the last point (the level the step reaches), so the drawing is the same
 * at screen resolution and the file stays small.
 */
function stepPoints(c: KMCurve, tMax: number): { x: number[]; y: number[]; lo: number[]; hi: number[] } {
  const x = [0];
  const y = [1];
  const lo = [1];
  const hi = [1];
  const slice = c.time.length > MAX_POINTS ? tMax / MAX_POINTS : 0;
  for (let i = 0; i < c.time.length; ++i) {
    const t = c.time[i];
    const last = x.length - 1;
    if (slice && last > 0 && Math.floor(t / slice) === Math.floor(x[last] / slice)) {
      y[last] = c.survival[i];
      lo[last] = c.lower[i];
      hi[last] = c.upper[i];
      continue;
    }
    x.push(t);
    y.push(c.survival[i]);
    lo.push(c.lower[i]);
    hi.push(c.upper[i]);
  }
  return { x, y, lo, hi };
}

const timeText = (t: number | null): string => (t === null || !Number.isFinite(t) ? 'not reached' : formatNumber(t, 1));

/** The test's result in words, for under the curves. */
export function logRankSentence(r: SurvivalResult): string {
  const t = r.test;
  if (!t) return '';
  if (t.df === 0) return `${t.name} test: not defined (fewer than two groups with churn).`;
  const p = formatP(t.p);
  const verdict =
    t.p !== null && t.p < 0.05
      ? 'the groups\u2019 survival curves differ by more than chance alone would explain (p < 0.05)'
      : 'no evidence at the 5% level that the groups\u2019 curves differ';
  return `${t.name} test across ${r.by.join(' \u00d7 ')}: \u03c7\u00b2 = ${t.chi2.toFixed(2)}, df = ${t.df}, p ${p.startsWith('<') ? '' : '= '}${p}: ${verdict}.`;
}

/**
 * survivalSection: Kaplan-Meier step curves per group with shaded pointwise intervals and
 * the median marked, the log-rank result under them, and a table of n, churned, median
 * [interval] and S at the chosen times.
 */
export function survivalSection(r: SurvivalResult, opts: { heading?: string; colours?: Map<string, string> } = {}): Section {
  let tMax = 0;
  for (const g of r.groups) if (g.curve.time.length) tMax = Math.max(tMax, g.curve.time[g.curve.time.length - 1]);
  const level = Math.round(r.spec.confLevel * 1000) / 10;
  // Past one colour per group, colours repeat dashed and the overlapping bands would hide the steps: none are shaded.
  const largest = new Set([...r.groups].sort((a, b) => b.curve.n - a.curve.n).slice(0, MAX_CURVES));
  const drawn = r.groups.filter((g) => largest.has(g));
  const bands = drawn.length <= SERIES_COLOURS.length;
  const series: ChartSeries[] = drawn.map((g, i) => {
    const p = stepPoints(g.curve, tMax);
    // With the page's colours (its other charts of these groups), a group they do not draw is grey.
    const colour = opts.colours ? opts.colours.get(groupKey(r.by.map((b) => g.key[b]))) ?? OTHER_GROUP : SERIES_COLOURS[i % SERIES_COLOURS.length];
    const m = g.median.estimate;
    return {
      name: `${r.by.length === 1 ? valueLabel(g.key[r.by[0]]) : r.by.length ? groupLabel(g.key) : 'all customers'} (n = ${formatCount(g.curve.n)}, median ${timeText(m)})`,
      x: p.x,
      y: p.y,
      lower: bands ? p.lo : undefined,
      upper: bands ? p.hi : undefined,
      step: true,
      colour,
      width: 2,
      dash: i >= SERIES_COLOURS.length,
      bandOpacity: r.groups.length > 2 ? 0.09 : 0.16,
      // One group's median is labelled on the chart; several groups' in the legend (labels would collide).
      marks: m !== null && Number.isFinite(m) ? [{ x: m, y: 0.5, label: r.groups.length === 1 ? `median ${timeText(m)} ${r.unit}` : '' }] : [],
    };
  });
  const chart = lineChart(series, {
    title: `Kaplan-Meier survival${r.by.length ? ` by ${r.by.join(' and ')}` : ''}`,
    desc: `Step curves of the share of customers not yet churned against time in ${r.unit}, with ${level}% pointwise intervals shaded and the median lifetime marked where reached. The table below has the numbers.`,
    xLabel: r.spec.anchor === 'none' ? r.unit : `${r.unit} since ${r.spec.anchor === 'signup' ? 'signup' : 'first activity'}`,
    yLabel: 'share not churned',
    yPercent: true,
    yDomain: [0, 1],
    xDomain: [0, tMax || 1],
    yRule: 0.5,
    legendNotes: [
      ...(drawn.length < r.groups.length ? [`the ${drawn.length} largest of ${r.groups.length} groups are drawn; the table below has all`] : []),
      bands ? `shaded: ${level}% interval (${r.spec.ci})` : `${level}% intervals (${r.spec.ci}) in the table below: not shaded for more than ${SERIES_COLOURS.length} groups`,
      `dot: median lifetime (${r.unit}), where the curve crosses 50%`,
    ],
  });
  const times = r.spec.at;
  const rows: TableCell[][] = r.groups.map((g) => {
    const m = g.median;
    const byTime = new Map(g.at.map((a) => [a.time, a]));
    return [
      r.by.length ? groupLabel(g.key) : 'all',
      num(formatCount(g.curve.n)),
      num(formatCount(g.curve.nEvents)),
      num(m.estimate === null ? 'not reached' : `${timeText(m.estimate)} [${m.lower === null ? '–' : timeText(m.lower)}, ${m.upper === null ? '–' : timeText(m.upper)}]`),
      ...times.map((t) => {
        const a = byTime.get(t);
        const b = (v: number | null): string => (v === null || !Number.isFinite(v) ? '–' : (v * 100).toFixed(1));
        return num(a && Number.isFinite(a.survival) ? `${(a.survival * 100).toFixed(1)}% [${b(a.lower)}, ${b(a.upper)}]` : '–');
      }),
    ];
  });
  const table = dataTable(
    `Data: customers, churned, median lifetime (${r.unit}) and survival at chosen times, ${level}% intervals`,
    [r.by.length ? r.by.join(', ') : 'group', 'customers', 'churned', `median [${level}% CI]`, ...times.map((t) => `S(${formatNumber(t, 2)})`)],
    rows,
  );
  const test = r.test ? `<p class="stat">${escapeHTML(logRankSentence(r))}</p>` : '';
  const html =
    `<section id="survival" aria-labelledby="survival-h"><h2 id="survival-h">${escapeHTML(opts.heading ?? 'Survival: time to churn')}</h2>` +
    `<p class="note">Kaplan-Meier estimate of the share of customers still with us after t ${escapeHTML(r.unit)}; ${censoredNote(r)}</p>` +
    chart + test + table + `</section>`;
  return { html };
}

/** Who counts as censored: durations given directly have no as-of date, only each customer's own duration. */
function censoredNote(r: SurvivalResult): string {
  return r.spec.anchor === 'none'
    ? 'customers without the churn event count until their own duration (censored).'
    : 'customers who had not churned by the as-of date count until then (censored).';
}
