import type { SingleBar } from 'cli-progress';

/** Hears how far a long load has got. */
export interface Progress {
  /** `done` units (bytes) of the total are read. */
  update(done: number): void;
  /** The load is over: clear the line. */
  done(): void;
}

/** The stream a progress line is written to (process.stderr by default). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const MB = 1 << 20;

/**
 * How long a load runs before its bar shows: a second, or KOHORT_PROGRESS_DELAY_MS
 * (for demos and the CLI's tests, which load small files).
 */
function defaultDelayMs(): number {
  const env = Number(process.env.KOHORT_PROGRESS_DELAY_MS);
  return Number.isFinite(env) && env >= 0 && process.env.KOHORT_PROGRESS_DELAY_MS !== '' ? env : 1000;
}

// cli-progress loads only for a terminal, where a bar may be drawn (~30 ms of start-up
// that pipes and files never need); it has loaded long before the first second is over.
let barModule: typeof import('cli-progress') | undefined;
let loading: Promise<void> | undefined;

/** Load the progress-bar library (progressLine starts this itself; tests await it). */
export function loadProgressBar(): Promise<void> {
  loading ??= import('cli-progress').then((m) => {
    barModule = (m as { default?: typeof import('cli-progress') }).default ?? m;
  });
  return loading;
}

function size(bytes: number): string {
  return bytes >= 10 * 1024 * MB ? `${(bytes / 1024 / MB).toFixed(1)} GB` : `${Math.round(bytes / MB)} MB`;
}

/**
 * A progress bar on a terminal: "Reading events.csv [=====-----] 34% | 120 MB / 351 MB",
 * drawn by cli-progress (a maintained progress-bar library: terminal width, redraw
 * throttling and cursor handling are its job) at most ten times a second, shown only
 * once the load has taken more than `delayMs` (a second), and cleared when it is done.
 * On a stream that is not a terminal (a pipe, a file, a test) it writes nothing.
 */
export function progressLine(
  label: string,
  total: number,
  opts: { stream?: ProgressStream; delayMs?: number; now?: () => number } = {},
): Progress | undefined {
  const stream = opts.stream ?? process.stderr;
  if (!stream.isTTY) return undefined;
  void loadProgressBar();
  const now = opts.now ?? (() => performance.now());
  const start = now();
  const delay = opts.delayMs ?? defaultDelayMs();
  let bar: SingleBar | undefined;
  return {
    update(done) {
      const value = Math.min(done, total);
      if (bar) {
        bar.update(value, { read: size(value) });
        return;
      }
      if (now() - start < delay || !barModule) return;
      bar = new barModule.SingleBar({
        stream: stream as NodeJS.WritableStream,
        format: `${label} [{bar}] {percentage}% | {read} / {size}`,
        barsize: 20,
        fps: 10,
        clearOnComplete: true,
        hideCursor: false,
        linewrap: false,
        gracefulExit: false,
      });
      bar.start(total, value, { read: size(value), size: size(total) });
    },
    done() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/**
 * A one-line status for work that cannot report how far it has got (a compute that runs
 * without turns of the event loop): "Computing the retention matrix ..." on a terminal,
 * cleared by done(). Nothing on a stream that is not a terminal.
 */
export function statusLine(label: string, opts: { stream?: ProgressStream } = {}): Progress | undefined {
  const stream = opts.stream ?? process.stderr;
  if (!stream.isTTY) return undefined;
  stream.write(`${label} ...`);
  return {
    update() {},
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
