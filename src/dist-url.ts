/**
 * The URL of a file of the build by its path under dist/ ("./load/csv/csv-worker.js"):
 * worker scripts and bundled helpers. Resolved from this module, which sits at the top
 * of dist/ both as a file and inside the bundled CLI (dist/kohort-cli.cjs), so the path
 * is right either way.
 */
export function distUrl(path: string): URL {
  return new URL(path, import.meta.url);
}
