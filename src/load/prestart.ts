import type { Worker } from 'node:worker_threads';

/**
 * A worker thread started before the CLI has loaded (see bin/kohort.js): a big CSV or
 * Parquet file named on the command line is read by two threads, and the second one's
 * start-up (a fresh V8 isolate and the worker script) then overlaps the main thread's own
 * instead of following it. bin/kohort.js and the readers (csv-split.ts, read-parquet.ts)
 * share it through this global, since the CLI bundle has its own copy of every module.
 * Which argument and from what size: csv-prestart.ts and parquet-prestart.ts.
 */
const KEY = Symbol.for('kohort.prestarted-worker');

/** What bin/kohort.js leaves on globalThis[KEY]. */
interface Prestarted {
  /** The worker script's URL (href). */
  url: string;
  worker: Worker;
  /** Set once the thread runs (its 'online' event). */
  online: boolean;
}

/** Options whose value kohort writes (never an input), e.g. `--out big.csv`. */
const OUTPUT_OPTIONS = new Set(['--out', '-o', '--rejects', '--duckdb-temp']);
/** With one of these nothing is read. */
const NO_RUN_OPTIONS = new Set(['--help', '-h', '--version', '-v', '--print-spec']);

/**
 * The arguments of a command line (`args`: process.argv without node and the script) that
 * may name an input file (not an option, nor the value of an output option), or undefined
 * when the run reads no file in memory (`--engine` other than memory, `--help`,
 * `--version`, `--print-spec`). Output paths (`--out x.csv`, `--rejects=x.csv`) are never
 * inputs; `--customers=x.csv` is one. prestartCsvArgument and prestartParquetArgument
 * pick the big file among them.
 */
export function inputArguments(args: readonly string[]): string[] | undefined {
  const candidates: string[] = [];
  for (let i = 0; i < args.length; ++i) {
    const a = args[i];
    if (a === '--') {
      candidates.push(...args.slice(i + 1));
      break;
    }
    if (NO_RUN_OPTIONS.has(a)) return undefined;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const option = eq > 0 ? a.slice(0, eq) : a;
    if (option === '--engine' || OUTPUT_OPTIONS.has(option)) {
      if (option === '--engine' && (eq > 0 ? a.slice(eq + 1) : args[i + 1]) !== 'memory') return undefined;
      if (eq < 0) ++i;
      continue;
    }
    candidates.push(eq > 0 ? a.slice(eq + 1) : a);
  }
  return candidates;
}

/**
 * The worker started ahead by bin/kohort.js for the script at `url` (the CSV or the
 * Parquet worker), if there is one (once: a second call gets undefined), kept alive until
 * stopped like a worker started now; and whether its thread already runs.
 */
export function takePrestartedWorker(url: URL): { worker: Worker; online: boolean } | undefined {
  const g = globalThis as { [KEY]?: Prestarted };
  const p = g[KEY];
  if (p === undefined || p.url !== url.href) return undefined;
  delete g[KEY];
  p.worker.ref();
  return { worker: p.worker, online: p.online };
}
