import { crrRates, type CrrResult } from '../../result/crr-table.js';
import { alignRows } from './format-survival.js';

const n = (x: number): string => x.toLocaleString('en-US');
const pct = (x: number | null): string => (x === null ? '-' : `${x.toFixed(1)}%`);

/**
 * formatCrr: one line per group and period: customers at the start, new, at the end,
 * retained, lost, CRR, churn rate and the exact rate (1 decimal), as aligned text.
 */
export function formatCrr(r: CrrResult): string {
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
        ...r.groups.attributes.map((a) => a.values[g] ?? '(none)'),
        r.labels[p],
        n(c.start[i]),
        n(c.newCustomers[i]),
        n(c.end[i]),
        n(c.retained[i]),
        n(c.lost[i]),
        pct(rates.crr),
        pct(rates.churnRate),
        pct(rates.exact),
      ]);
    }
  }
  const lines = alignRows(rows, keys.length + 1);
  lines.splice(1, 0, '-'.repeat(Math.max(...lines.map((l) => l.length))));
  if (P === 0) lines.push('(no period ended at or before the as-of date)');
  lines.push('CRR = (end - new) / start; exact = retained / start; churn = 100% - CRR');
  return `${lines.join('\n')}\n`;
}
