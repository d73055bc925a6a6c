import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INTERN_WASM } from '../../../src/load/dict/intern-wasm-bytes.js';

const root = new URL('../../../', import.meta.url);
const committed = new Uint8Array(readFileSync(new URL('wasm/intern-table.wasm', root)));

// The compiler is a devDependency: without it (a production install) the rebuild is skipped.
const hasCompiler = await import('assemblyscript/asc').then(
  () => true,
  () => false,
);

describe('the interning kernel (wasm/intern-table.wasm)', () => {
  it('is the bytes the loaders import (src/load/dict/intern-wasm-bytes.ts)', () => {
    expect(new Uint8Array(Buffer.from(INTERN_WASM, 'base64'))).toEqual(committed);
  });

  it.skipIf(!hasCompiler)('is what scripts/build-wasm.mjs compiles from wasm/intern-table.ts (AssemblyScript installed)', async () => {
    const { compileKernel, bytesModule } = await import('../../../scripts/build-wasm.mjs');
    const wasm = await compileKernel();
    expect(Buffer.from(wasm).equals(Buffer.from(committed))).toBe(true);
    expect(bytesModule(wasm)).toBe(readFileSync(new URL('src/load/dict/intern-wasm-bytes.ts', root), 'utf8'));
  }, 60_000);
});
