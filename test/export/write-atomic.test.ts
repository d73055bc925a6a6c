import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('follows a symlink: a FIFO or device behind it is written through, a file behind it replaced, the link kept', async () => {
    const fifo = makeFifo();
    const dir = path.dirname(fifo);
    symlinkSync(fifo, path.join(dir, 'to-fifo'));
    const read = readFifo(fifo);
    await writeAtomic(path.join(dir, 'to-fifo'), 'x\n');
    expect(await read).toBe('x\n');
    // A link to a character device (never the device itself in a test): renamed over, the link became a file.
    symlinkSync('/dev/null', path.join(dir, 'to-null'));
    await writeAtomic(path.join(dir, 'to-null'), 'x\n');
    expect(lstatSync(path.join(dir, 'to-null')).isSymbolicLink()).toBe(true);
    expect(statSync(path.join(dir, 'to-null')).isCharacterDevice()).toBe(true);
    // A link to a file, and one to a file not there yet: the target gets the output.
    writeFileSync(path.join(dir, 'old.csv'), 'old\n');
    symlinkSync('old.csv', path.join(dir, 'to-old'));
    symlinkSync('new.csv', path.join(dir, 'to-new'));
    await writeAtomic(path.join(dir, 'to-old'), 'a\n');
    await writeAtomic(path.join(dir, 'to-new'), 'b\n');
    expect(readlinkSync(path.join(dir, 'to-old'))).toBe('old.csv');
    expect(readFileSync(path.join(dir, 'old.csv'), 'utf8')).toBe('a\n');
    expect(readFileSync(path.join(dir, 'new.csv'), 'utf8')).toBe('b\n');
    expect(readdirSync(dir).sort()).toEqual(['new.csv', 'old.csv', 'out.fifo', 'to-fifo', 'to-new', 'to-null', 'to-old']);
  });

  it('writes where the system resolves the path: ".." after a symlinked folder, a relative link reached through one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-wa-'));
    mkdirSync(path.join(dir, 'deep', 'real'), { recursive: true });
    symlinkSync(path.join(dir, 'deep', 'real'), path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'in.csv'), 'input\n');
    // sub/.. is deep/, not dir/: the text's "up one" would name dir/in.csv.
    await writeAtomic(`${dir}/sub/../in.csv`, 'out\n');
    expect(readFileSync(path.join(dir, 'in.csv'), 'utf8')).toBe('input\n');
    expect(readFileSync(path.join(dir, 'deep', 'in.csv'), 'utf8')).toBe('out\n');
    // deep/real/link -> ../t.csv is deep/t.csv, also when reached as alias/link.
    symlinkSync(path.join(dir, 'deep', 'real'), path.join(dir, 'alias'));
    symlinkSync('../t.csv', path.join(dir, 'deep', 'real', 'link'));
    writeFileSync(path.join(dir, 't.csv'), 'input\n');
    await writeAtomic(path.join(dir, 'alias', 'link'), 'out\n');
    expect(readFileSync(path.join(dir, 't.csv'), 'utf8')).toBe('input\n');
    expect(readFileSync(path.join(dir, 'deep', 't.csv'), 'utf8')).toBe('out\n');
  });

  it('says it cannot write a path below a file, naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-wa-'));
    writeFileSync(path.join(dir, 'plain.txt'), 'x\n');
    const file = path.join(dir, 'plain.txt', 'out.csv');
    await expect(writeAtomic(file, 'x')).rejects.toThrow(`${file}: cannot write the output`);
  });

  it('passes a kohort error raised while the chunks are made through unchanged, to a file and to a device written through', async () => {
    const { fail, KohortError } = await import('../../src/errors.js');
    const chunks = function* (): Generator<string> {
      yield 'a,b\n';
      fail('duplicateOutput', { file: 'x.csv' });
    };
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-wa-'));
    for (const file of [path.join(dir, 'out.csv'), '/dev/null']) {
      const e = await writeAtomic(file, chunks()).catch((x: unknown) => x);
      expect(e, file).toBeInstanceOf(KohortError);
      expect((e as InstanceType<typeof KohortError>).code, file).toBe('duplicateOutput');
      expect((e as Error).message, file).toBe('two outputs write "x.csv"; give each its own file');
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
