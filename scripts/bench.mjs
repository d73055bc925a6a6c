#!/usr/bin/env node
// kohort vs DuckDB on the seeded synthetic data. Every run is its own child process
// (so peak RSS is per engine); engines alternate; results are checked against each other.
// Usage: npm run bench -- [--sizes 1m,10m] [--questions classic,...] [--reps 3] [--data bench-data]
//          [--out bench-results/latest.json] [--input parquet|csv|arrow] [--duckdb-only]
//          [--channel-anchor first-activity|signup] [--timeout MINUTES]
//          [--size-questions 50m:classic]   (questions for one size, e.g. only classic at 50M)
//          [--engine memory|duckdb]   (kohort's engine: --engine duckdb runs the generated SQL in embedded DuckDB)
//        npm run bench -- --shapes [--shape-events 10m] [--only int,uuid,...] [--reps 3]
//          (the shape matrix: id shapes, time shapes, periods, customers, spans, row orders; see bench/shapes.mjs)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode, rssSource, firstErrorLine } from './bench/proc.mjs';
import { compareRows, normalizeRows } from './bench/compare.mjs';
import { scaling, targets } from './bench/targets.mjs';
import { runShapes } from './bench/shapes.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUESTIONS = ['classic', 'unbounded', 'revenue', 'channel', 'survival', 'crr', 'compare'];

function parseArgs(argv) {
  const o = { sizes: '1m,10m', questions: QUESTIONS.join(','), reps: 3, data: 'bench-data', out: 'bench-results/latest.json',
    input: 'parquet', seed: 42, months: 24, timeout: 60, duckdbOnly: false, channelAnchor: 'first-activity', sizeQuestions: '', engine: 'memory',
    shapes: false, shapeEvents: '10m', only: '' };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (!(key in o)) throw new Error(`unknown option ${argv[i]}`);
    if (typeof o[key] === 'boolean') o[key] = true;
    else o[key] = typeof o[key] === 'number' ? Number(argv[++i]) : argv[++i];
  }
  o.sizes = o.sizes.split(',').map((s) => ({ label: s, events: parseSize(s) }));
  o.questions = o.questions.split(',');
  o.sizeQuestions = Object.fromEntries(o.sizeQuestions.split(';').filter(Boolean).map((entry) => {
    const [label, list] = entry.split(':');
    return [label, list.split(',')];
  }));
  for (const q of [o.questions, ...Object.values(o.sizeQuestions)].flat()) {
    if (!QUESTIONS.includes(q)) throw new Error(`unknown question ${q} (one of ${QUESTIONS.join(', ')})`);
  }
  if (!['parquet', 'csv', 'arrow'].includes(o.input)) throw new Error('--input is parquet, csv or arrow');
  if (!['memory', 'duckdb'].includes(o.engine)) throw new Error('--engine is memory or duckdb');
  return o;
}

const parseSize = (s) => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`bad size ${s} (e.g. 1m, 500k, 10m)`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]);
};

// Reuse the data when its recipe matches; otherwise (re)generate it.
async function ensureData(dir, events, o) {
  const recipe = { customers: Math.round(events / 10), events, seed: o.seed, months: o.months, formats: 'csv,parquet,arrow' };
  const files = ['customers', 'events'].flatMap((t) => ['csv', 'parquet', 'arrow'].map((f) => path.join(dir, `${t}.${f}`)));
  const metaFile = path.join(dir, 'recipe.json');
  const same = fs.existsSync(metaFile) && JSON.stringify(JSON.parse(fs.readFileSync(metaFile, 'utf8')).recipe) === JSON.stringify(recipe);
  if (same && files.every((f) => fs.existsSync(f))) return JSON.parse(fs.readFileSync(metaFile, 'utf8')).generation;
  console.log(`generating ${dir} (${events.toLocaleString()} events, ${recipe.customers.toLocaleString()} customers)...`);
  const args = Object.entries(recipe).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const r = await runNode([path.join(ROOT, 'datasets/generate.mjs'), ...args, '--out', dir], { cwd: ROOT });
  if (r.code !== 0) throw new Error(`generation failed: ${firstErrorLine(r.stderr)}`);
  const generation = { seconds: r.wallMs / 1000, peakRssMB: r.rssKB && r.rssKB / 1024, log: r.stderr.trim().split('\n') };
  console.log(`  done in ${generation.seconds.toFixed(1)}s (${generation.log.join(', ')})`);
  fs.writeFileSync(metaFile, JSON.stringify({ recipe, generation }, null, 2));
  return generation;
}

async function runEngine(engine, question, dir, o) {
  const out = path.join(os.tmpdir(), `kohort-bench-${process.pid}-${engine}.json`);
  fs.rmSync(out, { force: true });
  const runner = path.join(ROOT, `scripts/bench/${engine}-runner.mjs`);
  // The channel question's cohort month: first event (the benchmark's definition) or signup_at.
  const extra = question === 'channel' ? ['--anchor', o.channelAnchor] : [];
  if (engine === 'kohort' && o.engine !== 'memory') extra.push('--engine', o.engine);
  const r = await runNode([runner, '--question', question, '--data', dir, '--input', o.input, '--out', out, ...extra, ...(o.engineArgs ?? [])],
    { cwd: ROOT, timeoutMs: o.timeout * 60 * 1000 });
  let res;
  try { res = JSON.parse(fs.readFileSync(out, 'utf8')); } catch { res = { ok: false, error: `runner died: ${firstErrorLine(r.stderr)}` }; }
  fs.rmSync(out, { force: true });
  // The DuckDB runner is the engine process itself; the kohort runner measured its CLI child.
  if (engine === 'duckdb') Object.assign(res, { wallMs: r.wallMs, rssKB: r.rssKB });
  return res;
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? (v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2) : null;
};
const maxOf = (xs) => { const v = xs.filter((x) => typeof x === 'number'); return v.length ? Math.max(...v) : null; };

/**
 * Read the data files of `dir` once, untimed: a file not in the page cache (this host
 * reclaims cold pages) would make the first engine to run pay the disk read, which is
 * not what either engine costs.
 */
function warmFiles(dir) {
  const buf = Buffer.allocUnsafe(8 << 20);
  for (const name of fs.readdirSync(dir)) {
    if (!/\.(csv|parquet|arrow)$/.test(name)) continue;
    const fd = fs.openSync(path.join(dir, name), 'r');
    try {
      while (fs.readSync(fd, buf, 0, buf.length, null) > 0);
    } finally {
      fs.closeSync(fd);
    }
  }
}

export async function benchQuestion(question, dir, o) {
  const runs = { kohort: [], duckdb: [] };
  warmFiles(dir);
  let kohortOff = o.duckdbOnly ? 'skipped (--duckdb-only)' : null;
  for (let rep = 0; rep < o.reps; rep++) {
    for (const engine of rep % 2 === 0 ? ['kohort', 'duckdb'] : ['duckdb', 'kohort']) {
      if (engine === 'kohort' && kohortOff) continue;
      globalThis.gc?.();
      const res = await runEngine(engine, question, dir, o);
      runs[engine].push(res);
      if (engine === 'kohort' && res.unavailable) kohortOff = `kohort: ${res.error}`;
      process.stdout.write(`  ${question} rep ${rep + 1} ${engine}: ${res.ok ? `${(res.wallMs / 1000).toFixed(2)}s` : res.error}\n`);
    }
  }
  const k = runs.kohort.find((r) => r.ok), d = runs.duckdb.find((r) => r.ok);
  let status, check = null;
  if (!d) status = `duckdb error: ${runs.duckdb[0]?.error}`;
  else if (kohortOff) status = kohortOff;
  else if (!k) status = `kohort error: ${runs.kohort[0]?.error}`;
  else {
    check = compareRows(question, k.rows, normalizeRows(question, d.rows, o.period ?? 'month'));
    status = check.ok ? `ok (${check.checked} rows match)` : `FAILED (${check.problemCount} differences)`;
  }
  const ok = (list) => list.filter((r) => r.ok);
  const phase = (list, f) => { const m = median(ok(list).map(f)); return m === null ? null : m / 1000; };
  const summary = {
    kohort: { load: phase(runs.kohort, (r) => r.timings?.load), compute: phase(runs.kohort, (r) => r.timings?.compute),
      e2e: phase(runs.kohort, (r) => r.wallMs), peakRssMB: kb2mb(maxOf(ok(runs.kohort).map((r) => r.rssKB))) },
    duckdb: { load: phase(runs.duckdb, (r) => r.timings?.load), compute: phase(runs.duckdb, (r) => r.timings?.compute),
      e2e: phase(runs.duckdb, (r) => r.timings?.total), peakRssMB: kb2mb(maxOf(ok(runs.duckdb).map((r) => r.rssKB))) },
  };
  const strip = (r) => { const { rows, ...rest } = r; return { ...rest, rowCount: rows?.length ?? null }; };
  return { question, status, failed: check ? !check.ok : false, check, summary,
    command: runs.kohort[0]?.command ?? null, runs: { kohort: runs.kohort.map(strip), duckdb: runs.duckdb.map(strip) } };
}

const pkgVersion = (name) => { try { return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version; } catch { return null; } };
const kb2mb = (kb) => (kb === null ? null : kb / 1024);
const fmt = (x, digits = 2) => (x === null || x === undefined ? '-' : x.toFixed(digits));
const pad = (s, n, left = false) => (left ? String(s).padEnd(n) : String(s).padStart(n));

function printTable(size, results) {
  console.log(`\n== ${size.label}: ${size.events.toLocaleString()} events, ${Math.round(size.events / 10).toLocaleString()} customers ==`);
  console.log(`${pad('question', 10, true)} ${pad('phase', 11, true)} ${pad('kohort s', 9)} ${pad('duckdb s', 9)} ${pad('ratio', 7)} ` +
    `${pad('kohort MB', 10)} ${pad('duckdb MB', 10)}  check`);
  for (const r of results) {
    ['load', 'compute', 'e2e'].forEach((ph, i) => {
      const a = r.summary.kohort[ph], b = r.summary.duckdb[ph];
      console.log(`${pad(i ? '' : r.question, 10, true)} ${pad(ph === 'e2e' ? 'end to end' : ph, 11, true)} ${pad(fmt(a), 9)} ${pad(fmt(b), 9)} ` +
        `${pad(a !== null && b ? `${(a / b).toFixed(2)}x` : '-', 7)} ` +
        `${pad(i ? '' : fmt(r.summary.kohort.peakRssMB, 0), 10)} ${pad(i ? '' : fmt(r.summary.duckdb.peakRssMB, 0), 10)}  ${i ? '' : r.status}`);
    });
    if (r.failed) for (const p of r.check.problems) console.log(`${' '.repeat(23)}! ${p}`);
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const dataRoot = path.resolve(ROOT, o.data);
  if (o.shapes) {
    o.input = 'csv';
    const failed = await runShapes({ ...o, events: parseSize(o.shapeEvents), dataRoot, root: ROOT, out: path.resolve(ROOT, o.out.replace(/latest\.json$/, 'shapes.json')) },
      { benchQuestion, runNode, firstErrorLine });
    if (failed) process.exitCode = 1;
    return;
  }
  const report = { started: new Date().toISOString(), machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model,
    memGB: Math.round(os.totalmem() / 2 ** 30), loadavg: os.loadavg(), duckdb: pkgVersion('@duckdb/node-api') }, rssSource, options: { ...o, sizes: o.sizes.map((s) => s.label) }, sizes: [] };
  console.log(`kohort bench: input ${o.input}${o.input === 'arrow' ? ' (DuckDB reads the Parquet copy)' : ''}, ${o.reps} reps, peak RSS via ${rssSource}`);
  for (const size of o.sizes) {
    const dir = path.join(dataRoot, size.label);
    const generation = await ensureData(dir, size.events, o);
    const results = [];
    for (const q of o.sizeQuestions[size.label] ?? o.questions) results.push(await benchQuestion(q, dir, o));
    printTable(size, results);
    report.sizes.push({ label: size.label, events: size.events, customers: Math.round(size.events / 10), generation, results });
  }
  report.scaling = scaling(report.sizes);
  if (report.scaling.length) {
    console.log('\n== scaling (end to end, larger / smaller) ==');
    for (const s of report.scaling) {
      console.log(`${pad(s.question, 10, true)} ${s.from} -> ${s.to} (${s.events.toFixed(1)}x events): kohort ${fmt(s.kohort)}x, duckdb ${fmt(s.duckdb)}x`);
    }
  }
  report.targets = targets(report);
  if (report.targets.length) {
    console.log('\n== targets ==');
    for (const t of report.targets) console.log(`${t.met ? 'met    ' : 'NOT met'}  ${pad(t.target, 52, true)} ${t.value === null ? '-' : t.value.toFixed(2)}`);
  }
  report.finished = new Date().toISOString();
  const out = path.resolve(ROOT, o.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`\nwrote ${path.relative(ROOT, out)}`);
  if (report.sizes.some((s) => s.results.some((r) => r.failed))) process.exitCode = 1;
}

main().catch((err) => { console.error(err.stack ?? err); process.exitCode = 2; });
