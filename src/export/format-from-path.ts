/**
 * The output format an --out path names by its extension, as a pure function: the CLI
 * takes the format from the file name when --format is not given, and refuses a name
 * that contradicts an explicit --format (`--format csv --out r.json`).
 */

/** Format families an extension can name (a family holds e.g. "csv" and "tidy-csv"). */
export type FormatFamily = 'csv' | 'tsv' | 'json' | 'ndjson' | 'arrow' | 'parquet' | 'html' | 'table';

/** Extension (lower case, no dot) -> format family. */
export const EXTENSION_FORMATS: Readonly<Record<string, FormatFamily>> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  arrow: 'arrow',
  ipc: 'arrow',
  feather: 'arrow',
  arrows: 'arrow',
  parquet: 'parquet',
  pq: 'parquet',
  html: 'html',
  htm: 'html',
  txt: 'table',
};

/** The extension of a path, lower case without the dot ("" when it has none). */
export function pathExtension(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** formatFromPath: the format family an output path names ("r.arrow" -> "arrow"), or undefined. */
export function formatFromPath(path: string): FormatFamily | undefined {
  return EXTENSION_FORMATS[pathExtension(path)];
}

/** The family of a format name: "tidy-csv" -> "csv", "tidy-tsv" -> "tsv", "arrow-stream" -> "arrow", others their own name. */
export function formatFamily(format: string): string {
  return format.replace(/^tidy-/, '').replace(/-stream$/, '');
}

/** What chooseOutputFormat decided, or why it could not. */
export type FormatChoice =
  | { ok: true; format: string }
  | { ok: false; reason: 'contradiction'; ext: string; family: FormatFamily }
  | { ok: false; reason: 'unavailable'; ext: string; family: FormatFamily }
  | { ok: false; reason: 'unknownExtension'; ext: string };

/**
 * chooseOutputFormat: the output format of a run.
 * - `format` given: used; with `out` whose extension names another family: a contradiction.
 * - else `out` with a known extension: that family's format, when `available` has it.
 * - else `out` with an unknown extension: undefined is refused (unknownExtension); without
 *   an extension: `fallback`.
 * - else (stdout): `tty ? "table" : fallback`.
 */
export function chooseOutputFormat(opts: {
  format?: string;
  out?: string;
  tty: boolean;
  available: readonly string[];
  fallback?: string;
}): FormatChoice {
  const fallback = opts.fallback ?? 'csv';
  const ext = opts.out === undefined ? '' : pathExtension(opts.out);
  const family = opts.out === undefined ? undefined : formatFromPath(opts.out);
  if (opts.format !== undefined) {
    if (family !== undefined && family !== formatFamily(opts.format)) {
      return { ok: false, reason: 'contradiction', ext, family };
    }
    return { ok: true, format: opts.format };
  }
  if (opts.out === undefined) return { ok: true, format: opts.tty ? 'table' : fallback };
  if (family === undefined) {
    return ext === '' ? { ok: true, format: fallback } : { ok: false, reason: 'unknownExtension', ext };
  }
  // ".arrows" is Apache Arrow's extension for the IPC stream format.
  const format = family === 'csv' ? fallback : ext === 'arrows' ? 'arrow-stream' : family;
  if (!opts.available.includes(format)) return { ok: false, reason: 'unavailable', ext, family };
  return { ok: true, format };
}
