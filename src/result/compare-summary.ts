import type { CompareDifference, CompareResult } from './compare-result.js';
import { valueLabel } from './key-columns.js';

type SummaryInput = Pick<CompareResult, 'by' | 'condition' | 'reference' | 'confLevel' | 'mode' | 'period' | 'groups' | 'differences' | 'survival' | 'method'>;

/** How a group is named in a sentence: "referral customers", "customers with Referrals > 0". */
export function groupPhrase(key: string, r: Pick<CompareResult, 'by' | 'condition'>): string {
  if (!r.condition) return `${valueLabel(key)} customers`;
  return key === 'true' ? `customers with ${r.by}` : `customers not matching ${r.by}`;
}

/**
 * The offset a group's sentence is about: the smallest adjusted p-value, ties broken by
 * the raw p-value, then the earliest offset; without any p-value, the last offset with a
 * difference.
 */
export function headlineDifference(diffs: readonly CompareDifference[]): CompareDifference | undefined {
  let best: CompareDifference | undefined;
  const key = (d: CompareDifference): [number, number] => [d.p_adjusted ?? Infinity, d.p ?? Infinity];
  for (const d of diffs) {
    if (d.diff === null) continue;
    if (!best) {
      best = d;
      continue;
    }
    const [a, b] = key(d);
    const [x, y] = key(best);
    if (a < x || (a === x && b < y)) best = d;
  }
  if (best && best.p_adjusted === null) return diffs.filter((d) => d.diff !== null).at(-1);
  return best;
}

/** A p-value for reading: three decimals, "< 0.001" below. */
export function formatP(p: number | null): string {
  if (p === null) return 'n/a';
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}

const points = (x: number): string => (Math.abs(x * 100) < 0.05 ? '0.0' : (x * 100).toFixed(1));

/**
 * compareSummary: one plain-language line per compared group, e.g. "referral customers are
 * 6.1 points (95% CI 2.3 to 9.9) more likely to be active in month 3 than organic
 * customers (Holm-adjusted p = 0.004); log-rank p = 0.002".
 */
export function compareSummary(r: SummaryInput, adjustName: string): string {
  const lines: string[] = [];
  const level = `${Math.round(r.confLevel * 1000) / 10}%`;
  const unit = r.period.replace(/s$/, '');
  const what =
    r.method === 'kaplan-meier' || r.mode === 'survival'
      ? 'to still be customers at the end of'
      : r.mode === 'unbounded'
        ? `to be active in or after`
        : 'to be active in';
  // Each group's differences, found in one pass (a filter per group is G x G rows).
  const byGroup = new Map<string, CompareDifference[]>();
  for (const x of r.differences) {
    const list = byGroup.get(x.group);
    if (list) list.push(x);
    else byGroup.set(x.group, [x]);
  }
  for (const g of r.groups) {
    if (g.key === r.reference) continue;
    const d = headlineDifference(byGroup.get(g.key) ?? []);
    if (!d || d.diff === null) {
      lines.push(`${groupPhrase(g.key, r)} and ${groupPhrase(r.reference, r)} have no offset in common to compare`);
      continue;
    }
    const more = d.diff >= 0;
    const lo = more ? d.lower : d.upper === null ? null : -d.upper;
    const hi = more ? d.upper : d.lower === null ? null : -d.lower;
    const ci = lo === null || hi === null ? '' : ` (${level} CI ${points(lo)} to ${points(hi)})`;
    const p = d.p_adjusted === null ? '' : ` (${adjustName}p ${formatP(d.p_adjusted)})`;
    lines.push(
      `${groupPhrase(g.key, r)} are ${points(Math.abs(d.diff))} points${ci} ${more ? 'more' : 'less'} likely ${what} ${unit} ${d.offset} than ${groupPhrase(r.reference, r)}${p}`,
    );
  }
  const test = r.survival?.test;
  let text = lines.join('\n');
  if (test && test.p !== null) text += `; ${test.name} p ${formatP(test.p)}`;
  return text;
}
