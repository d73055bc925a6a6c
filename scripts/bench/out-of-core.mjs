#!/usr/bin/env node
// Out of core: a generated N-event Parquet file, the monthly matrix computed by
// `kohort matrix --engine duckdb` within a DuckDB memory limit (it spills to disk), with
// time and peak RSS; and the memory engine's answer at that size (a clear message that
// points to --engine duckdb, never an out-of-memory crash).
// Usage: node scripts/bench/out-of-core.mjs [--events 200m] [--customers 20m] [--dir bench-data/ooc]
//          [--memory-limit 2GB] [--memory-mb 8192] [--out bench-results/out-of-core.json]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { runNode, firstErrorLine } from './proc.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const count = (s) => Math.round(Number(s.replace(/[km]$/i, '')) * ({ k: 1e3, m: 1e6 }[s.slice(-1).toLowerCase()] ?? 1));
const events = count(arg('events', '200m'));
const customers = count(arg('customers', String(Math.round(events / 10))));
const dir = path.resolve(ROOT, arg('dir', 'bench-data/ooc'));
const limit = arg('memory-limit', '2GB');
const file = path.join(dir, `events-${events}.parquet`);

async function generate() {
  if (fs.existsSync(file)) return null;
  fs.mkdirSync(dir, { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`SET memory_limit = '${limit}'`);
  await con.run(`SET temp_directory = '${path.join(dir, 'tmp')}'`);
  const t0 = performance.now();
  // Deterministic from the row number with integer arithmetic only (hashing 200M rows is
  // the slow part on a small machine): customer c = i mod C, so every customer has N/C
  // events; its first activity spread over 20 months, later ones up to 10 months after.
  await con.run(`COPY (
    SELECT 'C' || CAST(c AS VARCHAR) AS customer_id,
           TIMESTAMP '2022-01-01' + to_seconds(CAST(((c * 7919) % (600 * 86400)) + ((i // ${customers}) * 2654435761 % (300 * 86400)) AS BIGINT)) AS event_time,
           CAST((i * 48271) % 10000 AS DOUBLE) / 100 AS amount
    FROM (SELECT i, i % ${customers} AS c FROM range(${events}) r(i))
  ) TO '${file}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1048576)`);
  return (performance.now() - t0) / 1000;
}

async function main() {
  const report = { events, customers, file, memoryLimit: limit, machine: { cpus: os.cpus().length, memGB: Math.round(os.totalmem() / 2 ** 30), loadavg: os.loadavg() } };
  report.generateSeconds = await generate();
  report.fileMB = Math.round(fs.statSync(file).size / 2 ** 20);
  console.log(`${events.toLocaleString()} events, ${customers.toLocaleString()} customers: ${file} (${report.fileMB} MB)`);
  const out = path.join(os.tmpdir(), `kohort-ooc-${process.pid}.csv`);
  const kohort = path.join(ROOT, 'bin/kohort.js');
  const duck = await runNode([kohort, 'matrix', file, '--engine', 'duckdb', '--duckdb-memory', limit, '--duckdb-temp', path.join(dir, 'tmp'),
    '--format', 'csv', '--out', out, '--timings', '-q'], { cwd: ROOT });
  report.duckdb = { code: duck.code, seconds: duck.wallMs / 1000, peakRssMB: duck.rssKB && Math.round(duck.rssKB / 1024),
    error: duck.code ? firstErrorLine(duck.stderr) : undefined, cohorts: fs.existsSync(out) ? fs.readFileSync(out, 'utf8').trim().split('\n').length - 1 : 0 };
  console.log(`--engine duckdb: ${duck.code === 0 ? 'ok' : `failed: ${report.duckdb.error}`} in ${report.duckdb.seconds.toFixed(1)} s, peak RSS ${report.duckdb.peakRssMB} MB, ${report.duckdb.cohorts} cohorts`);
  // The memory engine's budget: --memory-mb (default: the machine's; a shared machine may want less).
  const env = arg('memory-mb') ? { ...process.env, KOHORT_MEMORY_MB: arg('memory-mb') } : process.env;
  report.memoryBudgetMB = arg('memory-mb') ? Number(arg('memory-mb')) : Math.round((os.totalmem() * 0.75) / 2 ** 20);
  const mem = await runNode([kohort, 'matrix', file, '--format', 'csv', '--out', out, '-q'], { cwd: ROOT, env });
  report.memory = { code: mem.code, seconds: mem.wallMs / 1000, peakRssMB: mem.rssKB && Math.round(mem.rssKB / 1024), message: firstErrorLine(mem.stderr) };
  console.log(`--engine memory: exit ${mem.code} after ${report.memory.seconds.toFixed(1)} s: ${report.memory.message}`);
  fs.rmSync(out, { force: true });
  const dest = path.resolve(ROOT, arg('out', 'bench-results/out-of-core.json'));
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.writeFileSync(dest, JSON.stringify(report, null, 2));
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
