import { extent } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { area, curveLinear, curveStepAfter, line } from 'd3-shape';
import { escapeHTML } from './escape.js';

/** One line of a chart. NaN y values break the line. */
export interface ChartSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** A shaded interval around the line. */
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
  /** Draw as steps (Kaplan-Meier). */
  step?: boolean;
  colour: string;
  /** Stroke width (2). */
  width?: number;
  opacity?: number;
  dash?: boolean;
  /** Points marked with a dot and a label (e.g. the median). */
  marks?: { x: number; y: number; label: string }[];
  /** A dot at every point (short series). */
  dots?: boolean;
  /** Opacity of the shaded interval (0.16). */
  bandOpacity?: number;
  /** Left out of the legend (e.g. many thin cohort lines). */
  legend?: boolean;
}

/** Axes and text of a chart. */
export interface ChartOptions {
  /** Accessible name of the figure (also its visible title when given as heading). */
  title: string;
  /** One or two sentences on what the chart shows, for screen readers. */
  desc: string;
  xLabel: string;
  yLabel: string;
  /** y values are shares shown as percentages. */
  yPercent?: boolean;
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** A horizontal reference line (e.g. 50% for medians). */
  yRule?: number;
  width?: number;
  height?: number;
  /** Only whole-number x ticks (offsets, periods). */
  xIntegers?: boolean;
  /** x tick positions and their labels (default: nice numbers). */
  xTicks?: { at: number[]; label: (x: number) => string };
  /** Extra legend entries (e.g. the band's meaning). */
  legendNotes?: string[];
}

const M = { top: 12, right: 16, bottom: 44, left: 56 };

/**
 * shareTop: the top of a share axis (0 = 0%) for these values: 100%, or the largest value
 * above it (revenue retention); for low curves, all at most 50%, the next 10% above them,
 * so that a 2% and a 5% curve do not both lie on the floor of a 0-100% chart (CDNOW, Olist).
 */
export function shareTop(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) if (Number.isFinite(v) && v > max) max = v;
  if (max > 0.5) return Math.max(1, max);
  return Math.max(0.1, Math.ceil(Math.round(max * 1e6) / 1e5) / 10);
}
/** A generous width of one character of an 11px tick label (digits and "-" are about 6.1 px in the page's sans-serif). */
const TICK_CHAR = 7;

/**
 * lineChart: an SVG line (or step) chart with axes, grid, shaded intervals, marks and an
 * HTML legend, drawn with d3-scale and d3-shape as plain markup (no DOM needed). The SVG
 * scales to its container's width.
 */
export function lineChart(series: ChartSeries[], o: ChartOptions): string {
  const W = o.width ?? 720;
  const H = o.height ?? 320;
  const allX: number[] = [];
  const allY: number[] = [];
  for (const s of series) {
    for (let i = 0; i < s.x.length; ++i) {
      if (Number.isFinite(s.y[i])) {
        allX.push(s.x[i]);
        allY.push(s.y[i]);
      }
    }
  }
  const [x0, x1] = o.xDomain ?? (extent(allX) as [number, number]);
  const [y0, y1] = o.yDomain ?? [0, Math.max(...allY, 0) || 1];
  const xs = scaleLinear().domain([x0 ?? 0, x1 === x0 ? (x0 ?? 0) + 1 : (x1 ?? 1)]).range([M.left, W - M.right]);
  const x = o.xTicks ? xs : xs.nice();
  const y = scaleLinear().domain([y0, y1]).range([H - M.bottom, M.top]).nice();
  const fy = (v: number): string => (o.yPercent ? `${Math.round(v * 100)}%` : v.toLocaleString('en-US'));
  const fx = (v: number): string => v.toLocaleString('en-US');
  const parts: string[] = [];
  // Grid and axes.
  for (const t of y.ticks(5)) {
    parts.push(`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/>`);
    parts.push(`<text class="tick" x="${M.left - 6}" y="${y(t).toFixed(1)}" dy="0.32em" text-anchor="end">${fy(t)}</text>`);
  }
  for (const t of o.xTicks?.at ?? x.ticks(8).filter((v) => !o.xIntegers || Number.isInteger(v))) {
    const label = o.xTicks ? o.xTicks.label(t) : fx(t);
    // A label centred on a tick near the right edge would be cut there ("2024-0"): it ends at its tick instead.
    const anchor = x(t) + (label.length * TICK_CHAR) / 2 > W ? 'end' : 'middle';
    parts.push(`<line class="tickmark" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${H - M.bottom}" y2="${H - M.bottom + 4}"/>`);
    parts.push(`<text class="tick" x="${x(t).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="${anchor}">${escapeHTML(label)}</text>`);
  }
  parts.push(`<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>`);
  parts.push(`<text class="label" x="${(M.left + W - M.right) / 2}" y="${H - 6}" text-anchor="middle">${escapeHTML(o.xLabel)}</text>`);
  parts.push(`<text class="label" transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHTML(o.yLabel)}</text>`);
  if (o.yRule !== undefined) {
    parts.push(`<line class="rule" x1="${M.left}" x2="${W - M.right}" y1="${y(o.yRule).toFixed(1)}" y2="${y(o.yRule).toFixed(1)}"/>`);
  }
  const clipX = (v: number): number => Math.max(x.range()[0], Math.min(x.range()[1], x(v)));
  for (const s of series) {
    const idx = Array.from({ length: s.x.length }, (_, i) => i);
    const curve = s.step ? curveStepAfter : curveLinear;
    if (s.lower && s.upper) {
      const band = area<number>()
        .defined((i) => Number.isFinite(s.lower![i]) && Number.isFinite(s.upper![i]))
        .x((i) => clipX(s.x[i]))
        .y0((i) => y(s.lower![i]))
        .y1((i) => y(s.upper![i]))
        .curve(curve)
        .digits(1);
      parts.push(`<path class="band" fill="${s.colour}"${s.bandOpacity !== undefined ? ` fill-opacity="${s.bandOpacity}"` : ''} d="${band(idx) ?? ''}"/>`);
    }
    const path = line<number>()
      .defined((i) => Number.isFinite(s.y[i]))
      .x((i) => clipX(s.x[i]))
      .y((i) => y(s.y[i]))
      .curve(curve)
      .digits(1);
    const style = `stroke="${s.colour}" stroke-width="${s.width ?? 2}"${s.opacity !== undefined ? ` stroke-opacity="${s.opacity}"` : ''}${s.dash ? ' stroke-dasharray="5 4"' : ''}`;
    parts.push(`<path class="line" fill="none" ${style} d="${path(idx) ?? ''}"><title>${escapeHTML(s.name)}</title></path>`);
    if (s.dots) {
      for (let i = 0; i < s.x.length; ++i) {
        if (Number.isFinite(s.y[i])) parts.push(`<circle cx="${x(s.x[i]).toFixed(1)}" cy="${y(s.y[i]).toFixed(1)}" r="3" fill="${s.colour}"/>`);
      }
    }
    for (const m of s.marks ?? []) {
      const mx = x(m.x).toFixed(1);
      const my = y(m.y).toFixed(1);
      parts.push(`<line class="drop" stroke="${s.colour}" x1="${mx}" x2="${mx}" y1="${my}" y2="${H - M.bottom}"/>`);
      parts.push(`<circle cx="${mx}" cy="${my}" r="4" fill="${s.colour}" stroke="#fff"/>`);
      if (m.label) parts.push(`<text class="mark" x="${mx}" y="${my}" dx="6" dy="-6">${escapeHTML(m.label)}</text>`);
    }
  }
  const id = `c${Math.abs(hash(o.title + o.desc)).toString(36)}`;
  const keys = series
    .filter((s) => s.legend !== false)
    .map((s) => `<li><span class="key${s.dash ? ' dash' : ''}" style="--c:${s.colour}"></span>${escapeHTML(s.name)}</li>`)
    .concat((o.legendNotes ?? []).map((n) => `<li class="keynote">${escapeHTML(n)}</li>`))
    .join('');
  return (
    `<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d">` +
    `<title id="${id}-t">${escapeHTML(o.title)}</title><desc id="${id}-d">${escapeHTML(o.desc)}</desc>${parts.join('')}</svg>` +
    (keys ? `<figcaption><ul class="keys">${keys}</ul></figcaption>` : '') +
    `</figure>`
  );
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; ++i) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
