import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/export/write-atomic.js';

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
});
