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

function size(bytes: number): string {
  return bytes >= 10 * 1024 * MB ? `${(bytes / 1024 / MB).toFixed(1)} GB` : `${Math.round(bytes / MB)} MB`;
}

/**
 * A progress line on a terminal: "Reading events.csv: 120 MB / 351 MB (34%)",
 * rewritten in place at most ten times a second, shown only once the load has taken
 * more than `delayMs` (a second), and erased when it is done. On a stream that is not
 * a terminal (a pipe, a file, a test) it writes nothing.
 */
export function progressLine(
  label: string,
  total: number,
  opts: { stream?: ProgressStream; delayMs?: number; now?: () => number } = {},
): Progress | undefined {
  const stream = opts.stream ?? process.stderr;
  if (!stream.isTTY) return undefined;
  const now = opts.now ?? (() => performance.now());
  const start = now();
  const delay = opts.delayMs ?? 1000;
  let last = -Infinity;
  let shown = false;
  return {
    update(done) {
      const t = now();
      if (t - start < delay || t - last < 100) return;
      last = t;
      const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
      let text = `${label}: ${size(Math.min(done, total))} / ${size(total)} (${pct}%)`;
      const width = (stream.columns ?? 80) - 1;
      if (text.length > width) text = text.slice(text.length - width);
      stream.write(`\r${text}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
