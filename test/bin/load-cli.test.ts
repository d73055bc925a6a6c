import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheBytes, compileBundle, runBundle } from '../../bin/load-cli.js';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-load-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A bundle file with `text`, and a cache file made from it after calling its f(). */
function bundleWithCache(name: string, text: string): { file: string; cache: string } {
  const file = path.join(dir, `${name}.cjs`);
  const cache = path.join(dir, `${name}.cache`);
  writeFileSync(file, text);
  const { script, source } = compileBundle(file, path.join(dir, 'none'));
  runBundle(script, file).f();
  writeFileSync(cache, cacheBytes(source, script.createCachedData()));
  return { file, cache };
}

describe('compileBundle', () => {
  it('uses a cache made from the same bytes, and the code runs as compiled from source', () => {
    const { file, cache } = bundleWithCache('same', 'exports.f = () => [1, 2, 3].map((x) => x * 2).join(",");');
    const compiled = compileBundle(file, cache);
    expect(compiled.cache).toBe('used');
    expect(runBundle(compiled.script, file).f()).toBe('2,4,6');
  });

  it('ignores a cache made from other bytes of the same length (V8 itself checks only the length)', () => {
    const { file, cache } = bundleWithCache('first', 'exports.f = () => "one";');
    writeFileSync(file, 'exports.f = () => "two";');
    const compiled = compileBundle(file, cache);
    expect(compiled.cache).toBe('stale');
    expect(runBundle(compiled.script, file).f()).toBe('two');
  });

  it('ignores a damaged cache (V8 would run the damaged bytecode)', () => {
    const { file, cache } = bundleWithCache('damaged', 'exports.f = () => [4, 5].map((x) => x + 1).join(",");');
    const bytes = readFileSync(cache);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(cache, bytes);
    const compiled = compileBundle(file, cache);
    expect(compiled.cache).toBe('stale');
    expect(runBundle(compiled.script, file).f()).toBe('5,6');
  });

  it('compiles from source without a cache file', () => {
    const file = path.join(dir, 'plain.cjs');
    writeFileSync(file, 'exports.f = () => typeof this;');
    const compiled = compileBundle(file, path.join(dir, 'missing.cache'));
    expect(compiled.cache).toBe('none');
    // Strict, as the ES modules the bundle is built from: `this` in a plain call is undefined.
    expect(runBundle(compiled.script, file).f.call(undefined)).toBe('undefined');
  });

  it('gives the bundle an import() that still works when its code comes from the cache', async () => {
    const { file, cache } = bundleWithCache('imports', 'exports.f = () => __kohortImport("node:path").then((m) => m.posix.join("a", "b"));');
    const compiled = compileBundle(file, cache);
    expect(compiled.cache).toBe('used');
    await expect(runBundle(compiled.script, file).f()).resolves.toBe('a/b');
  });
});

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = `${root}dist/kohort-cli.cjs`;

describe.skipIf(!existsSync(built))('the built CLI bundle', () => {
  it('has no import() left: each one is __kohortImport (code from the cache has no import() callback)', () => {
    const imports: number[] = [];
    const walk = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(walk);
      const n = node as { type?: string; start: number };
      if (n.type === 'ImportExpression') imports.push(n.start);
      for (const v of Object.values(node)) walk(v);
    };
    const text = readFileSync(built, 'utf8');
    walk(parse(text, { ecmaVersion: 'latest', sourceType: 'script' }));
    expect(imports).toEqual([]);
    expect(text).toContain('__kohortImport("hyparquet-writer")');
  });

  it('is ASCII only (V8 holds a source with one non-ASCII character as two bytes a character), and reads euro amounts as the modules do', async () => {
    const bytes = readFileSync(built);
    expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
    // The currency pattern's signs are escapes in the bundle: the same amounts as the in-process CLI.
    const csv = path.join(dir, 'euros.csv');
    writeFileSync(csv, 'id,time,amount\na,2024-01-05,€12.50\nb,2024-01-09,8 €\na,2024-02-03,£3\nb,2024-02-10,¥7\n');
    const args = ['matrix', csv, '--id', 'id', '--time', 'time', '--mode', 'revenue', '--amount', 'amount', '--format', 'tidy-csv', '-q'];
    const viaBin = execFileSync(process.execPath, [`${root}bin/kohort.js`, ...args], { encoding: 'utf8' });
    expect(viaBin).toBe((await runCli(args)).stdout);
    expect(viaBin).toContain(',20.5,');
  });

  it('has a code cache that plain node uses (the build made it from these bytes, with these V8 flags)', () => {
    // A child process: the test runner's own V8 flags would make V8 refuse the cache.
    const loader = new URL('../../bin/load-cli.js', import.meta.url).href;
    const script = `import { compileBundle } from ${JSON.stringify(loader)}; process.stdout.write(compileBundle(process.argv[1], process.argv[2]).cache);`;
    const cache = execFileSync(process.execPath, ['--input-type=module', '-e', script, built, built.replace(/\.cjs$/, '.cache')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(cache).toBe('used');
  });
});
