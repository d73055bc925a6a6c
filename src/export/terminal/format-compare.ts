import { grouped, thousands } from '../../messages.js';
import type { CompareResult } from '../../result/compare-result.js';
import { formatP, groupPhrase } from '../../result/compare-summary.js';
import { alignToWidth, wrapWords } from './align-rows.js';
import type { TerminalOptions } from './ansi.js';
import { valueLabel } from '../../result/key-columns.js';

const pct = (x: number | null): string => (x === null || x !== x ? '' : `${(x * 100).toFixed(1)}%`);
const pts = (x: number | null): string => (x === null ? '' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`);
const money = (x: number | null): string => (x === null ? '' : grouped(x, 2));

/**
 * formatCompare: the comparison for a terminal: per offset each group's share (with its
 * denominator) and each group's difference from the reference with its interval and
 * adjusted p; then survival per group with the test; revenue per customer; the summary.
 */
export function formatCompare(r: CompareResult, opts: TerminalOptions = {}): string {
  const grid = (rows: string[][]): string[] => alignToWidth(rows, 1, opts.width);
  // Prose lines wrap at words to the width.
  const say = (...lines: string[]): number => out.push(...lines.flatMap((l) => wrapWords(l, opts.width)));
  const out: string[] = [];
  const level = `${Math.round(r.confLevel * 1000) / 10}%`;
  const others = r.groups.filter((g) => g.key !== r.reference);
  const ref = valueLabel(r.reference);
  const what = r.method === 'kaplan-meier' ? 'Kaplan-Meier share still customers at the end of each' : `${r.mode} retention (rolling), per`;
  say(`${r.condition ? 'Condition' : 'Groups by'} ${r.by}; reference ${ref}; ${what} ${r.period.replace(/s$/, '')}`);
  const header = ['offset', ...r.groups.map((g) => `${valueLabel(g.key)} (n=${thousands(g.n)})`)];
  for (const g of others) header.push(`${valueLabel(g.key)} - ${ref} (${level} CI)`, `p (${r.adjust})`);
  const offsets = [...new Set(r.groups.flatMap((g) => g.average.map((p) => p.offset)))].sort((a, b) => a - b);
  const rows = [header];
  for (const k of offsets) {
    const row = [String(k)];
    for (const g of r.groups) {
      const p = g.average.find((x) => x.offset === k);
      row.push(p ? `${pct(p.value)} of ${thousands(p.eligible)}` : '');
    }
    for (const g of others) {
      const d = r.differences.find((x) => x.group === g.key && x.offset === k);
      row.push(d && d.diff !== null ? `${pts(d.diff)} (${pts(d.lower)} to ${pts(d.upper)})` : '', d ? formatP(d.p_adjusted).replace(/^= /, '') : '');
    }
    rows.push(row);
  }
  out.push(...grid(rows));

  if (r.survival) {
    say('', `Survival (${r.survival.unit})`);
    const times = r.survival.groups[0]?.at.map((a) => a.time) ?? [];
    const s = [['group', 'customers', 'events', 'median', `${level} CI`, ...times.map((t) => `S(${t})`)]];
    for (const g of r.survival.groups) {
      const key = valueLabel(Object.values(g.key)[0]);
      const m = g.median;
      const t = (x: number | null): string => (x === null ? '-' : String(Math.round(x * 10) / 10));
      s.push([key, thousands(g.curve.n), thousands(g.curve.nEvents), m.estimate === null ? 'not reached' : t(m.estimate), m.lower === null && m.upper === null ? '' : `${t(m.lower)} to ${t(m.upper)}`, ...g.at.map((a) => pct(a.survival))]);
    }
    out.push(...grid(s));
    const t = r.survival.test;
    if (t) say(`${t.name}: chi2 = ${t.chi2.toFixed(2)}, df = ${t.df}, p ${formatP(t.p)}`);
  }
  if (r.revenue) {
    say('', 'Revenue per customer');
    const v = [['group', 'customers', 'mean', `${level} CI`, `diff vs ${ref}`, 'p']];
    for (const x of r.revenue) {
      v.push([
        valueLabel(x.group), thousands(x.customers), money(x.mean), x.lower === null ? '' : `${money(x.lower)} to ${money(x.upper)}`,
        x.diff === null ? '' : `${money(x.diff)} (${money(x.diff_lower)} to ${money(x.diff_upper)})`, x.p === null ? '' : formatP(x.p).replace(/^= /, ''),
      ]);
    }
    out.push(...grid(v));
  }
  say('', r.summary || `${groupPhrase(r.reference, r)}: nothing to compare`);
  return `${out.join('\n')}\n`;
}
