// Loads the bundled CLI (dist/kohort-cli.cjs) with V8's code cache (dist/kohort-cli.cache,
// written by scripts/code-cache.mjs at build time). Node 20 has no compile cache for
// modules: compiling the 2 MB bundle and then, during the run, each function it calls took
// ~0.1 s of CPU of every command; with the cache V8 reads the bytecode instead.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Bytes of the cache file's header: the SHA-256 of the bundle it was made from and of the
 * cached data (V8 checks neither: it runs stale or damaged bytecode as it finds it).
 */
const HEADER = 32;

const digest = (source, data) => createHash('sha256').update(source).update(data).digest();

/**
 * The bundle's source as the function CommonJS would wrap it in (strict, as the ES modules
 * it was built from), with __kohortImport for its import() (see scripts/bundle-cli.mjs).
 */
export function wrapBundle(source) {
  return `(function (exports, require, module, __filename, __dirname, __kohortImport) {"use strict";${source}\n})`;
}

/** The cache file's bytes for a bundle source (Buffer) and V8's cached data. */
export function cacheBytes(source, data) {
  return Buffer.concat([digest(source, data), data]);
}

/**
 * The compiled bundle at `file` (a CommonJS file) with its code cache `cacheFile` when
 * that was made from these very bytes, is whole, and this V8 accepts it; compiled from
 * source otherwise. Returns the script, to run or to make a cache from, and `cache`:
 * "used", "rejected" (by V8: another Node version or V8 flags), "stale" (made from other
 * bytes, or damaged) or "none".
 */
export function compileBundle(file, cacheFile) {
  const source = readFileSync(file);
  let cachedData;
  let cache = 'none';
  try {
    const bytes = readFileSync(cacheFile);
    const data = bytes.subarray(HEADER);
    if (bytes.length > HEADER && bytes.subarray(0, HEADER).equals(digest(source, data))) cachedData = data;
    else cache = 'stale';
  } catch {
    // no cache: compile from source
  }
  const script = new vm.Script(wrapBundle(source.toString('utf8')), {
    filename: file,
    cachedData,
  });
  if (cachedData) cache = script.cachedDataRejected ? 'rejected' : 'used';
  return { script, source, cache };
}

/**
 * Run a compiled bundle (see compileBundle) as the CommonJS module at `file`; returns its
 * exports. Its import() of a package resolves from here: bin/ and dist/ sit side by side
 * in the package, so node_modules are looked up in the same folders.
 * @param {vm.Script} script
 * @param {string} file
 * @returns {Record<string, any>}
 */
export function runBundle(script, file) {
  const module = { exports: /** @type {Record<string, any>} */ ({}) };
  const hostImport = (specifier) => import(specifier);
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file), hostImport);
  return module.exports;
}
