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
