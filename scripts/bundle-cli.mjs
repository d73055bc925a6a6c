// Bundles the compiled CLI (dist/cli/main.js) with arquero into one file,
// dist/kohort-cli.js, which bin/kohort.js loads. Loading arquero's ~170 modules one by
// one took ~200 ms of every run; one file takes a fraction of that. The packages every
// run imports at start (flechette, commander, hyparquet and its compressors, d3-array)
// are bundled too: resolving and linking them one module at a time took another
// ~70 ms of each run's start (import of the bundle 0.23 -> 0.16 s). The other
// packages stay external: they are loaded only by the commands that need them, and
// some find files next to their own modules (zstd's WebAssembly, native addons).
// Worker scripts stay separate files in dist/ (see src/dist-url.ts).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const bundled = new Set(['arquero', '@uwdata/flechette', 'commander', 'hyparquet', 'hyparquet-compressors', 'd3-array']);
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies ?? {})].filter((d) => !bundled.has(d));

await build({
  entryPoints: [new URL('dist/cli/main.js', root).pathname],
  outfile: new URL('dist/kohort-cli.js', root).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // commander is CommonJS: its require() of Node's modules needs a real require in ESM.
  banner: { js: "import { createRequire as __kohortRequire } from 'node:module'; const require = __kohortRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The loaders' worker scripts, each bundled in place with the hyparquet modules they
// read: a worker thread loads its ~65 modules one by one otherwise (~80 ms before the
// Parquet worker decodes its first page, on the load's critical path). Only scripts
// that never resolve a file from their own URL (dist-url.ts) can move into one file;
// the build fails if one starts to.
const workerBundled = new Set(['hyparquet', 'hyparquet-compressors']);
const workerExternal = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies ?? {})].filter((d) => !workerBundled.has(d));
for (const worker of ['dist/load/parquet/parquet-worker.js', 'dist/load/csv/csv-worker.js']) {
  const file = new URL(worker, root).pathname;
  const result = await build({
    entryPoints: [file],
    outfile: file,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: workerExternal,
    metafile: true,
    logLevel: 'warning',
  });
  const moved = Object.keys(result.metafile.inputs).filter((f) => f.endsWith('dist-url.js'));
  if (moved.length) throw new Error(`${worker} resolves files from its own URL (${moved.join(', ')}): it cannot be bundled`);
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
