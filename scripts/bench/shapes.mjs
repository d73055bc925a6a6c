// The shape matrix of `npm run bench -- --shapes`: the same question (classic matrix,
// `kohort matrix events.csv --format arrow`) on events CSVs that differ from a base in one
// dimension each: id shape, time shape, period, customers per event, span, row order.
// Each shape is generated once (datasets/generate.mjs) into DATA/shapes/NAME/, run by
// kohort and DuckDB alternating, and checked equal to DuckDB's SQL in the same run.
import fs from 'node:fs';
import path from 'node:path';

// base: plain integer ids (a database export), `YYYY-MM-DD HH:MM:SS`, monthly, 2 years, time order
const BASE = { idShape: 'int', timeShape: 'datetime', period: 'month', customersPerEvent: 0.1, months: 24, order: 'time' };

/** Every shape of the matrix: a name, its dimension, and what differs from BASE. */
export const SHAPES = [
  ['int', 'id', {}],
  ['prefixed', 'id', { idShape: 'prefixed' }],
  ['uuid', 'id', { idShape: 'uuid' }],
  ['email', 'id', { idShape: 'email' }],
  ['mixed', 'id', { idShape: 'mixed' }],
  ['date', 'time', { timeShape: 'date' }],
  ['iso-z', 'time', { timeShape: 'iso-z' }],
  ['iso-offset', 'time', { timeShape: 'iso-offset' }],
  ['epoch-s', 'time', { timeShape: 'epoch-s' }],
  ['epoch-ms', 'time', { timeShape: 'epoch-ms' }],
  ['week', 'period', { period: 'week' }],
  ['day', 'period', { period: 'day', months: 12 }],
  ['cust-1pc', 'customers', { customersPerEvent: 0.01 }],
  ['cust-50pc', 'customers', { customersPerEvent: 0.5 }],
  ['span-1y', 'span', { months: 12 }],
  ['span-6y-week', 'span', { months: 72, period: 'week' }],
  ['by-customer', 'order', { order: 'customer' }],
  ['shuffled', 'order', { order: 'shuffled' }],
].map(([name, dimension, diff]) => ({ name, dimension, ...BASE, ...diff }));

const fmt = (x, d = 2) => (x === null || x === undefined ? '-' : x.toFixed(d));
const ratio = (a, b) => (a === null || a === undefined || !b ? null : a / b);

async function ensureShapeData(dir, s, o, { runNode, firstErrorLine }) {
  const recipe = { customers: Math.max(1, Math.round(o.events * s.customersPerEvent)), events: o.events, seed: o.seed, months: s.months,
    'id-shape': s.idShape, 'time-shape': s.timeShape, order: s.order, formats: 'csv' };
  const metaFile = path.join(dir, 'recipe.json'), file = path.join(dir, 'events.csv');
  if (fs.existsSync(metaFile) && fs.existsSync(file) && JSON.stringify(JSON.parse(fs.readFileSync(metaFile, 'utf8')).recipe) === JSON.stringify(recipe)) return recipe;
  const args = Object.entries(recipe).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const r = await runNode([path.join(o.root, 'datasets/generate.mjs'), ...args, '--out', dir], { cwd: o.root });
  if (r.code !== 0) throw new Error(`generation of shape ${s.name} failed: ${firstErrorLine(r.stderr)}`);
  fs.rmSync(path.join(dir, 'customers.csv'), { force: true }); // only events are read
  fs.writeFileSync(metaFile, JSON.stringify({ recipe }, null, 2));
  return recipe;
}

/** Runs the matrix; prints one line per shape and the worst; returns true when a result differed from DuckDB's. */
export async function runShapes(o, helpers) {
  const only = o.only ? o.only.split(',') : null;
  const shapes = SHAPES.filter((s) => !only || only.includes(s.name) || only.includes(s.dimension));
  if (!shapes.length) throw new Error(`--only matched no shape (names: ${SHAPES.map((s) => s.name).join(', ')})`);
  console.log(`kohort shape bench: ${o.events.toLocaleString()} events per shape (CSV), ${o.reps} reps, classic matrix, kohort vs DuckDB alternating`);
  const rows = [];
  for (const s of shapes) {
    const dir = path.join(o.dataRoot, 'shapes', s.name);
    const recipe = await ensureShapeData(dir, s, o, helpers);
    const r = await helpers.benchQuestion('classic', dir, { ...o, period: s.period, engineArgs: ['--period', s.period, '--time-shape', s.timeShape] });
    const k = r.summary.kohort, d = r.summary.duckdb;
    const row = { shape: s.name, dimension: s.dimension, recipe, period: s.period, status: r.status, failed: r.failed,
      kohort: k, duckdb: d, e2e: ratio(k.e2e, d.e2e), compute: ratio(k.compute, d.compute), rss: ratio(k.peakRssMB, d.peakRssMB), command: r.command };
    rows.push(row);
    console.log(`${s.name.padEnd(13)} e2e ${fmt(k.e2e)}s vs ${fmt(d.e2e)}s (${fmt(row.e2e)}x)  compute ${fmt(k.compute)}s vs ${fmt(d.compute)}s (${fmt(row.compute)}x)  ` +
      `RSS ${fmt(k.peakRssMB, 0)} / ${fmt(d.peakRssMB, 0)} MB (${fmt(row.rss)})  ${r.status}`);
    if (r.failed) for (const p of r.check.problems) console.log(`${' '.repeat(15)}! ${p}`);
  }
  console.log('\n| shape | customers | months | period | kohort e2e | DuckDB load+compute | ratio | compute ratio | peak RSS kohort / DuckDB | check |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.shape} | ${r.recipe.customers.toLocaleString()} | ${r.recipe.months} | ${r.period} | ${fmt(r.kohort.e2e)} s | ${fmt(r.duckdb.e2e)} s | ${fmt(r.e2e)}x | ` +
      `${fmt(r.compute)}x | ${fmt(r.kohort.peakRssMB, 0)} / ${fmt(r.duckdb.peakRssMB, 0)} MB (${fmt(r.rss)}) | ${r.failed ? 'FAILED' : r.status.startsWith('ok') ? 'equal' : r.status} |`);
  }
  const valid = rows.filter((r) => r.e2e !== null);
  if (valid.length) {
    const worst = (key) => valid.reduce((a, b) => ((b[key] ?? -1) > (a[key] ?? -1) ? b : a));
    const best = valid.reduce((a, b) => (b.e2e < a.e2e ? b : a));
    console.log(`\nworst end to end: ${worst('e2e').shape} ${fmt(worst('e2e').e2e)}x (best ${best.shape} ${fmt(best.e2e)}x, spread ${fmt(worst('e2e').e2e / best.e2e)}x)`);
    console.log(`worst compute: ${worst('compute').shape} ${fmt(worst('compute').compute)}x; worst peak RSS: ${worst('rss').shape} ${fmt(worst('rss').rss)}`);
  }
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, JSON.stringify({ started: new Date().toISOString(), events: o.events, reps: o.reps, shapes: rows }, null, 2));
  console.log(`wrote ${path.relative(o.root, o.out)}`);
  return rows.some((r) => r.failed || !r.status.startsWith('ok'));
}
