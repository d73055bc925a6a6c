import { fstatSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * standardStream: 1 or 2 when an output path names this process's standard output or
 * error, else undefined: by its path text (/dev/stdout, /dev/fd/1, /proc/self/fd/1,
 * /proc/PID/fd/1 and their fd 2 twins), or by device and inode (a link of any name to
 * /dev/stdout, the terminal's /dev/pts/N). Opening such a path anew would truncate what
 * the shell opened for append (`>> log`), so it is written to the descriptor itself.
 */
export function standardStream(file: string): 1 | 2 | undefined {
  const named = standardStreamName(file);
  if (named !== undefined) return named;
  const p = path.resolve(file);
  // /dev/null takes anything: stdout sent there too is no reason to refuse or reroute it.
  if (p === '/dev/null') return undefined;
  let st;
  try {
    st = statSync(p, { throwIfNoEntry: false, bigint: true });
  } catch {
    // Unreadable (a loop of links, no access): the writer says why.
    return undefined;
  }
  if (!st) return undefined;
  for (const fd of [1, 2] as const) {
    const own = fstatOrNull(fd);
    if (own && own.dev === st.dev && own.ino === st.ino) return fd;
  }
  return undefined;
}

/** 1 or 2 when a path names this process's standard output or error by its text (/dev/stdout, /dev/fd/1, /proc/self/fd/1...), else undefined. */
export function standardStreamName(file: string): 1 | 2 | undefined {
  const p = path.resolve(file);
  for (const fd of [1, 2] as const) {
    const name = fd === 1 ? 'stdout' : 'stderr';
    if (p === `/dev/${name}` || p === `/dev/fd/${fd}` || p === `/proc/self/fd/${fd}` || p === `/proc/thread-self/fd/${fd}` || p === `/proc/${process.pid}/fd/${fd}`) return fd;
  }
  return undefined;
}

function fstatOrNull(fd: number): { dev: bigint; ino: bigint } | null {
  try {
    return fstatSync(fd, { bigint: true });
  } catch {
    // A closed descriptor: only the path text can name it.
    return null;
  }
}
