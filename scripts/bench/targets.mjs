// The speed targets of the performance issue, checked against a bench report.
// Each returns { target, value, met } (value null when the run did not measure it).

const ratio = (a, b) => (a === null || a === undefined || !b ? null : a / b);
const find = (size, q) => size?.results.find((r) => r.question === q && !r.failed && r.summary.kohort.e2e !== null);

/** Scaling of each question's kohort end-to-end time between consecutive sizes. */
export function scaling(sizes) {
  const out = [];
  for (let i = 1; i < sizes.length; i++) {
    const a = sizes[i - 1], b = sizes[i];
    for (const rb of b.results) {
      const ra = find(a, rb.question);
      if (!ra || rb.failed) continue;
      out.push({ question: rb.question, from: a.label, to: b.label, events: b.events / a.events,
        kohort: ratio(rb.summary.kohort.e2e, ra.summary.kohort.e2e), duckdb: ratio(rb.summary.duckdb.e2e, ra.summary.duckdb.e2e) });
    }
  }
  return out;
}

/** The "done when" lines, for the sizes and input of this run. */
export function targets(report) {
  const input = report.options.input;
  const at = (label) => report.sizes.find((s) => s.label === label);
  const out = [];
  const s10 = at('10m');
  if (report.options.engine === 'duckdb') {
    // kohort --engine duckdb (the generated SQL) against the hand-written SQL, end to end.
    for (const size of report.sizes) {
      for (const r of size.results) {
        if (r.failed || r.summary.kohort.e2e === null) continue;
        out.push({ target: `${size.label} ${input} ${r.question}: --engine duckdb <= 1.25x hand-written SQL (end to end)`,
          value: ratio(r.summary.kohort.e2e, r.summary.duckdb.e2e), limit: 1.25 });
      }
    }
    return out.map((t) => ({ ...t, met: t.value !== null && t.value <= t.limit }));
  }
  if (s10) {
    const classic = find(s10, 'classic');
    if (classic) {
      const { kohort: k, duckdb: d } = classic.summary;
      out.push({ target: `10m ${input} classic compute <= 0.15x DuckDB`, value: ratio(k.compute, d.compute), limit: 0.15 });
      if (input === 'csv') {
        out.push({ target: '10m CSV load <= 0.75x DuckDB', value: ratio(k.load, d.load), limit: 0.75 });
        out.push({ target: '10m CSV end to end <= 0.5x DuckDB load + compute', value: ratio(k.e2e, d.e2e), limit: 0.5 });
      }
      out.push({ target: `10m ${input} classic peak RSS <= 1/4 DuckDB`, value: ratio(k.peakRssMB, d.peakRssMB), limit: 0.25 });
    }
    const cmp = find(s10, 'compare');
    if (cmp) out.push({ target: `10m ${input} compare --by channel end to end <= 0.5x DuckDB`, value: ratio(cmp.summary.kohort.e2e, cmp.summary.duckdb.e2e), limit: 0.5 });
    for (const q of ['unbounded', 'revenue', 'channel', 'survival', 'crr']) {
      const r = find(s10, q);
      if (r) out.push({ target: `10m ${input} ${q} compute <= 0.5x DuckDB`, value: ratio(r.summary.kohort.compute, r.summary.duckdb.compute), limit: 0.5 });
    }
  }
  const s50 = at('50m');
  const c50 = find(s50, 'classic');
  if (c50 && input === 'parquet') {
    out.push({ target: '50m parquet classic end to end <= 0.5x DuckDB', value: ratio(c50.summary.kohort.e2e, c50.summary.duckdb.e2e), limit: 0.5 });
    const c10 = find(s10, 'classic');
    if (c10) out.push({ target: '50m/10m kohort end-to-end time <= 5.5', value: ratio(c50.summary.kohort.e2e, c10.summary.kohort.e2e), limit: 5.5 });
  }
  return out.map((t) => ({ ...t, met: t.value !== null && t.value <= t.limit }));
}
