import type { ColumnTable } from 'arquero';
import { escapeHTML } from './escape.js';

/** A cell of a data table: text, or a number shown with `text` and right-aligned. */
export type TableCell = string | { text: string; numeric: true };

/** A numeric cell. */
export const num = (text: string): TableCell => ({ text, numeric: true });

/**
 * dataTable: the table under a chart, for screen readers and copy-paste: a caption, a
 * header row, row headers in the first column; folded in <details> (opened for print).
 */
export function dataTable(summary: string, columns: string[], rows: TableCell[][], opts: { open?: boolean } = {}): string {
  const head = columns.map((c) => `<th scope="col">${escapeHTML(c)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = row.map((cell, j) => {
        const text = typeof cell === 'string' ? cell : cell.text;
        const cls = typeof cell === 'string' ? '' : ' class="r"';
        return j === 0 ? `<th scope="row">${escapeHTML(text)}</th>` : `<td${cls}>${escapeHTML(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return (
    `<details class="data"${opts.open ? ' open' : ''}><summary>${escapeHTML(summary)}</summary><div class="scroll">` +
    `<table class="plain"><caption>${escapeHTML(summary)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></details>`
  );
}

function cellText(v: unknown): TableCell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    // Whole numbers grouped; shares and rates (below 1) to 4 decimals; other amounts to 2.
    if (Number.isInteger(v)) return num(v.toLocaleString('en-US'));
    if (Math.abs(v) < 1) return num(v.toFixed(4));
    return num(v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  }
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/**
 * columnTableHTML: any result table (an Arquero table: the comparison commands' results,
 * tidy matrices...) as an accessible HTML table, numbers right-aligned: whole numbers
 * grouped, shares below 1 to 4 decimals, other numbers to 2.
 */
export function columnTableHTML(summary: string, table: ColumnTable, opts: { open?: boolean } = {}): string {
  const names = table.columnNames();
  const rows: TableCell[][] = [];
  const n = table.numRows();
  const cols = names.map((c) => table.getter(c));
  for (let i = 0; i < n; ++i) rows.push(cols.map((get) => cellText(get(i))));
  return dataTable(summary, names, rows, opts);
}
