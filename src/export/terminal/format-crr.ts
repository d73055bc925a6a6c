import { thousands } from '../../messages.js';
import { crrRates, type CrrResult } from '../../result/crr-table.js';
import { paint, type TerminalOptions } from './ansi.js';
import { alignToWidth, wrapWords } from './align-rows.js';
import { valueLabel } from '../../result/key-columns.js';

const pct = (x: number | null): string => (x === null ? '-' : `${x.toFixed(1)}%`);

/**
 * formatCrr: one line per group and period: customers at the start, new, at the end,
 * retained, lost, CRR, churn rate and the exact rate (1 decimal), as aligned text.
 */
export function formatCrr(r: CrrResult, opts: TerminalOptions = {}): string {
  const keys = r.groups.attributes.map((a) => a.name);
  const header = [...keys, 'period', 'start', 'new', 'end', 'retained', 'lost', 'CRR', 'churn', 'exact'];
  const rows: string[][] = [header];
  const P = r.periods.length;
  const c = r.counts;
  for (let g = 0; g < r.groups.count; ++g) {
    for (let p = 0; p < P; ++p) {
      const i = g * P + p;
      const rates = crrRates(c.start[i], c.newCustomers[i], c.end[i], c.retained[i]);
      rows.push([
        ...r.groups.attributes.map((a) => valueLabel(a.values[g])),
        r.labels[p],
        thousands(c.start[i]),
        thousands(c.newCustomers[i]),
        thousands(c.end[i]),
        thousands(c.retained[i]),
        thousands(c.lost[i]),
        pct(rates.crr),
        pct(rates.churnRate),
        pct(rates.exact),
      ]);
    }
  }
  // CRR cells coloured on the heatmap's scale, from 50% (or the lowest) to 100%.
  const crrCol = keys.length + 6;
  let lowest = 100;
  for (const row of rows.slice(1)) if (row[crrCol] !== '-') lowest = Math.min(lowest, parseFloat(row[crrCol]));
  const lo = Math.min(0.5, Math.floor(lowest / 10) / 10);
  const paintCell = opts.colour
    ? (_i: number, j: number, padded: string): string => (j === crrCol && padded.trim() !== '-' ? paint(padded, parseFloat(padded) / 100, lo, 1) : padded)
    : undefined;
  const lines = alignToWidth(rows, keys.length + 1, opts.width, { paintCell, rule: true });
  if (P === 0) lines.push('(no period ended at or before the as-of date)');
  lines.push(...wrapWords('CRR = (end - new) / start; exact = retained / start; churn = 100% - CRR', opts.width));
  return `${lines.join('\n')}\n`;
}
