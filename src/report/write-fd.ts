import { lstatSync, readlinkSync, realpathSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fail, systemErrorReason } from '../errors.js';

/** The calls writeFully makes: a write (as fs.writeSync) and a sleep of `ms` milliseconds. */
export interface FdCalls {
  write: (fd: number, b: Uint8Array, offset: number, length: number) => number;
  wait: (ms: number) => void;
}

const cell = new Int32Array(new SharedArrayBuffer(4));
const SYSTEM: FdCalls = { write: writeSync, wait: (ms) => void Atomics.wait(cell, 0, 0, ms) };

/** The longest sleep between two tries on a full pipe: a reader that drains it waits at most this long. */
export const MAX_WAIT_MS = 32;

/**
 * writeFully: every byte of `b` to `fd`, synchronously. Standard output may be a
 * non-blocking pipe (Node makes it one once process.stdout is touched): a full pipe
 * answers EAGAIN, and the write is tried again after a sleep (1 ms, doubling up to
 * MAX_WAIT_MS; back to 1 ms after each write that goes through), so a slow reader is
 * waited out without spinning a core. Any other error is thrown.
 */
export function writeFully(fd: number, b: Uint8Array, calls: FdCalls = SYSTEM): void {
  let ms = 1;
  for (let o = 0; o < b.length; ) {
    try {
      o += calls.write(fd, b, o, b.length - o);
      ms = 1;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      calls.wait(ms);
      ms = Math.min(ms * 2, MAX_WAIT_MS);
    }
  }
}

/** Where an output goes: the file to replace atomically, or written through (`through`). */
export interface OutputTarget {
  path: string;
  through: boolean;
}

/**
 * outputTarget: how an output file is written. A symlink is followed, so its target is
 * replaced, not the link. Something other than a regular file or a folder (a character
 * device such as /dev/null, a FIFO, a socket), or a link in /dev or /proc (/dev/stdout is
 * one to the process's fd 1, perhaps a file the shell opened), is written through, as a
 * shell redirection would: a temp file renamed over it would replace it.
 */
export function outputTarget(file: string): OutputTarget {
  let p = physicalPath(path.isAbsolute(file) ? file : `${process.cwd()}${path.sep}${file}`);
  for (let hops = 0; hops < 40; ++hops) {
    const s = lstatSync(p, { throwIfNoEntry: false });
    if (!s) return { path: p, through: false };
    if (!s.isSymbolicLink()) return { path: p, through: !s.isFile() && !s.isDirectory() };
    // /dev/stdout, /dev/fd/1, /proc/self/fd/1: a descriptor of this process, never renamed over.
    if (/^[\\/](dev|proc)[\\/]/.test(p)) return { path: file, through: true };
    const link = readlinkSync(p);
    p = physicalPath(path.isAbsolute(link) ? link : `${path.dirname(p)}${path.sep}${link}`);
  }
  // A loop of links: opening it says so.
  return { path: file, through: true };
}

/** outputTarget, a path it cannot resolve (below a file, in a folder without access) failing as unwritableFile. */
export function writableTarget(file: string): OutputTarget {
  try {
    return outputTarget(file);
  } catch (e) {
    return fail('unwritableFile', { reason: systemErrorReason(e) }, { file });
  }
}

/**
 * The path the system resolves: its folder by realpath (a `..` after a symlinked folder
 * goes up from the real folder, not the text's), a folder not made yet below the nearest
 * one that exists. path.resolve alone works on the text, and could name another file
 * (`sub/../in.csv` with `sub` a link) than the one the guard against inputs checked; so
 * does realpathSync's JavaScript version, hence the native one.
 */
function physicalPath(p: string): string {
  const dir = path.dirname(p);
  const base = path.basename(p);
  if (dir === p) return p;
  let real: string;
  try {
    real = realpathSync.native(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    real = physicalPath(dir);
  }
  return base === '.' ? real : base === '..' ? path.dirname(real) : path.join(real, base);
}
