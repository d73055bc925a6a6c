import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/export/write-atomic.js';
import { makeFifo, readFifo } from '../fifo-reader.js';

describe('writeAtomic(file, data)', () => {
  it('refuses a directory, named as one ("out/", ".", "..") or not, saying it is a directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-wa-'));
    mkdirSync(path.join(dir, 'out'));
    for (const name of ['out', 'out/', '.', '..']) {
      const file = name === '.' || name === '..' ? path.join(dir, 'out', name) : path.join(dir, name);
      await expect(writeAtomic(file, 'x'), name).rejects.toThrow(`${file}: cannot write the output (it is a directory)`);
    }
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readdirSync(path.join(dir, 'out'))).toEqual([]);
  });

  it('writes into a FIFO (as into /dev/null) instead of renaming a file over it', async () => {
    for (const data of ['a,b\n1,2\n', ['a,b\n', new TextEncoder().encode('1,2\n')]]) {
      const fifo = makeFifo();
      const read = readFifo(fifo);
      await writeAtomic(fifo, data);
      expect(await read).toBe('a,b\n1,2\n');
      expect(statSync(fifo).isFIFO()).toBe(true);
      expect(readdirSync(path.dirname(fifo))).toEqual(['out.fifo']);
    }
  });
});
