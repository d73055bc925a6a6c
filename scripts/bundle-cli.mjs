// Bundles the compiled CLI (dist/cli/main.js) with arquero into one file,
// dist/kohort-cli.cjs, which bin/kohort.js loads. Loading arquero's ~170 modules one by
// one took ~200 ms of every run; one file takes a fraction of that. The packages every
// run imports at start (flechette, commander, hyparquet and its compressors, d3-array,
// and the d3 modules of the charts) are bundled too: resolving and linking them one module
// at a time took another ~70 ms of each run's start (import of the bundle 0.23 -> 0.16 s).
// The other packages stay external: they are loaded only by the commands that need them,
// and some find files next to their own modules (zstd's WebAssembly, native addons).
// The bundle is CommonJS so that bin/load-cli.js can compile it with V8's code cache, made
// by scripts/code-cache.mjs below (Node 20 caches no ES module's code).
// Worker scripts stay separate files in dist/ (see src/dist-url.ts).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const bundled = new Set(['arquero', '@uwdata/flechette', 'commander', 'hyparquet', 'hyparquet-compressors', 'fzstd', 'hysnappy', 'd3-array', 'd3-scale', 'd3-scale-chromatic', 'd3-shape']);
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies ?? {})].filter((d) => !bundled.has(d));

// The ES module bundle of earlier builds: nothing loads it any more.
rmSync(new URL('dist/kohort-cli.js', root), { force: true });
await build({
  entryPoints: [new URL('dist/cli/main.js', root).pathname],
  outfile: new URL('dist/kohort-cli.cjs', root).pathname,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external,
  // Modules find worker scripts and packages from their own URL: the bundle's, in dist/.
  define: { 'import.meta.url': '__kohortUrl' },
  banner: { js: "const __kohortUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
hostImports(new URL('dist/kohort-cli.cjs', root));

/**
 * Every import() of the bundle becomes __kohortImport(), which bin/load-cli.js passes in:
 * V8 gives code compiled from a cache no import() callback (vm.Script's own is
 * experimental in Node 20 and is lost with the cache). Found by parsing, not by text.
 */
function hostImports(file) {
  const text = readFileSync(file, 'utf8');
  const at = [];
  const walk = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (node.type === 'ImportExpression') at.push(node.start);
    if (node.type === 'TemplateElement' && /[^\x00-\x7f]/.test(node.value.raw)) throw new Error(`bundle-cli: a template literal with non-ASCII text at ${node.start}: asciiOnly() would change its raw text`);
    for (const k in node) if (k !== 'type' && k !== 'start' && k !== 'end') walk(node[k]);
  };
  walk(parse(text, { ecmaVersion: 'latest', sourceType: 'script' }));
  let out = text;
  for (const start of at.sort((a, b) => b - a)) {
    if (!out.startsWith('import', start)) throw new Error(`bundle-cli: no import() at ${start}`);
    out = `${out.slice(0, start)}__kohortImport${out.slice(start + 'import'.length)}`;
  }
  writeFileSync(file, asciiOnly(out));
}

/**
 * The bundle's text with every non-ASCII character as a backslash-u escape (two for one
 * outside the BMP): the same in comments, strings and regular expressions. V8 then holds
 * the source as one byte a character; the euro sign of a currency pattern left in it made
 * V8 decode the whole 2 MB into two bytes a character, and scan it so for every function
 * it compiles.
 */
function asciiOnly(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// The worker scripts, each bundled in place with the modules they read: a worker thread
// loads its modules one by one otherwise (~80 ms before the Parquet worker decodes its
// first page, on the load's critical path; the kernels' worker loaded 29 files, ~14 ms of
// CPU). In a bundle every module's import.meta.url is that of dist/dist-url.js, so that
// distUrl still resolves from the top of dist/; a module that resolves a file from its own
// URL any other way than createRequire (which only looks up packages) fails the build.
const workerBundled = new Set(['hyparquet', 'hyparquet-compressors', 'fzstd', 'hysnappy']);
const workerExternal = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies ?? {})].filter((d) => !workerBundled.has(d));
const distUrlFile = new URL('dist/dist-url.js', root).pathname;
for (const worker of ['dist/load/parquet/parquet-worker.js', 'dist/load/csv/csv-worker.js', 'dist/engine/memory/chunk-worker.js']) {
  const file = new URL(worker, root).pathname;
  const entry = readFileSync(file, 'utf8'); // the bundle replaces it
  // Already bundled (this script run again without tsc): bundling the bundle would declare the banner twice.
  if (entry.startsWith('const __kohortDistUrl =')) continue;
  const result = await build({
    entryPoints: [file],
    outfile: file,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: workerExternal,
    define: { 'import.meta.url': '__kohortDistUrl' },
    banner: { js: `const __kohortDistUrl = new URL(${JSON.stringify(path.relative(path.dirname(file), distUrlFile))}, import.meta.url).href;` },
    metafile: true,
    logLevel: 'warning',
  });
  for (const input of Object.keys(result.metafile.inputs)) {
    const full = path.resolve(new URL('.', root).pathname, input);
    if (full === distUrlFile) continue;
    const text = (full === file ? entry : readFileSync(full, 'utf8')).replaceAll('createRequire(import.meta.url)', '');
    if (text.includes('import.meta')) throw new Error(`${worker}: ${input} resolves a file from its own URL: it cannot be bundled`);
  }
}

// stdlib's gamma functions (for the log-rank p-value) as one CommonJS file, which
// src/stats/chi-square.ts loads when it exists.
await build({
  stdin: {
    contents: "module.exports = { gammainc: require('@stdlib/math-base-special-gammainc'), gammaln: require('@stdlib/math-base-special-gammaln') };",
    resolveDir: new URL('.', root).pathname,
    loader: 'js',
  },
  outfile: new URL('dist/stats/stdlib-gamma.cjs', root).pathname,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});

// V8's code cache of the CLI bundle, from runs of the main commands on generated data.
// Without it the CLI works, only compiling at each start: a failure here does not fail the build.
try {
  execFileSync(process.execPath, [new URL('code-cache.mjs', import.meta.url).pathname], { stdio: 'inherit' });
} catch (e) {
  rmSync(new URL('dist/kohort-cli.cache', root), { force: true });
  console.warn(`bundle-cli: no code cache (${e.message}); the CLI compiles its bundle at each start`);
}
