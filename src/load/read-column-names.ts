import type { InputFormat } from './dataset.js';
import { readContentHead, readHead } from './file-bytes.js';
import { CsvReader } from './csv/csv-core.js';
import { readCSV } from './csv/read-csv.js';
import { utf16ToUtf8 } from './bytes/utf16.js';
import { formatFromExtension, isGzip, sniffFormat } from './sniff.js';

/**
 * readColumnNames: a file's column names without reading its data (CSV: the header of
 * the first 64 KB; Parquet: the footer's schema), so a run can plan which columns to
 * load. Undefined when that cannot be told cheaply (Arrow, NDJSON, odd files): the
 * caller then loads every column. Never throws: loadFile reports problems properly.
 */
export async function readColumnNames(
  path: string,
  opts: { format?: InputFormat; delimiter?: string; header?: boolean; headerNames?: readonly string[] } = {},
): Promise<string[] | undefined> {
  try {
    const format = opts.format ?? formatFromExtension(path) ?? sniffFormat(path, await readContentHead(path, 64));
    if (format === 'parquet') {
      if (isGzip(await readHead(path, 2))) return undefined;
      // Parsed once: the load takes the same footer (parquet-footer.ts).
      const { parquetFooter } = await import('./parquet/parquet-footer.js');
      const meta = await parquetFooter(path);
      // Top-level fields only: the first schema element is the root.
      const root = meta.schema[0];
      const names: string[] = [];
      for (let i = 1, left = root.num_children ?? 0; i < meta.schema.length && left > 0; --left) {
        names.push(meta.schema[i].name);
        i += 1 + descendants(meta.schema, i);
      }
      return names;
    }
    if (format !== 'csv') return undefined;
    const head = await csvHead(path);
    if (!head) return undefined;
    // Every column skipped: the head's records are checked (ragged rows), but no value
    // is parsed or interned and no table built. "__proto__" is left out as a Dataset leaves it out.
    const reader = new CsvReader({ file: path, delimiter: opts.delimiter, header: opts.header, headerNames: opts.headerNames, columns: [] });
    reader.consume(head, true);
    return reader.columnNames?.filter((n) => n !== '__proto__');
  } catch {
    return undefined;
  }
}

/** A header name given to more than one column: its 1-based positions and the names they are read as. */
export interface RepeatedHeaderName {
  name: string;
  columns: number[];
  readAs: string[];
}

/**
 * repeatedHeaderNames: the names a CSV header row repeats ("time" twice is read as "time"
 * and "time_2"), so a run can say which column a name denotes. Empty for distinct names,
 * headerless files and formats without a header row. Never throws.
 */
export async function repeatedHeaderNames(
  path: string,
  opts: { format?: InputFormat; delimiter?: string; header?: boolean } = {},
): Promise<RepeatedHeaderName[]> {
  if (opts.header === false) return [];
  try {
    const names = await readColumnNames(path, opts);
    // uniqueNames gives a repeated name a "_<k>" suffix: without one, nothing repeats
    // (and the head need not be read again, every field as text).
    if (!names?.some((n) => /_\d+$/.test(n))) return [];
    const head = await csvHead(path);
    if (!names || !head) return [];
    const raw = readCSV(head, { file: path, delimiter: opts.delimiter, header: false, text: () => true }).table;
    const positions = new Map<string, number[]>();
    raw.columnNames().forEach((c, i) => {
      const name = String(raw.get(c, 0) ?? '').trim();
      if (name) positions.set(name, [...(positions.get(name) ?? []), i + 1]);
    });
    return [...positions].filter(([, at]) => at.length > 1).map(([name, at]) => ({ name, columns: at, readAs: at.map((i) => names[i - 1]) }));
  } catch {
    return [];
  }
}

/** The first 64 KB of a CSV file as UTF-8, cut after its last whole line (undefined without one). */
async function csvHead(path: string): Promise<Uint8Array | undefined> {
  const head = utf16ToUtf8(await readContentHead(path, 1 << 16));
  // Whole lines only; a prefix that does not parse (a quoted newline cut in two) gives up.
  const end = head.lastIndexOf(10);
  return end < 0 ? undefined : head.subarray(0, end + 1);
}

/** Number of schema elements below element i (nested groups). */
function descendants(schema: { num_children?: number }[], i: number): number {
  let count = 0;
  let pending = schema[i].num_children ?? 0;
  let j = i + 1;
  while (pending > 0 && j < schema.length) {
    pending += (schema[j].num_children ?? 0) - 1;
    ++count;
    ++j;
  }
  return count;
}
