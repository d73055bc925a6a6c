import { thousands } from '../../messages.js';
import { heatView } from '../html/heatmap-data.js';
import type { MatrixResult } from '../../result/matrix-result.js';
import { cellShown, cohortKeyNames } from '../../result/tidy-table.js';
import { wrapWords } from './align-rows.js';
import { dim, paint, scaleStrip, type TerminalOptions } from './ansi.js';
import { valueLabel } from '../../result/key-columns.js';

/**
 * formatMatrix: the matrix as an aligned text table for a terminal: one row per cohort,
 * its size, one column per offset (percentages for retention modes, amounts for ltv),
 * incomplete cells shown with --partial marked "*", the weighted average last and a
 * one-line legend. With `colour`, cells get the HTML heatmap's scale as 256-colour
 * backgrounds; with `width`, offsets that do not fit are dropped with a note (never wrapped).
 */
export function formatMatrix(r: MatrixResult, opts: TerminalOptions = {}): string {
  const colour = opts.colour ?? false;
  const { width } = r;
  const keys = cohortKeyNames(r);
  const fmt = valueFormat(r.spec.mode);
  const { lo, hi } = heatView(r);
  const header = [...keys, 'size', ...Array.from({ length: width }, (_, k) => String(k))];
  const rows: string[][] = [];
  const vals: number[][] = [];
  for (let h = 0; h < r.cohorts.count; ++h) {
    const row: string[] = [];
    const v: number[] = [];
    if (r.cohorts.label) row.push(r.cohorts.label[h]);
    for (const a of r.cohorts.attributes) row.push(valueLabel(a.values[h]));
    row.push(thousands(r.cohorts.size[h]));
    for (let k = 0; k < width; ++k) {
      const i = h * width + k;
      const x = r.cells.value[i];
      if (!cellShown(r, i)) {
        row.push('');
        v.push(NaN);
      } else {
        row.push((x === x ? fmt(x) : '-') + (r.cells.complete[i] ? '' : '*'));
        v.push(x);
      }
    }
    rows.push(row);
    vals.push(v);
  }
  const avg = [...keys.map((_, j) => (j === 0 ? 'average' : '')), ''];
  const avgVals: number[] = [];
  for (let k = 0; k < width; ++k) {
    const x = r.average.value[k];
    avg.push(x === x ? fmt(x) : '');
    avgVals.push(x);
  }
  const all = [header, ...rows, avg];
  const widths = header.map((_, j) => Math.max(...all.map((row) => row[j].length)));
  const fixed = keys.length + 1;
  // Offsets that fit: key columns and size joined by two spaces, each offset column by one
  // (colour mode pads cells by a space each side instead).
  let shown = width;
  if (opts.width !== undefined) {
    let used = widths.slice(0, fixed).reduce((a, w) => a + w + 2, 0);
    shown = 0;
    while (shown < width && used + widths[fixed + shown] + 2 <= opts.width) used += widths[fixed + shown++] + 2;
    shown = Math.max(shown, 1);
  }
  const line = (row: string[], v?: number[]): string => {
    const parts = row.slice(0, fixed).map((cell, j) => (j < keys.length ? cell.padEnd(widths[j]) : cell.padStart(widths[j])));
    let s = parts.join('  ');
    for (let k = 0; k < shown; ++k) {
      const cell = row[fixed + k].padStart(widths[fixed + k]);
      s += colour && v && row[fixed + k] !== '' ? ` ${paint(` ${cell}`, v[k], lo, hi)}` : `  ${cell}`;
    }
    return s.trimEnd();
  };
  const rule = widths.slice(0, fixed + shown).map((w) => '-'.repeat(w)).join('  ');
  const out = [line(header), rule, ...rows.map((row, h) => line(row, vals[h])), rule, line(avg, avgVals)];
  const asOf = new Date(r.asOf).toISOString().slice(0, 10);
  const ends = r.spec.mode === 'ltv' ? `${lo.toFixed(0)}-${hi.toFixed(0)}` : `${Math.round(lo * 100)}-${Math.round(hi * 100)}%`;
  // The legend names the mode and measure, and what the offsets count from (0 = the anchor's period).
  const what = colour ? MODE_MEASURES[r.spec.mode].replace('% of', 'of') : MODE_MEASURES[r.spec.mode];
  const since = r.spec.anchor === 'signup' ? 'signup' : 'first activity';
  const notes = [`${colour ? `${ends} ` : ''}${what} by ${r.spec.period} since ${since}; blank = not yet observed (as of ${asOf}), not 0`];
  if (r.spec.partial) notes.push('* incomplete: its period had not ended at the as-of date');
  if (r.cells.eligible) notes.push('rolling: each cell counts the members whose own period at that offset had ended (tidy output: eligible)');
  if (shown < width) notes.push(`offsets ${shown}-${width - 1} cut to fit ${opts.width} columns: widen the terminal, or use --max-offset or --format csv/html`);
  notes.forEach((n, i) => {
    // The colour strip takes 11 columns before the first note; its next lines are indented as far.
    const indent = colour && i === 0 ? 11 : 0;
    wrapWords(n, opts.width === undefined ? Infinity : opts.width - indent).forEach((text, j) => {
      out.push((indent ? (j === 0 ? `${scaleStrip()} ` : ' '.repeat(indent)) : '') + dim(text, colour));
    });
  });
  return `${out.join('\n')}\n`;
}

/** What each mode's cells are, for the legend: the mode by name, then the measure. */
const MODE_MEASURES: Record<MatrixResult['spec']['mode'], string> = {
  classic: 'classic retention: % of cohort',
  unbounded: 'unbounded retention: % of cohort active then or later',
  revenue: 'net revenue retention: % of offset-0 revenue',
  'gross-revenue': 'gross revenue retention: % of offset-0 revenue',
  ltv: 'cumulative revenue per customer',
  survival: 'survival: % of cohort not churned',
};

function valueFormat(mode: MatrixResult['spec']['mode']): (v: number) => string {
  if (mode === 'ltv') return (v) => v.toFixed(2);
  return (v) => `${(v * 100).toFixed(1)}%`;
}
