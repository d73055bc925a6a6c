import type { MatrixResult } from '../../result/matrix-result.js';
import { cellShown, cohortKeyNames } from '../../result/tidy-table.js';

/**
 * formatMatrix: the matrix as an aligned text table for a terminal: one row per cohort,
 * its size, one column per offset (percentages for retention modes, amounts for ltv),
 * incomplete cells shown with --partial marked "*", and the weighted average last.
 */
export function formatMatrix(r: MatrixResult): string {
  const { width } = r;
  const keys = cohortKeyNames(r);
  const fmt = valueFormat(r.spec.mode);
  const header = [...keys, 'size', ...Array.from({ length: width }, (_, k) => String(k))];
  const rows: string[][] = [];
  for (let h = 0; h < r.cohorts.count; ++h) {
    const row: string[] = [];
    if (r.cohorts.label) row.push(r.cohorts.label[h]);
    for (const a of r.cohorts.attributes) row.push(a.values[h] ?? '(none)');
    row.push(r.cohorts.size[h].toLocaleString('en-US'));
    for (let k = 0; k < width; ++k) {
      const i = h * width + k;
      const v = r.cells.value[i];
      if (!cellShown(r, i)) row.push('');
      else row.push((v === v ? fmt(v) : '-') + (r.cells.complete[i] ? '' : '*'));
    }
    rows.push(row);
  }
  const avg = [...keys.map((_, j) => (j === 0 ? 'average' : '')), ''];
  for (let k = 0; k < width; ++k) avg.push(r.average.value[k] === r.average.value[k] ? fmt(r.average.value[k]) : '');
  const all = [header, ...rows, avg];
  const widths = header.map((_, j) => Math.max(...all.map((row) => row[j].length)));
  const line = (row: string[]): string =>
    row.map((cell, j) => (j < keys.length ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(header), rule, ...rows.map(line), rule, line(avg)];
  if (r.spec.partial) out.push('* incomplete: its period had not ended at the as-of date');
  if (r.cells.eligible) out.push('rolling: each cell counts the members whose own period at that offset had ended (tidy output: eligible)');
  return `${out.join('\n')}\n`;
}

function valueFormat(mode: MatrixResult['spec']['mode']): (v: number) => string {
  if (mode === 'ltv') return (v) => v.toFixed(2);
  return (v) => `${(v * 100).toFixed(1)}%`;
}
