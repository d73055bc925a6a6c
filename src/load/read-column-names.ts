import type { InputFormat } from './dataset.js';
import { readContentHead, readHead } from './file-bytes.js';
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
      const { asyncBufferFromFile, parquetMetadataAsync } = await import('hyparquet');
      const meta = await parquetMetadataAsync(await asyncBufferFromFile(path));
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
    const head = utf16ToUtf8(await readContentHead(path, 1 << 16));
    // Whole lines only; a prefix that does not parse (a quoted newline cut in two) gives up.
    const end = head.lastIndexOf(10);
    if (end < 0) return undefined;
    const data = readCSV(head.subarray(0, end + 1), { file: path, delimiter: opts.delimiter, header: opts.header, headerNames: opts.headerNames });
    return data.table.columnNames();
  } catch {
    return undefined;
  }
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
