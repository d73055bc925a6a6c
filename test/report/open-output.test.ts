import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openOutput } from '../../src/report/open-output.js';

/** closeSync that, once armed, closes the descriptor and then fails as a full NFS disk does (EIO). */
let failNextClose = false;
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    closeSync: (fd: number) => {
      real.closeSync(fd);
      if (failNextClose) {
        failNextClose = false;
        throw Object.assign(new Error('EIO: i/o error, close'), { code: 'EIO' });
      }
    },
  };
});

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openOutput(file)', () => {
  it('finish(): a close that fails removes the temp file and reports the close\'s own error, not EBADF', () => {
    const out = openOutput(path.join(dir, 'm.csv'));
    fs.writeSync(out.fd, 'a\n');
    failNextClose = true;
    expect(() => out.finish()).toThrow('cannot write the output (input/output error)');
    expect(readdirSync(dir)).toEqual([]);
  });
});
