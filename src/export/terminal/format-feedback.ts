import type { FeedbackReport, FeedbackResult } from '../../result/feedback-table.js';
import { feedbackTable } from '../../result/feedback-table.js';
import { alignToWidth, wrapWords } from './align-rows.js';
import type { TerminalOptions } from './ansi.js';
import { counted, thousands } from '../../messages.js';
import { valueLabel } from '../../result/key-columns.js';

const fixed = (digits: number) => (x: unknown): string => (typeof x === 'number' ? x.toFixed(digits) : '-');

/**
 * formatFeedback: one line per segment (and "all" with --by): NPS [interval] (n), the
 * promoter / passive / detractor counts, CSAT % and mean (n), CES (n), rejected.
 */
export function formatFeedback(r: FeedbackResult, opts: TerminalOptions = {}): string {
  const keys = r.by.length ? r.by : ['segment'];
  const level = Math.round(r.spec.confLevel * 1000) / 10;
  const header = [...keys, 'answers'];
  const s = r.spec;
  if (s.nps) header.push(`NPS [${level}% CI]`, 'n', 'prom', 'pass', 'detr');
  if (s.csat) header.push(`CSAT ${s.csatScale.min}-${s.csatScale.max}`, 'mean', 'n');
  if (s.ces) header.push(`CES ${s.cesScale.min}-${s.cesScale.max}`, 'n');
  header.push('rejected');
  const rows: string[][] = [header];
  const add = (row: Record<string, unknown>, key: string[]): void => {
    const out = [...key, thousands(row.answers as number)];
    const one = fixed(1);
    const two = fixed(2);
    if (s.nps) {
      const ci = row.nps === null ? '' : ` [${one(row.nps_lower)}, ${one(row.nps_upper)}]`;
      out.push(`${one(row.nps)}${ci}`, thousands(row.nps_n as number), thousands(row.promoters as number), thousands(row.passives as number), thousands(row.detractors as number));
    }
    if (s.csat) out.push(row.csat === null ? '-' : `${one(row.csat)}%`, two(row.csat_mean), thousands(row.csat_n as number));
    if (s.ces) out.push(two(row.ces), thousands(row.ces_n as number));
    out.push(thousands(row.rejected as number));
    rows.push(out);
  };
  const tidy = feedbackTable(r).objects() as Record<string, unknown>[];
  tidy.forEach((row, g) => add(row, r.by.length ? r.groups.attributes.map((a) => valueLabel(a.values[g])) : ['all']));
  if (r.by.length) add((feedbackTable(r, { overall: true }).objects() as Record<string, unknown>[])[0], keys.map((_, j) => (j === 0 ? 'all' : '')));
  const lines = alignToWidth(rows, keys.length, opts.width, { rule: true });
  const notes: string[] = [];
  if (s.nps) notes.push('NPS = % promoters (9-10) - % detractors (0-6)');
  if (s.csat) notes.push(`CSAT = % scoring ${s.csatScale.max - 1}-${s.csatScale.max}`);
  if (s.ces) notes.push('CES = mean effort score');
  lines.push(...wrapWords(notes.join('; '), opts.width));
  return `${lines.join('\n')}\n`;
}

/** formatFeedbackReport: what was read and left out, as short lines for stderr. */
export function formatFeedbackReport(r: FeedbackReport): string[] {
  const lines = [`read ${counted(r.rows, 'row')} from ${r.file}: ${counted(r.used, 'answer')} used`];
  if (r.missingId) lines.push(`  left out ${counted(r.missingId, 'row')} without an id`);
  if (r.duplicateId) lines.push(`  left out ${counted(r.duplicateId, 'row')} repeating an earlier id (the first answer counts)`);
  if (r.filtered) lines.push(`  left out ${counted(r.filtered, 'answer')} by --where`);
  for (const [name, rej] of Object.entries(r.rejected)) {
    if (!rej || rej.count === 0) continue;
    // A SQL engine knows no row numbers: its examples come alone.
    const shown = rej.examples.map((v, i) => (rej.rows[i] !== undefined ? `row ${rej.rows[i]}: ` : '') + JSON.stringify(v)).join(', ');
    lines.push(`  rejected ${counted(rej.count, `${name.toUpperCase()} score`)} not on ${rej.scale.min}-${rej.scale.max} in column ${JSON.stringify(rej.column)} (${shown}${rej.count > rej.examples.length ? ', ...' : ''})`);
  }
  return lines;
}
