import type { ReasonsResult } from '../../result/reasons-table.js';
import { segmentLabel, valueLabel } from '../../result/key-columns.js';
import { alignToWidth, wrapWords } from './align-rows.js';
import type { TerminalOptions } from './ansi.js';
import { counted, thousands } from '../../messages.js';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/**
 * formatReasons: per segment a heading (customers, churned, churn rate), then its reasons
 * with the churned count, the share of the segment's churn and of all churn; with --by,
 * the reasons over all segments last.
 */
export function formatReasons(r: ReasonsResult, opts: TerminalOptions = {}): string {
  const out: string[] = [];
  const block = (title: string, customers: number, churned: number, rows: ReasonsResult['rows'], g: number, segment: boolean): void => {
    const rate = customers ? ` (${pct(churned / customers)})` : '';
    out.push(...wrapWords(`${title}: ${counted(customers, 'customer')}, ${thousands(churned)} churned${rate}`, opts.width));
    const table: string[][] = [[...r.reasonColumns, 'churned', 'share', 'of all churn']];
    for (let i = 0; i < rows.churned.length; ++i) {
      if (rows.group[i] !== g) continue;
      const c = rows.churned[i];
      table.push([...rows.labels.map((ls) => valueLabel(ls[i])), thousands(c), pct(c / churned), pct(c / r.totalChurned)]);
    }
    if (table.length > 1) out.push(...alignToWidth(table, r.reasonColumns.length, opts.width === undefined ? undefined : opts.width - 2).map((l) => (l ? `  ${l}` : l)));
    out.push('');
  };
  for (let g = 0; g < r.groups.count; ++g) {
    const values = r.groups.attributes.map((a) => a.values[g]);
    block(segmentLabel(r.by, values), r.groups.customers[g], r.groups.churned[g], r.rows, g, true);
  }
  if (r.by.length) block('all segments', r.totalCustomers, r.totalChurned, r.overall, 0, false);
  out.push(...wrapWords('share = of the segment\'s churned customers; of all churn = of every churned customer', opts.width));
  return `${out.join('\n')}\n`;
}
