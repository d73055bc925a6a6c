// Makes dist/kohort-cli.cache, V8's code cache of the CLI bundle (see bin/load-cli.js):
// the bundle runs the main commands on the sample data (CSV, a copy with integer ids, and
// Parquet copies) and the matrix on small files of the benchmark's id and time shapes
// (datasets/generate.mjs), and the cache then holds the bytecode of every function they
// compiled, so that a real run neither parses the bundle nor compiles those functions again.
// Run by scripts/bundle-cli.mjs, in a process of its own (V8's flags are part of the cache).
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { cacheBytes, compileBundle, runBundle } from '../bin/load-cli.js';
import { generate, parseArgs } from '../datasets/generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = path.join(root, 'dist/kohort-cli.cjs');
const cacheFile = path.join(root, 'dist/kohort-cli.cache');
const sample = path.join(root, 'datasets/sample');
const dir = mkdtempSync(path.join(tmpdir(), 'kohort-code-cache-'));

/** Rows of a small CSV file without quoted fields (the sample's). */
const rows = (file) => readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => l.split(','));

/** The sample's activity with the ids as integers ("C0000042" -> "42"), the other shape the bench reads. */
function intIds() {
  const text = readFileSync(path.join(sample, 'activity.csv'), 'utf8').replace(/^C0*(\d)/gm, '$1');
  writeFileSync(path.join(dir, 'activity-int.csv'), text);
}

/** Parquet copies of the sample (times as timestamps, empty texts as nulls), as the benchmark's files are. */
function parquetCopies() {
  const time = (s) => (s ? new Date(`${s.replace(' ', 'T')}Z`) : null);
  const write = (name, columns) => {
    const [header, ...body] = rows(path.join(sample, `${name}.csv`));
    const columnData = header.filter((h) => h in columns).map((h) => {
      const i = header.indexOf(h);
      return { name: h, type: columns[h], data: body.map((r) => (columns[h] === 'TIMESTAMP' ? time(r[i]) : columns[h] === 'DOUBLE' ? Number(r[i]) : r[i] || null)) };
    });
    writeFileSync(path.join(dir, `${name}.parquet`), Buffer.from(parquetWriteBuffer({ columnData })));
  };
  write('activity', { customer_id: 'STRING', event_time: 'TIMESTAMP', amount: 'DOUBLE' });
  write('customers', { customer_id: 'STRING', signup_at: 'TIMESTAMP', churned_at: 'TIMESTAMP', channel: 'STRING', plan: 'STRING' });
}

/** Small events files of other id and time shapes, and periods: the benchmark's shapes (scripts/bench/shapes.mjs). */
const SHAPES = [['uuid', 'datetime', 'month'], ['email', 'datetime', 'month'], ['mixed', 'datetime', 'month'], ['int', 'date', 'month'],
  ['int', 'iso-z', 'month'], ['int', 'iso-offset', 'month'], ['int', 'epoch-s', 'month'], ['int', 'epoch-ms', 'month'], ['int', 'datetime', 'week'], ['int', 'datetime', 'day']];
async function shapeFiles() {
  const say = console.error;
  console.error = () => {}; // generate's timings
  try {
    for (const [id, time] of [...new Set(SHAPES.map(([id, time]) => `${id} ${time}`))].map((k) => k.split(' '))) {
      await generate({ ...parseArgs(['--customers', '1000', '--events', '20000', '--id-shape', id, '--time-shape', time, '--months', '12']), out: path.join(dir, `${id}-${time}`) });
    }
  } finally {
    console.error = say;
  }
}

const csv = (name) => path.join(sample, `${name}.csv`);
const tmp = (name) => path.join(dir, name);
const outcome = ['--id', 'customer_id', '--signup', 'signup_at', '--churn', 'churned_at', '--time', 'event_time'];
const runs = [
  ['matrix', csv('activity'), '--format', 'arrow', '--out', tmp('1.arrow')],
  ['matrix', tmp('activity-int.csv'), '--id', 'customer_id', '--time', 'event_time', '--period', 'month', '--cohort', 'month', '--format', 'arrow', '--out', tmp('2.arrow')],
  ['matrix', csv('activity'), '--customers', csv('customers'), '--cohort', 'month,channel', '--format', 'csv', '--out', tmp('3.csv')],
  ['matrix', tmp('activity.parquet'), '--format', 'arrow', '--out', tmp('4.arrow')],
  ['compare', tmp('activity.parquet'), '--customers', tmp('customers.parquet'), ...outcome, '--by', 'channel', '--format', 'arrow', '--out', tmp('5.arrow')],
  ['compare', csv('activity'), '--customers', csv('customers'), ...outcome, '--by', 'channel', '--format', 'arrow', '--out', tmp('6.arrow')],
  ['survival', csv('customers'), '--signup', 'signup_at', '--churn', 'churned_at', '--by', 'channel', '--format', 'csv', '--out', tmp('7.csv')],
  ['crr', csv('customers'), '--signup', 'signup_at', '--churn', 'churned_at', '--format', 'csv', '--out', tmp('8.csv')],
  ...SHAPES.map(([id, time, period], i) =>
    ['matrix', tmp(`${id}-${time}/events.csv`), '--id', 'customer_id', '--time', 'event_time', '--period', period, '--cohort', period, '--format', 'arrow', '--out', tmp(`shape-${i}.arrow`)]),
];

try {
  intIds();
  parquetCopies();
  await shapeFiles();
  const { script, source } = compileBundle(bundle, path.join(dir, 'none'));
  const { main } = runBundle(script, bundle);
  for (const args of runs) {
    let err = '';
    const io = { stdout: () => {}, stderr: (t) => (err += t), stdoutIsTTY: false };
    // A run that fails only leaves its functions out of the cache: say so, but build on.
    if ((await main(['node', 'kohort', ...args, '--quiet'], io)) !== 0) console.warn(`code-cache: kohort ${args[0]} failed: ${err.trim()}`);
  }
  writeFileSync(`${cacheFile}.tmp`, cacheBytes(source, script.createCachedData()));
  renameSync(`${cacheFile}.tmp`, cacheFile);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
// The runs' worker threads would otherwise keep this process until they stop.
process.exit(0);
