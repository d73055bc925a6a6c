import { grouped, thousands } from '../../messages.js';
import { segmentLabel, valueLabel } from '../../result/key-columns.js';
import { VALUE_STATUSES, type ValueResult, type ValueStats } from '../../result/value-table.js';
import { alignToWidth, wrapWords } from './align-rows.js';
import type { TerminalOptions } from './ansi.js';

const money = (x: number): string => (x === x ? grouped(x, 2) : '-');
const pct = (x: number): string => (x === x ? `${(100 * x).toFixed(1)}%` : '-');

/**
 * formatValue: per segment and status (churned, retained): customers, mean, median, total
 * and the share of the segment's total; with --by, all segments last.
 */
export function formatValue(r: ValueResult, opts: TerminalOptions = {}): string {
  const keys = r.by.length ? r.by : ['segment'];
  const rows: string[][] = [[...keys, 'status', 'customers', `mean ${r.valueName}`, 'median', 'total', 'share', 'missing']];
  const add = (s: ValueStats, b: number, key: string[]): void => {
    const pair = s.total[b & ~1] + s.total[b | 1];
    rows.push([...key, VALUE_STATUSES[b & 1], thousands(s.customers[b]), money(s.mean[b]), money(s.median[b]), money(s.total[b]), pct(pair ? s.total[b] / pair : NaN), thousands(s.missing[b])]);
  };
  for (let b = 0; b < r.stats.customers.length; ++b) {
    const values = r.groups.attributes.map((a) => valueLabel(a.values[b >> 1]));
    add(r.stats, b, r.by.length ? values : [segmentLabel([], [])]);
  }
  if (r.by.length) for (let b = 0; b < 2; ++b) add(r.overall, b, [...keys.map((_, j) => (j === 0 ? 'all' : ''))]);
  const lines = alignToWidth(rows, keys.length + 1, opts.width, { rule: true });
  lines.push(...wrapWords(`mean, median, total of ${r.valueName} over the customers with a value; share = of the segment's total`, opts.width));
  return `${lines.join('\n')}\n`;
}
