import { feedbackJSON } from '../../../src/result/feedback-table.js';
import type { FeedbackResult } from '../../../src/result/feedback-table.js';
import { reasonsJSON, type ReasonsResult } from '../../../src/result/reasons-table.js';
import { valueJSON, type ValueResult } from '../../../src/result/value-table.js';

/**
 * Differences between two JSON documents: whole numbers exactly, other numbers to 1e-9
 * (relative above 1), everything else equal. Paths name where they differ.
 */
export function jsonDifferences(a: unknown, b: unknown, at = '$', out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof a === 'number' && typeof b === 'number') {
    const bothNaN = Number.isNaN(a) && Number.isNaN(b);
    const same = bothNaN || (Number.isInteger(a) && Number.isInteger(b) ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
    if (!same) out.push(`${at}: ${a} vs ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${at}: length ${a.length} vs ${b.length}`);
    else a.forEach((x, i) => jsonDifferences(x, b[i], `${at}[${i}]`, out));
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join() !== kb.join()) out.push(`${at}: keys ${ka.join()} vs ${kb.join()}`);
    else for (const k of ka) jsonDifferences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`, out);
  } else if (a !== b) out.push(`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  return out;
}

/** Everything a result's JSON holds but its run report (whose row-level detail is the memory engine's own). */
function numbers<T extends { report: unknown }>(doc: T): Omit<T, 'report'> {
  const { report: _report, ...rest } = doc;
  return rest;
}

/** The customers a run used, churned and retained; with a status flag also why others were left out. */
const customers = (r: ReasonsResult | ValueResult): unknown => (r.spec.churn.kind === 'flag' ? r.report.customers : { used: r.report.customers.used, churned: r.report.customers.churned });

export const reasonsDifferences = (a: ReasonsResult, b: ReasonsResult): string[] =>
  jsonDifferences({ ...numbers(reasonsJSON(a)), run: customers(a) }, { ...numbers(reasonsJSON(b)), run: customers(b) });

export const valueDifferences = (a: ValueResult, b: ValueResult): string[] =>
  jsonDifferences({ ...numbers(valueJSON(a)), run: customers(a) }, { ...numbers(valueJSON(b)), run: customers(b) });

export const feedbackDifferences = (a: FeedbackResult, b: FeedbackResult): string[] => {
  const rejected = (r: FeedbackResult) => Object.fromEntries(Object.entries(r.report.rejected).map(([k, v]) => [k, v?.count]));
  const report = (r: FeedbackResult) => ({ answers: r.report.answers, used: r.report.used, filtered: r.report.filtered, rejected: rejected(r) });
  return jsonDifferences({ ...numbers(feedbackJSON(a)), report: report(a) }, { ...numbers(feedbackJSON(b)), report: report(b) });
};
