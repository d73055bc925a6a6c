import path from 'node:path';

/**
 * standardStream: 1 or 2 when an output path names this process's standard output or
 * error (/dev/stdout, /dev/fd/1, /proc/self/fd/1, /proc/PID/fd/1 and their fd 2 twins),
 * else undefined. Opening such a path anew would truncate what the shell opened for
 * append (`>> log`), so it is written to the descriptor itself.
 */
export function standardStream(file: string): 1 | 2 | undefined {
  const p = path.resolve(file);
  for (const fd of [1, 2] as const) {
    const name = fd === 1 ? 'stdout' : 'stderr';
    if (p === `/dev/${name}` || p === `/dev/fd/${fd}` || p === `/proc/self/fd/${fd}` || p === `/proc/thread-self/fd/${fd}` || p === `/proc/${process.pid}/fd/${fd}`) return fd;
  }
  return undefined;
}
