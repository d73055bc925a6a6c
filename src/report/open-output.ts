import { randomBytes } from 'node:crypto';
import { closeSync, constants, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fail, KohortError, systemErrorReason } from '../errors.js';
import { standardStream } from './standard-stream.js';
import { writableTarget } from './write-fd.js';

/** An output file open for writing: write to `fd`, then `finish()` it, or `abandon(e)` on an error. */
export interface OpenOutput {
  fd: number;
  /** Written through (a device, FIFO or /dev/stdout), not to a temp file renamed into place. */
  through: boolean;
  /** Close it and, for a temp file, rename it into place. */
  finish(): void;
  /** Close it, remove the temp file, and throw: a KohortError as it is, anything else as unwritableFile. */
  abandon(e: unknown): never;
}

/**
 * openOutput: open an output file the way every output of kohort is written: a temp file
 * beside the target, renamed into place by `finish`, so a reader never sees a half-written
 * output and a failed run leaves the old file intact. Temp files of killed runs are swept
 * first; an interrupt (SIGINT, SIGTERM) removes this run's; a SIGKILL's is swept by the next
 * run writing the same output. A symlink's target is replaced; a device, FIFO or /dev/stdout
 * is written through (outputTarget), never truncated: our own stdout or stderr by its
 * descriptor. A missing folder is made.
 */
export function openOutput(file: string): OpenOutput {
  const target = writableTarget(file);
  const failed = (e: unknown): never => {
    if (e instanceof KohortError) throw e;
    return fail('unwritableFile', { reason: systemErrorReason(e) }, { file });
  };
  let fd = -1;
  const close = (): void => {
    const closing = fd;
    // Reset first: a close that fails still frees the descriptor, and abandon must not close it again (EBADF).
    fd = -1;
    if (closing >= 0) closeSync(closing);
  };
  if (target.through) {
    const std = standardStream(file);
    // Our own stdout or stderr: its descriptor, as "-" is; reopening it would truncate a `>> log`.
    if (std !== undefined) return { fd: std, through: true, finish: () => undefined, abandon: (e) => failed(e) };
    try {
      // No O_TRUNC: a device, a FIFO or another process's descriptor is written to, never emptied.
      fd = openSync(file, constants.O_WRONLY | constants.O_APPEND);
    } catch (e) {
      failed(e);
    }
    return { fd, through: true, finish: close, abandon: (e) => (close(), failed(e)) };
  }
  const tmp = tempName(target.path);
  const abandon = (e: unknown): never => {
    close();
    rmSync(tmp, { force: true });
    untrack(tmp);
    return failed(e);
  };
  try {
    // "out/", "." or an existing folder: rename would say ENOTDIR or EBUSY, not what is wrong.
    if (/[\\/]$|(^|[\\/])\.\.?$/.test(file) || statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
      throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    }
    mkdirSync(path.dirname(target.path), { recursive: true });
    sweepTemps(target.path);
    fd = openSync(tmp, 'wx', 0o644);
    track(tmp);
  } catch (e) {
    abandon(e);
  }
  const finish = (): void => {
    try {
      close();
      renameSync(tmp, target.path);
      untrack(tmp);
    } catch (e) {
      abandon(e);
    }
  };
  return { fd, through: false, finish, abandon };
}

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
