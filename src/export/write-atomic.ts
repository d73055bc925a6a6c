import { randomBytes } from 'node:crypto';
import { closeSync, openSync, promises as fs, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fail, KohortError, systemErrorReason } from '../errors.js';
import { writableTarget, writeFully } from '../report/write-fd.js';

/** What writeAtomic writes: text or bytes whole, or a sequence of chunks (streamed). */
export type OutputData = string | Uint8Array | Iterable<string | Uint8Array>;

/** The temp file of an output: `.NAME.kohort-tmp-PID-RANDOM` beside it. */
const TMP = /^\.(.*)\.kohort-tmp-(\d+)-[0-9a-f]+$/;

function tempName(file: string): string {
  return path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.kohort-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** True when process `pid` is alive (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * sweepTemps: remove the temp files a killed run left beside `file` (a recognisable
 * name whose owner process is gone); a run still writing keeps its own.
 */
export function sweepTemps(file: string): string[] {
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TMP.exec(name);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || alive(pid)) continue;
    rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Temp files of this process being written, removed if it is interrupted. */
const open = new Set<string>();
let handlersOn = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const tmp of open) rmSync(tmp, { force: true });
  open.clear();
  // As if the signal had not been caught: 128 + its number.
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function track(tmp: string): void {
  open.add(tmp);
  if (!handlersOn) {
    handlersOn = true;
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
}

function untrack(tmp: string): void {
  open.delete(tmp);
  if (open.size === 0 && handlersOn) {
    handlersOn = false;
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/**
 * writeAtomic: write to a temp file beside the target, then rename it into place, so a
 * reader never sees a half-written output and a failed run leaves the old file intact.
 * Chunks are written as they come (the output is bounded by the disk, not by memory).
 * Temp files of killed runs are swept first; an interrupt (SIGINT, SIGTERM) removes this
 * run's; a SIGKILL's is swept by the next run writing the same output. A symlink's target
 * is replaced; a device, FIFO or /dev/stdout is written through (outputTarget).
 */
export async function writeAtomic(file: string, data: OutputData): Promise<void> {
  const target = writableTarget(file);
  if (target.through) return writeThrough(file, data);
  const dir = path.dirname(target.path);
  const tmp = tempName(target.path);
  let fd = -1;
  try {
    // "out/", "." or an existing folder: rename would say ENOTDIR or EBUSY, not what is wrong.
    if (/[\\/]$|(^|[\\/])\.\.?$/.test(file) || (await fs.stat(file).catch(() => undefined))?.isDirectory()) {
      throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    }
    await fs.mkdir(dir, { recursive: true });
    sweepTemps(target.path);
    fd = openSync(tmp, 'wx', 0o644);
    track(tmp);
    if (typeof data === 'string' || data instanceof Uint8Array) writeAll(fd, data);
    else {
      let n = 0;
      for (const chunk of data) {
        writeAll(fd, chunk);
        // Let signals (an interrupt) through on long writes.
        if (++n % 4 === 0) await new Promise((r) => setImmediate(r));
      }
    }
    closeSync(fd);
    fd = -1;
    await fs.rename(tmp, target.path);
    untrack(tmp);
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    rmSync(tmp, { force: true });
    untrack(tmp);
    if (e instanceof KohortError) throw e;
    fail('unwritableFile', { reason: systemErrorReason(e) }, { file });
  }
}

function writeAll(fd: number, chunk: string | Uint8Array): void {
  writeFully(fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
}

/** The output written straight into an existing device or FIFO, chunk by chunk. */
async function writeThrough(file: string, data: OutputData): Promise<void> {
  let fd = -1;
  try {
    fd = openSync(file, 'w');
    if (typeof data === 'string' || data instanceof Uint8Array) writeAll(fd, data);
    else for (const chunk of data) writeAll(fd, chunk);
  } catch (e) {
    // A chunk that fails to render says why itself.
    if (e instanceof KohortError) throw e;
    fail('unwritableFile', { reason: systemErrorReason(e) }, { file });
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}
