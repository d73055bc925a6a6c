#!/usr/bin/env node
// Thin launcher: the CLI is built into dist/ by `npm install` (the prepare script):
// dist/kohort-cli.cjs is the bundled CLI (faster to start, with V8's code cache: see
// load-cli.js), dist/cli/main.js the same code as separate modules.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A big CSV file named on the command line is read by two threads: the second one starts
// now, while this one loads the CLI (see src/load/csv/csv-prestart.ts: which argument, and
// from what size). Unused, it does not keep the process alive.
const csvWorker = new URL('../dist/load/csv/csv-worker.js', import.meta.url);
const prestart = new URL('../dist/load/csv/csv-prestart.js', import.meta.url);
const size = (path) => {
  try {
    return statSync(path, { throwIfNoEntry: false })?.size;
  } catch {
    return undefined;
  }
};
const args = process.argv.slice(2);
// A big Parquet file likewise: its row groups are split with the Parquet worker (src/load/parquet/parquet-prestart.ts).
const parquetWorker = new URL('../dist/load/parquet/parquet-worker.js', import.meta.url);
const parquetPrestart = new URL('../dist/load/parquet/parquet-prestart.js', import.meta.url);
let early;
if (args.some((a) => /\.(csv|tsv|txt)$/i.test(a)) && existsSync(csvWorker) && existsSync(prestart) &&
    (await import(prestart.href)).prestartCsvArgument(args, size) !== undefined) {
  early = csvWorker;
} else if (args.some((a) => /\.parquet$/i.test(a)) && existsSync(parquetWorker) && existsSync(parquetPrestart) &&
    (await import(parquetPrestart.href)).prestartParquetArgument(args, size) !== undefined) {
  early = parquetWorker;
}
if (early) {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(early);
  worker.unref();
  const prestarted = { url: early.href, worker, online: false };
  worker.once('online', () => (prestarted.online = true));
  // A worker that fails to start is simply not used. The key: src/load/prestart.ts.
  const forget = () => delete globalThis[Symbol.for('kohort.prestarted-worker')];
  worker.once('error', forget);
  worker.once('exit', forget);
  globalThis[Symbol.for('kohort.prestarted-worker')] = prestarted;
}

const bundle = fileURLToPath(new URL('../dist/kohort-cli.cjs', import.meta.url));
let main;
if (existsSync(bundle)) {
  const { compileBundle, runBundle } = await import('./load-cli.js');
  ({ main } = runBundle(compileBundle(bundle, bundle.replace(/\.cjs$/, '.cache')).script, bundle));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
