import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stdoutByIdentity, writesToTerminal } from '../../src/export/output-guard.js';
import { makeFifo } from '../fifo-reader.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writesToTerminal(file, stdoutIsTTY)', () => {
  it('standard output ("-", no file, /dev/stdout) is a terminal when stdout is one', () => {
    for (const file of [undefined, '-', '/dev/stdout']) {
      expect(writesToTerminal(file, true), String(file)).toBe(true);
      expect(writesToTerminal(file, false), String(file)).toBe(false);
    }
  });

  it('a file, a missing file, /dev/null and a FIFO are none (the FIFO is not opened: that would wait for a reader)', () => {
    const file = path.join(dir, 'out.arrow');
    writeFileSync(file, '');
    for (const f of [file, path.join(dir, 'missing.arrow'), '/dev/null', makeFifo()]) expect(writesToTerminal(f, true), f).toBe(false);
  });
});

describe('stdoutByIdentity(file)', () => {
  it('is false for "-" and the names of the descriptor (/dev/stdout, /dev/fd/1), and for a file that is not standard output', () => {
    const file = path.join(dir, 'plain.csv');
    writeFileSync(file, '');
    for (const f of ['-', '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1', file]) expect(stdoutByIdentity(f), f).toBe(false);
  });
});
