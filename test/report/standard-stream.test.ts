import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { standardStream } from '../../src/report/standard-stream.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-std-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('standardStream(file)', () => {
  it('names fd 1 and fd 2 by their path text', () => {
    expect(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1', `/proc/${process.pid}/fd/1`].map(standardStream)).toEqual([1, 1, 1, 1]);
    expect(['/dev/stderr', '/dev/fd/2', '/proc/self/fd/2'].map(standardStream)).toEqual([2, 2, 2]);
  });

  it('names fd 1 by device and inode through a link of any name (ln -s /dev/stdout so)', () => {
    const link = path.join(dir, 'so');
    symlinkSync('/dev/stdout', link);
    expect(standardStream(link)).toBe(1);
  });

  it('is undefined for a file that is not our stdout or stderr, one that does not exist, and /dev/null', () => {
    const file = path.join(dir, 'plain.csv');
    writeFileSync(file, 'x\n');
    expect([file, path.join(dir, 'missing.csv'), '/dev/null'].map(standardStream)).toEqual([undefined, undefined, undefined]);
  });
});
