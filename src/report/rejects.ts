import { formulaSafe } from './formula-safe.js';
import { closedPipe, fail, systemErrorReason } from '../errors.js';
import { STDOUT_FILE } from '../spec/stdout-file.js';
import { openOutput } from './open-output.js';
import { noteStdoutCut } from './stdout-cut.js';
import { writeFully } from './write-fd.js';

/**
 * Rejects: rows whose id, time or amount is present but cannot be read. Missing values
 * (empty, "NA") are not rejects: they are left out and counted in the load report.
 * By default a run fails when a file's rejects exceed 1% of its rows, else they are
 * skipped and reported (see enforceRejects).
 */

/** How many rejects a file may have: a share of its rows or a count. */
export interface RejectLimit {
  /** The limit as written ("1%", "0", "1000"). */
  text: string;
  /** A share of the rows (0.01 for 1%), or undefined for a count. */
  share?: number;
  count?: number;
}

/** The default: fail when more than 1% of a file's rows are rejected. */
export const DEFAULT_MAX_REJECTS = '1%';

/**
 * The limit of --max-rejects: `0` (no reject allowed), `5%` (a share of the rows, up to
 * 100%) or `1000` (a count).
 * @throws KohortError `badMaxRejects` for anything else
 */
export function parseMaxRejects(value: string | number = DEFAULT_MAX_REJECTS): RejectLimit {
  const text = String(value).trim();
  const share = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (share && Number(share[1]) <= 100) return { text, share: Number(share[1]) / 100 };
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return { text, count: Number(text) };
  return fail('badMaxRejects', { value: String(value) });
}

/** One rejected value. */
export interface Reject {
  file: string;
  /** 1-based data row. */
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** The rejects of a run, by file. */
export class Rejects {
  readonly list: Reject[] = [];
  private readonly rows = new Map<string, Set<number>>();

  add(r: Reject): void {
    this.list.push(r);
    let set = this.rows.get(r.file);
    if (set === undefined) this.rows.set(r.file, (set = new Set()));
    set.add(r.row);
  }

  /** Rows of `file` with at least one reject. */
  rowsOf(file: string): number {
    return this.rows.get(file)?.size ?? 0;
  }

  /** Rejects per column (for the report). */
  byColumn(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.list) out[r.column] = (out[r.column] ?? 0) + 1;
    return out;
  }
}

/** What the load report says of rejects. */
export interface RejectReport {
  /** Rows rejected (a row with two unreadable values counts once). */
  rows: number;
  /** Rejected values per column. */
  byColumn: Record<string, number>;
  /** The limit in force (--max-rejects). */
  limit: string;
  /** The first reject, for the report line. */
  first?: Reject;
}

/**
 * The rejects file of an analysis run in parts over the same files (the report's matrix
 * modes and churn parts, compare's curves, survival and revenue): each part adds its list, a value two parts rejected once, and the file is
 * written once with them all. A file per part would keep the last part's list (a revenue
 * mode's amounts lost to a classic mode after it), and on standard output or a FIFO it
 * would repeat, or block once the reader has gone.
 */
export class SharedRejects {
  readonly list: Reject[] = [];
  private readonly seen = new Set<string>();
  private added = false;
  private written = false;

  constructor(readonly file: string) {}

  /** A part's rejects, those not listed yet. */
  add(list: readonly Reject[]): void {
    this.added = true;
    for (const r of list) {
      const key = `${r.file}\u0000${r.row}\u0000${r.column}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.list.push(r);
    }
  }

  /** Write the file, once; not at all when no part got as far as reading its values. */
  write(): void {
    if (!this.added || this.written) return;
    this.written = true;
    writeRejects(this.file, this.list);
  }
}

/**
 * enforceRejects: write the rejects to `rejectsFile` (when given, whatever happens
 * next; a SharedRejects takes them and is written by its owner, or here before a
 * failure), then fail when a file's rejected rows exceed the limit, naming the file,
 * row, column and value of its first reject. Returns the report entry.
 * @throws KohortError `tooManyRejects`
 */
export function enforceRejects(
  rejects: Rejects,
  files: readonly { file: string; rows: number }[],
  limit: RejectLimit,
  rejectsFile?: string | SharedRejects,
): RejectReport {
  listRejects(rejects.list, rejectsFile);
  for (const { file, rows } of files) {
    const count = rejects.rowsOf(file);
    if (count === 0) continue;
    const allowed = limit.share !== undefined ? limit.share * rows : limit.count!;
    if (count > allowed) {
      if (rejectsFile instanceof SharedRejects) rejectsFile.write();
      const first = rejects.list.find((r) => r.file === file)!;
      fail(
        'tooManyRejects',
        { count, rows, limit: limit.text, value: first.value, reason: first.reason, listed: rejectsFile !== undefined },
        { file, row: first.row, column: first.column },
      );
    }
  }
  const rows = files.reduce((s, f) => s + rejects.rowsOf(f.file), 0);
  return { rows, byColumn: rejects.byColumn(), limit: limit.text, first: rejects.list[0] };
}

/**
 * listedOnFailure: `run`, and when it throws (a column refused while read, such as
 * ymdExceptRows), the rejects listed so far written first, header only when none: the
 * rejects file is written also when the run then fails.
 */
export function listedOnFailure<T>(rejects: Rejects, to: string | SharedRejects | undefined, run: () => T): T {
  try {
    return run();
  } catch (err) {
    listRejects(rejects.list, to);
    if (to instanceof SharedRejects) to.write();
    throw err;
  }
}

/** listRejects: write `list` to the rejects file, or give it to the analysis's shared one (written by its owner). */
export function listRejects(list: readonly Reject[], to: string | SharedRejects | undefined): void {
  if (typeof to === 'string') writeRejects(to, list);
  else to?.add(list);
}

/** One CSV field, formula-safe (a rejected value is raw input), quoted when it must be. */
function field(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : formulaSafe(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * writeRejects: the rejects as CSV (`file,row,column,value,reason`, one line each, as
 * DuckDB's reject tables list them), written as every output is (openOutput: a temp file
 * renamed into place; a symlink's target replaced, a device, FIFO or /dev/stdout written
 * through); "-" is standard output. Standard output's reader gone (`| head`) does not
 * stop the run: the rest is dropped and noted (noteStdoutCut), the other outputs written.
 */
export function writeRejects(target: string, list: readonly Reject[]): void {
  if (target === STDOUT_FILE) {
    try {
      writeLines(1, list);
    } catch (e) {
      if (closedPipe(e)) return noteStdoutCut(target);
      fail('unwritableFile', { reason: systemErrorReason(e) }, { file: target });
    }
    return;
  }
  const out = openOutput(target);
  try {
    writeLines(out.fd, list);
    out.finish();
  } catch (e) {
    if (out.fd === 1 && closedPipe(e)) return noteStdoutCut(target);
    out.abandon(e);
  }
}

/** The rejects CSV, header first, to an open file descriptor. */
function writeLines(fd: number, list: readonly Reject[]): void {
  const write = (s: string): void => writeFully(fd, Buffer.from(s, 'utf8'));
  write('file,row,column,value,reason\n');
  const B = 4096;
  for (let i = 0; i < list.length; i += B) {
    write(list.slice(i, i + B).map((r) => `${field(r.file)},${r.row},${field(r.column)},${field(r.value)},${field(r.reason)}\n`).join(''));
  }
}
