import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashFileSync } from '../../src/load/hash-file.js';
import { hashFile, hashInputs } from '../../src/load/hash-inputs.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-hash-'));

describe('hashFile', () => {
  it('is the SHA-256 of the bytes, streamed past one read buffer', async () => {
    const bytes = Buffer.alloc(3 * (1 << 20) + 17, 7);
    const f = path.join(dir, 'big.bin');
    writeFileSync(f, bytes);
    expect(await hashFile(f)).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });
});

describe('hashFileSync(file, gate)', () => {
  it('gives what hashFile gives, for empty, short and multi-buffer files, and throws on a missing file', async () => {
    for (const n of [0, 1, (1 << 20) - 1, 1 << 20, 2 * (1 << 20) + 3]) {
      const bytes = Buffer.alloc(n);
      for (let i = 0; i < n; i += 7) bytes[i] = (i * 31) & 255;
      const f = path.join(dir, `sync-${n}.bin`);
      writeFileSync(f, bytes);
      expect(hashFileSync(f)).toEqual(await hashFile(f));
    }
    expect(() => hashFileSync(path.join(dir, 'missing.bin'))).toThrow();
  });
});

// A big file is hashed on a worker thread, which runs compiled JavaScript: the build in dist/.
const built = fileURLToPath(new URL('../../dist/load/hash-worker.js', import.meta.url));
describe.skipIf(!existsSync(built))('hashFile on a worker thread (dist/)', () => {
  it('gives the same size and SHA-256 as hashing on this thread', async () => {
    const { hashFile: hashBuilt } = (await import(new URL('../../dist/load/hash-inputs.js', import.meta.url).href)) as typeof import('../../src/load/hash-inputs.js');
    const bytes = Buffer.alloc(17 * (1 << 20) + 5);
    for (let i = 0; i < bytes.length; i += 4093) bytes[i] = i & 255;
    const f = path.join(dir, 'bigger.bin');
    writeFileSync(f, bytes);
    expect(await hashBuilt(f)).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    await expect(hashBuilt(path.join(dir, 'missing.bin'))).rejects.toThrow();
  });

  it('waits at the background gate while a loader holds it, then hashes the whole file', async () => {
    const { hashFile: hashBuilt } = (await import(new URL('../../dist/load/hash-inputs.js', import.meta.url).href)) as typeof import('../../src/load/hash-inputs.js');
    const { holdBackground, releaseBackground } = (await import(new URL('../../dist/parallel/background-gate.js', import.meta.url).href)) as typeof import('../../src/parallel/background-gate.js');
    const bytes = Buffer.alloc(17 * (1 << 20) + 9, 3);
    const f = path.join(dir, 'gated.bin');
    writeFileSync(f, bytes);
    const hold = holdBackground();
    let done = false;
    const p = hashBuilt(f).then((h) => ((done = true), h));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    releaseBackground(hold);
    releaseBackground(hold); // a second release does nothing
    expect(await p).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });
});

describe.skipIf(!existsSync(built))('hashFile(file, signal) on a worker thread (dist/)', () => {
  it('rejects, with the thread stopped, when the run aborts while the hash waits at the gate', async () => {
    const { hashFile: hashBuilt } = (await import(new URL('../../dist/load/hash-inputs.js', import.meta.url).href)) as typeof import('../../src/load/hash-inputs.js');
    const { holdBackground, releaseBackground } = (await import(new URL('../../dist/parallel/background-gate.js', import.meta.url).href)) as typeof import('../../src/parallel/background-gate.js');
    const f = path.join(dir, 'aborted.bin');
    writeFileSync(f, Buffer.alloc(17 * (1 << 20), 5));
    const hold = holdBackground();
    const stop = new AbortController();
    const p = hashBuilt(f, stop.signal);
    p.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    stop.abort();
    const t0 = Date.now();
    await expect(p).rejects.toThrow();
    // Not after the gate's 30 s wait, nor a fallback hash on this thread.
    expect(Date.now() - t0).toBeLessThan(5000);
    releaseBackground(hold);
  });
});

describe('hashInputs', () => {
  it('lists activity then customers, paths as given; the same bytes give the same hash anywhere', async () => {
    writeFileSync(path.join(dir, 'a.csv'), 'id,t\n1,2024-01-01\n');
    writeFileSync(path.join(dir, 'c.csv'), 'id,t\n1,2024-01-01\n');
    const h = await hashInputs({ customers: path.join(dir, 'c.csv'), activity: path.join(dir, 'a.csv') });
    expect(h.map((x) => x.role)).toEqual(['activity', 'customers']);
    expect(h[0].sha256).toBe(h[1].sha256);
    expect(h[0].sha256).toBe(createHash('sha256').update('id,t\n1,2024-01-01\n').digest('hex'));
    expect(h[0].bytes).toBe(18);
    await expect(hashInputs({ activity: path.join(dir, 'missing.csv') })).rejects.toThrow();
  });
});
