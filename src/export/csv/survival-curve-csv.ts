import type { SurvivalResult } from '../../result/survival-result.js';
import { CURVE_COLUMNS, groupColumnName } from '../../result/survival-table.js';
import { csvField } from './csv-field.js';
import type { CSVTextOptions } from './to-csv.js';

/**
 * survivalCurveCSV: the rows of survivalCurveTable as CSV text, the same bytes as
 * toCSV(survivalCurveTable(r)), written straight from the curves (a million-row curve
 * is written without building a table first). `opts.number` writes each number (the CLI
 * passes textNumber: 12 significant digits); `opts.delimiter` "\t" gives TSV; `opts.formulaGuard`
 * as in typedToCSV.
 */
export function survivalCurveCSV(
  r: SurvivalResult,
  opts: { number?: (x: number) => string } & CSVTextOptions = {},
): string {
  const d = opts.delimiter ?? ',';
  const guard = opts.formulaGuard ?? true;
  const fmt = opts.number ?? String;
  const header = [...r.by.map(groupColumnName), ...CURVE_COLUMNS].map((c) => csvField(c, d, guard)).join(d);
  const chunks: string[] = [`${header}\n`];
  const opt = (x: number): string => (Number.isFinite(x) ? fmt(x) : '');
  for (const g of r.groups) {
    const prefix = r.by.map((b) => `${csvField(g.key[b] ?? '', d, guard)}${d}`).join('');
    const { time, nRisk, nEvent, nCensor, survival, stdErr, lower, upper } = g.curve;
    let lines: string[] = [];
    for (let i = 0; i < time.length; ++i) {
      lines.push(
        `${prefix}${fmt(time[i])}${d}${nRisk[i]}${d}${nEvent[i]}${d}${nCensor[i]}${d}${opt(survival[i])}${d}${opt(stdErr[i])}${d}${opt(lower[i])}${d}${opt(upper[i])}`,
      );
      if (lines.length === 4096) {
        chunks.push(`${lines.join('\n')}\n`);
        lines = [];
      }
    }
    if (lines.length) chunks.push(`${lines.join('\n')}\n`);
  }
  return chunks.join('');
}
