// Compare kohort's result rows with DuckDB's: counts exactly, values to a relative 1e-9.
// Both sides arrive normalized (see normalize* below): keys as strings/numbers, numbers as numbers.

const SPECS = {
  matrix: { keys: ['cohort', 'channel', 'offset'], counts: ['cohort_size', 'active'], floats: ['value', 'revenue'] },
  survival: { keys: ['channel', 'time'], counts: ['n', 'events'], floats: ['survival'] },
  compare: { keys: ['channel', 'offset'], counts: ['customers', 'eligible', 'active'], floats: ['value'] },
  crr: { keys: ['period'], counts: ['customers_start', 'new_customers', 'customers_end', 'retained', 'lost'], floats: ['crr', 'churn_rate', 'crr_exact'] },
};
export const kindOf = (question) => (['survival', 'crr', 'compare'].includes(question) ? question : 'matrix');

const num = (v) => (v === null || v === undefined || v === '' ? null : Number(v));
// cohorts key as YYYY-MM (monthly) or YYYY-MM-DD (the period's first day, weekly and daily)
const periodKey = (v, width) => (v === null || v === undefined || v === '' ? null
  : typeof v === 'string' ? v.slice(0, width) : new Date(Number(v)).toISOString().slice(0, width));

/** Put one side's rows in the shape compareRows expects. */
export function normalizeRows(question, rows, period = 'month') {
  const kind = kindOf(question), width = period === 'month' ? 7 : 10;
  return rows.map((r) => {
    const o = {};
    for (const [k, v] of Object.entries(r)) {
      if (k === 'cohort' || k === 'period') o[k] = periodKey(v, width);
      else if (k === 'channel') o[k] = v === null || v === undefined ? null : String(v);
      else if (k === 'complete') o[k] = v === null || v === undefined ? null : v === true || v === 'true' || v === 1;
      else if (typeof v === 'bigint' || typeof v === 'number' || (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)))) o[k] = Number(v);
      else o[k] = v === '' ? null : v;
    }
    return o;
  }).filter((r) => kind !== 'matrix' || !(r.complete === false || (r.complete == null && 'complete' in r && r.value == null)));
}

const close = (a, b, tol) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** { ok, checked, problems: string[] } — problems lists the first few differences. */
export function compareRows(question, kohortRows, duckRows, tol = 1e-9) {
  const spec = SPECS[kindOf(question)], problems = [];
  const cols = Object.keys(duckRows[0] ?? {});
  const keys = spec.keys.filter((k) => cols.includes(k));
  const keyOf = (r) => keys.map((k) => String(r[k] ?? '∅')).join('|');
  const mine = new Map(kohortRows.map((r) => [keyOf(r), r]));
  const missingCols = [...spec.counts, ...spec.floats, ...keys].filter((c) => cols.includes(c) && kohortRows.length && !(c in kohortRows[0]));
  if (missingCols.length) problems.push(`kohort output lacks column(s) ${missingCols.join(', ')}`);
  for (const d of duckRows) {
    const k = mine.get(keyOf(d));
    if (!k) { problems.push(`row ${keyOf(d)} missing in kohort`); continue; }
    mine.delete(keyOf(d));
    for (const c of spec.counts) if (c in d && c in k && num(k[c]) !== num(d[c])) problems.push(`${keyOf(d)} ${c}: kohort ${k[c]} vs duckdb ${d[c]}`);
    for (const c of spec.floats) {
      if (!(c in d) || !(c in k)) continue;
      const a = num(k[c]), b = num(d[c]);
      if ((a === null) !== (b === null) || (a !== null && !close(a, b, tol))) problems.push(`${keyOf(d)} ${c}: kohort ${a} vs duckdb ${b}`);
    }
  }
  for (const key of mine.keys()) problems.push(`row ${key} only in kohort`);
  return { ok: problems.length === 0, checked: duckRows.length, problems: problems.slice(0, 8), problemCount: problems.length };
}
