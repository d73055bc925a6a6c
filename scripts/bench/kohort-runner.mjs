// Child process: one kohort CLI run of one question, measured (wall, peak RSS), with
// the CLI's own `timings {...}` stderr line, and its output read back into rows.
// Writes { engine, ok, error?, wallMs, rssKB, timings, rows } as JSON to --out.
// Usage: node scripts/bench/kohort-runner.mjs --question classic --data DIR --input parquet|csv|arrow --out FILE
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode, firstErrorLine } from './proc.mjs';
import { normalizeRows } from './compare.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };

/** CLI arguments (after `kohort`) and output format for a question. */
export function kohortCommand(question, dir, input, anchor = 'first-activity', period = 'month') {
  const ev = path.join(dir, `events.${input}`), cu = path.join(dir, `customers.${input}`);
  const matrix = ['matrix', ev, '--id', 'customer_id', '--time', 'event_time', '--period', period, '--cohort', period];
  const subs = ['--id', 'customer_id', '--signup', 'signup_at', '--churn', 'churned_at'];
  switch (question) {
    case 'classic': return { args: [...matrix, '--mode', 'classic', '--format', 'arrow'], format: 'arrow' };
    case 'unbounded': return { args: [...matrix, '--mode', 'unbounded', '--format', 'arrow'], format: 'arrow' };
    case 'revenue': return { args: [...matrix, '--mode', 'revenue', '--amount', 'amount', '--format', 'arrow'], format: 'arrow' };
    case 'channel': return { args: ['matrix', ev, '--customers', cu, '--id', 'customer_id', '--time', 'event_time', '--cohort', 'month,channel', '--anchor', anchor, '--format', 'arrow'], format: 'arrow' };
    case 'survival': return { args: ['survival', cu, ...subs, '--by', 'channel', '--at', '30,90,180,365', '--unit', 'days', '--no-curve', '--format', 'json'], format: 'json' };
    case 'crr': return { args: ['crr', cu, ...subs, '--period', 'month', '--format', 'csv'], format: 'csv' };
    // Group rates per offset (rolling, signup anchor) plus the survival part (Kaplan-Meier, log-rank).
    case 'compare': return { args: ['compare', ev, '--customers', cu, ...subs, '--time', 'event_time', '--by', 'channel', '--format', 'arrow'], format: 'arrow' };
    default: throw new Error(`unknown question ${question}`);
  }
}

export async function readOutput(file, format) {
  if (format === 'arrow') {
    const { tableFromIPC } = await import('apache-arrow');
    return tableFromIPC(fs.readFileSync(file)).toArray().map((r) => r.toJSON());
  }
  if (format === 'json') {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    return doc.groups.flatMap((g) => g.at.map((p) => ({ channel: g.key?.channel ?? null, n: g.n, events: g.events, time: p.time, survival: p.survival })));
  }
  const [head, ...lines] = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const cols = head.split(',').map((c) => c.replace(/^"|"$/g, ''));
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v.replace(/^"|"$/g, '')])));
}

async function main() {
  const question = arg('question'), dir = arg('data'), input = arg('input', 'parquet'), out = arg('out');
  const period = arg('period', 'month');
  const { args, format } = kohortCommand(question, dir, input, arg('anchor', 'first-activity'), period);
  // --engine duckdb: the same question through the generated SQL on embedded DuckDB.
  if (arg('engine', 'memory') !== 'memory') args.push('--engine', arg('engine'));
  const file = path.join(os.tmpdir(), `kohort-bench-${process.pid}.${format}`);
  fs.rmSync(file, { force: true });
  const r = await runNode([path.join(ROOT, 'bin/kohort.js'), ...args, '--timings', '--out', file], { cwd: ROOT });
  const res = { engine: 'kohort', question, input, command: `kohort ${args.join(' ')}`, wallMs: r.wallMs, rssKB: r.rssKB };
  const m = r.stderr.match(/^timings (\{.*\})\s*$/m);
  res.timings = m ? JSON.parse(m[1]) : null;
  if (r.code !== 0 || !fs.existsSync(file)) {
    Object.assign(res, { ok: false, unavailable: true, error: `not available (${firstErrorLine(r.stderr)})` });
  } else {
    try {
      res.rows = normalizeRows(question, await readOutput(file, format), period);
      res.ok = true;
    } catch (err) {
      Object.assign(res, { ok: false, error: `unreadable output: ${String(err.message).split('\n')[0]}` });
    }
  }
  fs.rmSync(file, { force: true });
  fs.writeFileSync(out, JSON.stringify(res));
}

if (fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? '')) {
  main().catch((err) => { fs.writeFileSync(arg('out'), JSON.stringify({ engine: 'kohort', ok: false, error: String(err.message) })); });
}
