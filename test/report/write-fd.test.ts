import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MS, writeFully, type FdCalls } from '../../src/report/write-fd.js';

const eagain = (): Error => Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });

/** A pipe that is full for the tries listed in `full` and takes at most `take` bytes per write. */
function pipe(full: Set<number>, take: number) {
  const got: number[] = [];
  const waits: number[] = [];
  let tries = 0;
  const calls: FdCalls = {
    write: (_fd, b, offset, length) => {
      if (full.has(tries++)) throw eagain();
      const n = Math.min(take, length);
      got.push(...b.subarray(offset, offset + n));
      return n;
    },
    wait: (ms) => void waits.push(ms),
  };
  return { calls, got, waits };
}

describe('writeFully(fd, b, calls)', () => {
  it('sleeps between tries on a full pipe (1 ms doubling to MAX_WAIT_MS, back to 1 ms after a write), never spins; every byte arrives in order', () => {
    const b = Uint8Array.from({ length: 10 }, (_, i) => i);
    const p = pipe(new Set([0, 1, 2, 3, 4, 5, 6, 7, 9]), 4);
    writeFully(1, b, p.calls);
    expect(p.got).toEqual([...b]);
    expect(p.waits).toEqual([1, 2, 4, 8, 16, MAX_WAIT_MS, MAX_WAIT_MS, MAX_WAIT_MS, 1]);
  });

  it('throws any other error', () => {
    const calls: FdCalls = { write: () => { throw Object.assign(new Error('EPIPE'), { code: 'EPIPE' }); }, wait: () => {} };
    expect(() => writeFully(1, new Uint8Array(3), calls)).toThrow('EPIPE');
  });

  it('writes a file through fs.writeSync by default', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kohort-fd-')), 'x');
    const fd = openSync(file, 'w');
    writeFully(fd, Buffer.from('hello\n'));
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe('hello\n');
  });
});
