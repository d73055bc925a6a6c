/**
 * The URL of a compiled worker script by its path under dist/ ("./load/csv-worker.js").
 * Resolved from this module, which sits at the top of dist/ both as a file and inside
 * the bundled CLI (dist/kohort-cli.js), so the path is right either way.
 */
export function workerUrl(path: string): URL {
  return new URL(path, import.meta.url);
}
