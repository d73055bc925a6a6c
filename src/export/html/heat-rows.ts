import type { HeatView } from './heatmap-data.js';

/** What the heatmap cells show: the value, or the count behind it. */
export type HeatShow = 'value' | 'count';

/**
 * heatRows: the <tbody> and <tfoot> markup of a heatmap view. The server renders the
 * first view with it and the page's script re-renders on a switch with the same
 * function (its source is inlined into the page), so it must stay self-contained: no
 * imports, no outer names, plain ES2017.
 */
export function heatRows(view: HeatView, show: HeatShow): [string, string] {
  const BINS = 20;
  const esc = (s: string): string =>
    s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
  // Not toLocaleString: it costs ~10 µs a call, a quarter of a second on a 200-cohort triangle.
  const count = (x: number): string => String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  // Values come as shown (percent for shares): formatting only fixes the digits.
  const value = (x: number): string =>
    view.kind === 'share' ? x.toFixed(view.digits) + '%' : x.toFixed(view.digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const bin = (x: number): number => {
    const u = view.kind === 'share' ? x / 100 : x;
    const t = view.hi > view.lo ? (u - view.lo) / (view.hi - view.lo) : 1;
    return Math.max(0, Math.min(BINS - 1, Math.floor(t * BINS)));
  };
  const cell = (v: number | null, c: number, incomplete: boolean): string => {
    if (c < 0) return '<td class="x"></td>';
    if (v === null) return '<td class="na">–</td>';
    const text = show === 'count' ? count(c) : value(v);
    return '<td class="q' + bin(v) + (incomplete ? ' p">' + text + '*' : '">' + text) + '</td>';
  };
  // The not-yet-observed rest of a row is one hatched cell spanning it (not one per offset:
  // a 200-cohort triangle would carry 20,000 empty cells).
  const filler = (used: number): string => (used < view.width ? '<td class="x f" colspan="' + (view.width - used) + '"></td>' : '');
  const body: string[] = [];
  for (const row of view.rows) {
    let tr = '<tr><th scope="row">' + esc(row.label) + '</th><td class="n">' + count(row.size) + '</td>';
    for (let k = 0; k < row.c.length; ++k) tr += cell(row.v[k], row.c[k], row.inc !== undefined && row.inc.indexOf(k) >= 0);
    body.push(tr + filler(row.c.length) + '</tr>');
  }
  const a = view.avg;
  let foot = '<tr><th scope="row">Weighted average</th><td class="n">' + (a.n.length ? count(a.n[0]) : '') + '</td>';
  // Complete cohorts at an offset that the average leaves out (no revenue base) show as
  // empty, like their cells, not hatched as not yet observed.
  const complete = (k: number): boolean =>
    view.rows.some((r) => k < r.c.length && r.c[k] >= 0 && (r.inc === undefined || r.inc.indexOf(k) < 0));
  let last = 0;
  for (let k = 0; k < a.v.length; ++k) if ((a.k[k] > 0 && a.v[k] !== null) || complete(k)) last = k + 1;
  for (let k = 0; k < last; ++k) {
    const v = a.v[k];
    foot += a.k[k] > 0 && v !== null ? cell(v, a.c[k], false) : complete(k) ? '<td class="na">–</td>' : '<td class="x"></td>';
  }
  return [body.join(''), foot + filler(last) + '</tr>'];
}
