import type { MatrixResult } from '../../result/matrix-result.js';
import { BINS, PALETTE, hex } from './colour-scale.js';
import { escapeHTML } from './escape.js';
import { heatRows } from './heat-rows.js';
import { heatmapData, type HeatmapData, type HeatView } from './heatmap-data.js';
import type { Section } from './page.js';

/** Heatmaps up to this many cells are rendered into the file (readable without script). */
const PRERENDER_CELLS = 6000;

const plural = (unit: string): string => `${unit}s`;

function legendLabel(view: HeatView, x: number): string {
  return view.kind === 'share' ? `${Math.round(x * 100)}%` : x.toFixed(0);
}

/** The colour legend of a view: the bins as a bar, 3 labels, and what hatching means. */
function legend(view: HeatView, i: number): string {
  const w = 12;
  const rects = Array.from({ length: BINS }, (_, b) => `<rect x="${b * w}" y="0" width="${w}" height="12" fill="${hex(PALETTE[b])}"/>`).join('');
  const labels = [view.lo, (view.lo + view.hi) / 2, view.hi]
    .map((x, j) => {
      const anchor = ['start', 'middle', 'end'][j];
      const text = (j === 2 && view.kind === 'share' && view.hi < 1 ? '≥ ' : '') + legendLabel(view, x);
      return `<text x="${(j * BINS * w) / 2}" y="26" text-anchor="${anchor}">${escapeHTML(text)}</text>`;
    })
    .join('');
  return (
    `<div class="legend" data-view="${i}"${i ? ' hidden' : ''}>` +
    `<svg width="${BINS * w}" height="30" viewBox="0 0 ${BINS * w} 30" role="img" aria-label="${escapeHTML(view.name)}: pale yellow ${escapeHTML(legendLabel(view, view.lo))} to deep blue ${escapeHTML(legendLabel(view, view.hi))}">${rects}${labels}</svg>` +
    `<span class="swatch x" aria-hidden="true"></span><span>not yet observed</span>` +
    `<span class="swatch na" aria-hidden="true">–</span><span>no value</span></div>`
  );
}

function radios(name: string, legendText: string, options: [string, string][]): string {
  const inputs = options
    .map(([value, label], j) => `<label><input type="radio" name="${name}" value="${escapeHTML(value)}"${j ? '' : ' checked'}> ${escapeHTML(label)}</label>`)
    .join('');
  return `<fieldset><legend>${escapeHTML(legendText)}</legend>${inputs}</fieldset>`;
}

/** The heatmap's caption: what a cell is, per view. */
export function heatCaption(data: HeatmapData, view: HeatView, anchor: string): string {
  const since = anchor === 'signup' ? 'signup' : 'first activity';
  return `${view.name} by ${plural(data.unit)} since ${since} (${data.offsets} offsets), one row per cohort`;
}

/**
 * heatmapSection: the cohort triangle with its switches (value/count, the modes computed),
 * legend, weighted average row and the note on incomplete cells. `results` are the modes
 * computed on the same cohorts; the first is shown first.
 */
export function heatmapSection(results: MatrixResult[], opts: { heading?: string } = {}): Section {
  const data = heatmapData(results);
  const first = data.views[0];
  const r0 = results[0];
  const cells = first.rows.reduce((s, row) => s + row.c.length, 0);
  const prerender = cells <= PRERENDER_CELLS;
  const [body, foot] = prerender ? heatRows(first, 'value') : ['', ''];
  const unit = data.unit;
  const labelWidth = Math.max(9, ...first.rows.map((row) => row.label.length)) + 3;
  const sizeWidth = Math.max(13, ...first.rows.map((row) => String(row.size).length + 4));
  // Room for "100.0%" ("100%" with no decimals; "1,234.56" for amounts) in the widest font.
  const cellEm = first.kind === 'share' ? (first.digits === 0 ? 3.9 : 5.2) : 6;
  const header = Array.from({ length: first.width }, (_, k) => `<th scope="col">${k}</th>`).join('');
  const asOf = new Date(r0.asOf).toISOString().slice(0, 10);
  const controls =
    `<div class="controls">` +
    radios('heat-show', 'Cells show', [['value', first.kind === 'share' ? 'Percent' : 'Value'], ['count', 'Customers']]) +
    (data.views.length > 1 ? radios('heat-view', 'Measure', data.views.map((v, i) => [String(i), v.name])) : '') +
    `</div>`;
  const anchor = r0.spec.anchor;
  const captions = data.views.map((v) => heatCaption(data, v, anchor));
  const html =
    `<section id="heatmap" aria-labelledby="heatmap-h"><h2 id="heatmap-h">${escapeHTML(opts.heading ?? 'Cohort heatmap')}</h2>` +
    controls +
    data.views.map((v, i) => legend(v, i)).join('') +
    `<div class="scroll" id="heat-scroll"><table class="heat" id="heat" data-rendered="${prerender ? 1 : 0}" style="width:calc(${labelWidth + sizeWidth}ch + ${Math.round(first.width * cellEm * 10) / 10}em)">` +
    `<caption>${escapeHTML(captions[0])}</caption>` +
    // Fixed layout: column widths from these, not from measuring every cell (a 200-cohort
    // triangle lays out in a fraction of the time).
    `<colgroup><col style="width:${labelWidth}ch"><col style="width:${sizeWidth}ch"><col span="${first.width}" style="width:${cellEm}em"></colgroup>` +
    `<thead><tr class="unit" aria-hidden="true"><td colspan="2"></td><td colspan="${first.width}">${escapeHTML(plural(unit))} since ${anchor === 'signup' ? 'signup' : 'first activity'} →</td></tr>` +
    `<tr><th scope="col">Cohort</th><th scope="col">Customers</th>${header}</tr></thead>` +
    `<tbody>${body}</tbody><tfoot>${foot}</tfoot></table></div>` +
    (prerender ? '' : `<noscript><p>This heatmap has ${cells.toLocaleString('en-US')} cells and is drawn by the page's script: enable scripts, or use the CSV output.</p></noscript>`) +
    `<p class="note"><span class="swatch x" aria-hidden="true"></span> Hatched cells (grey on paper) have not been observed yet: their ${unit} had not ended by the as-of date, ${asOf}. They are unknown, not 0%.` +
    (r0.spec.partial ? ` Cells marked * are shown although their ${unit} had not ended (incomplete, likely to rise).` : '') +
    ` The weighted average row is, per column, the customers counted over the cohort sizes of the cohorts whose cell is complete.` +
    ` Hover or focus a cell (arrow keys move) for its counts.</p>` +
    `<div class="tip" id="heat-tip" role="tooltip" hidden></div></section>`;
  return { html, data: { heat: { ...data, anchor, captions } } };
}
